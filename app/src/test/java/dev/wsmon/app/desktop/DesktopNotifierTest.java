package dev.wsmon.app.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notifier runs a real child process; a stand-in notify-send records what it was asked to show. */
class DesktopNotifierTest {

    @TempDir
    Path dir;

    @Test
    void notifySend_isRunWithTitleAndBody_andItsSuccessMeansShown() throws Exception {
        Path args = dir.resolve("args.txt");
        Path tool = script("notify-send", "printf '%s\\n' \"$@\" > '" + args + "'");
        DesktopNotifier n = new DesktopNotifier(Optional.of(tool), Optional.empty());

        assertThat(shown(n, "wsmon: feed is DOWN", "Not HEALTHY since 11:02:03: closed")).isTrue();
        assertThat(Files.readAllLines(args)).containsExactly("--app-name=wsmon", "--expire-time=15000",
                "wsmon: feed is DOWN", "Not HEALTHY since 11:02:03: closed");
    }

    @Test
    void aFailingTool_orNoToolAtAll_isNotShown_soTheBannerTakesIt() throws Exception {
        Path failing = script("notify-send", "exit 1");
        assertThat(shown(new DesktopNotifier(Optional.of(failing), Optional.empty()), "t", "b")).isFalse();
        assertThat(shown(new DesktopNotifier(Optional.empty(), Optional.empty()), "t", "b")).isFalse();
    }

    @Test
    void gdbus_getsTheNotifyCall_withQuotedStrings() {
        DesktopNotifier n = new DesktopNotifier(Optional.empty(), Optional.of(Path.of("/usr/bin/gdbus")));
        assertThat(n.command("it's DOWN", "a\\b")).containsSubsequence("--method",
                "org.freedesktop.Notifications.Notify", "wsmon", "0", "", "'it\\'s DOWN'", "'a\\\\b'", "[]", "{}");
    }

    private static boolean shown(DesktopNotifier n, String title, String body) throws Exception {
        CompletableFuture<Boolean> shown = new CompletableFuture<>();
        n.notify(title, body, shown::complete);
        return shown.get(DesktopNotifier.TIMEOUT_SECONDS + 5, TimeUnit.SECONDS);
    }

    private Path script(String name, String body) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }
}
