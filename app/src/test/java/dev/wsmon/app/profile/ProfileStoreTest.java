package dev.wsmon.app.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileStoreTest {

    @TempDir
    Path dir;

    private static Profile withHeader(String value) {
        return Profile.of(List.of(ConnectionProfile.of("feed", "wss://feed.example.com/")
                .withHeaders(Map.of("Authorization", value))));
    }

    @Test
    void saveThenLoad_roundTrips() throws Exception {
        Path file = dir.resolve("p.json");
        ProfileStore.save(ProfileCodecTest.full(), file);
        assertThat(ProfileStore.load(file).profile()).isEqualTo(ProfileCodecTest.full());
    }

    @Test
    void save_writesTemplates_neverTheirValues() throws Exception {
        String home = System.getenv("HOME");
        assumeTrue(home != null && !home.isEmpty(), "needs HOME set");
        Path file = dir.resolve("p.json");
        ProfileStore.save(withHeader("Bearer ${HOME}"), file);
        String text = Files.readString(file);
        assertThat(text).contains("Bearer ${HOME}").doesNotContain("Bearer " + home);
        assertThat(ProfileStore.load(file).profile().connections().get(0).headers()).containsEntry("Authorization", "Bearer ${HOME}");
    }

    @Test
    void save_keepsThePreviousFileAsBak() throws Exception {
        Path file = dir.resolve("p.json");
        ProfileStore.save(withHeader("first"), file);
        String first = Files.readString(file);
        ProfileStore.save(withHeader("second"), file);
        assertThat(Files.readString(dir.resolve("p.json.bak"))).isEqualTo(first);
        assertThat(Files.readString(file)).contains("second");
    }

    @Test
    void save_isOwnerOnly_andLeavesNoTemporaryFile() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX permissions");
        Path file = dir.resolve("p.json");
        Files.writeString(file, "{\"version\": 1}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        ProfileStore.save(withHeader("x"), file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("p.json.bak")))).isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("p.json", "p.json.bak");
        }
    }

    @Test
    void save_throughASymlink_replacesTheTarget_andKeepsTheLink() throws Exception {
        Path real = dir.resolve("real.json");
        Path link = dir.resolve("link.json");
        ProfileStore.save(withHeader("first"), real);
        try {
            Files.createSymbolicLink(link, real);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links not available");
        }
        ProfileStore.save(withHeader("second"), link);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).contains("second");
    }

    @Test
    void load_missingFile_namesIt() {
        Path file = dir.resolve("nope.json");
        assertThatThrownBy(() -> ProfileStore.load(file)).isInstanceOf(ProfileException.class)
                .hasMessage(file + ": no such file");
    }

    @Test
    void load_badFile_loadsNothing_andNamesTheFile() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"version\": 1, \"connections\": [{\"name\": \"ok\", \"url\": \"ws://h/\"},"
                + " {\"name\": \"bad\", \"url\": \"nope\"}]}");
        assertThatThrownBy(() -> ProfileStore.load(file)).hasMessageStartingWith(file + ": line 1, connections[1].url:");
    }
}
