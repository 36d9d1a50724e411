package dev.wsmon.app.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.app.headless.HeadlessOptions;
import dev.wsmon.app.profile.SettingsOverrides;
import dev.wsmon.app.viewmodel.ConnectionSpec;
import dev.wsmon.app.viewmodel.ProfileGateway;
import dev.wsmon.core.Setting;
import dev.wsmon.core.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The desktop opens and saves the headless profile format. */
class ProfileFilesTest {

    @TempDir
    Path dir;

    @Test
    void opensTheShippedDemoProfile_withItsDefaultsApplied() throws IOException {
        Path shipped = Path.of("..", "resources", "profiles", "demo.json");
        ProfileGateway.Loaded loaded = new ProfileFiles().load(shipped);

        assertThat(loaded.connections()).extracting(ConnectionSpec::name).containsExactly("nothing-listens");
        Settings s = loaded.connections().get(0).settings();
        assertThat(s.pingInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.pingTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void whatItSaves_opensAgainAsTheSameConnections_withoutTheDemo() throws IOException {
        Settings tuned = Settings.builder().pingInterval(Duration.ofSeconds(5)).closeTimeout(Duration.ofMillis(1500)).build();
        ConnectionSpec feed = new ConnectionSpec("feed", "wss://feed.example.org/x", Map.of("Authorization", "Bearer ${T}"),
                List.of("v2"), true, tuned, false);
        ConnectionSpec demo = new ConnectionSpec("demo-fast", "ws://127.0.0.1:1/d", Map.of(), List.of(), false,
                Settings.DEFAULTS, true);
        Path file = dir.resolve("p.json");

        new ProfileFiles().save(file, List.of(feed, demo));
        String json = Files.readString(file);
        ProfileGateway.Loaded again = new ProfileFiles().load(file);

        assertThat(again.connections()).containsExactly(feed);
        assertThat(json).contains("\"pingInterval\"").doesNotContain("\"pingTimeout\"").contains("${T}");
    }

    @Test
    void theCommandLinesFlags_applyToAProfileItOpens_butAreNotSavedIntoIt() throws IOException {
        Path file = dir.resolve("p.json");
        Files.writeString(file, """
                {"version": 1, "connections": [
                  {"name": "feed", "url": "ws://127.0.0.1:1/", "settings": {"pingInterval": "5s", "openTimeout": "3s"}}]}""");
        HeadlessOptions flags = new HeadlessOptions(List.of(), SettingsOverrides.NONE
                .with(Setting.PING_INTERVAL, Duration.ofSeconds(2)).with(Setting.PING_TIMEOUT, Duration.ofSeconds(1)),
                false, Optional.empty(), List.of(), List.of(), Optional.empty(), OptionalInt.empty(), false, false,
                Map.of(), false, Optional.empty());
        ProfileFiles files = new ProfileFiles(flags);

        ConnectionSpec feed = files.load(file).connections().get(0);
        assertThat(feed.settings().pingInterval()).as("the flag wins, as in --headless").isEqualTo(Duration.ofSeconds(2));
        assertThat(feed.settings().pingTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(feed.settings().openTimeout()).isEqualTo(Duration.ofSeconds(3));

        files.save(file, List.of(feed));
        String json = Files.readString(file);
        assertThat(json).contains("\"pingInterval\": \"5s\"", "\"openTimeout\": \"3s\"").doesNotContain("pingTimeout");
    }

    @Test
    void networkOptions_showInTheDialogsTerms_andSaveBackAsWritten() throws IOException {
        dev.wsmon.core.testing.TestPki pki = dev.wsmon.core.testing.TestPki.create(dir, "files-ca");
        pki.issue("client", "EC", null, "-1d", 30);
        Path file = dir.resolve("p.json");
        Files.writeString(file, """
                {"version": 1, "defaults": {"compression": false}, "connections": [
                  {"name": "feed", "url": "wss://h/", "proxy": "socks5://corp:1080", "origin": "https://app.example.com",
                   "tls": {"ca": "files-ca.pem", "clientCert": "client.p12", "clientCertPassword": "changeit"}},
                  {"name": "plain", "url": "ws://h/", "compression": true}]}""");
        ProfileFiles files = new ProfileFiles();

        List<ConnectionSpec> specs = files.load(file).connections();
        ConnectionSpec feed = specs.get(0);
        assertThat(feed.network().proxy()).isEqualTo("socks5://corp:1080");
        assertThat(feed.network().ca()).isEqualTo(dir.resolve("files-ca.pem").toAbsolutePath().toString());
        assertThat(feed.network().origin()).isEqualTo("https://app.example.com");
        assertThat(feed.network().compression()).isFalse();
        assertThat(specs.get(1).network().compression()).isTrue();
        assertThat(feed.headers()).doesNotContainKey("Origin");
        assertThat(feed.endpoint().headers().get("Origin").reveal()).isEqualTo("https://app.example.com");
        assertThat(feed.endpoint().tls().client()).isPresent();

        files.save(file, specs);
        String json = Files.readString(file);
        assertThat(json).contains("\"ca\": \"files-ca.pem\"", "\"clientCert\": \"client.p12\"",
                "\"proxy\": \"socks5://corp:1080\"", "\"origin\": \"https://app.example.com\"",
                "\"compression\": true").doesNotContain("\"Origin\"");
        assertThat(new ProfileFiles().load(file).connections()).extracting(ConnectionSpec::network)
                .containsExactly(feed.network(), specs.get(1).network());
    }

    @Test
    void aBrokenFile_isRefusedWithTheFileInTheMessage() throws IOException {
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{ \"version\": 1, \"connections\": [ { \"name\": \"x\", \"url\": \"http://nope\" } ] }");

        assertThatThrownBy(() -> new ProfileFiles().load(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("broken.json");
    }
}
