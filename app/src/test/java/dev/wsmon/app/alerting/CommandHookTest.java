package dev.wsmon.app.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionId;
import dev.wsmon.core.Health;
import dev.wsmon.core.HealthReason;
import dev.wsmon.core.event.AlertChanged;
import dev.wsmon.core.testing.Await;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command hook runs a real shell per alert; the shell writes what it was given to a file. */
class CommandHookTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
    private final AtomicLong nanos = new AtomicLong();

    private CommandHook hook(String command, Duration timeout) {
        return new CommandHook(command, timeout, stderr, new RateLimitedReporter(stderr, nanos::get, Duration.ofMinutes(1)));
    }

    @Test
    void eachAlert_runsTheCommand_withTheAlertInWsmonVariables() throws Exception {
        Path out = dir.resolve("env.txt");
        try (CommandHook hook = hook("env | grep '^WSMON_' | sort >> '" + out + "'; echo done-$WSMON_CONN", Duration.ofSeconds(10))) {
            hook.offer(new AlertChanged(new ConnectionId("feed", 1), 1_700_000_030_000L, true, Health.DOWN,
                    new LinkedHashSet<>(java.util.List.of(HealthReason.CLOSED, HealthReason.FLAPPING)), 1_700_000_000_000L));
            Await.until("the command ran", () -> err.toString(StandardCharsets.UTF_8).contains("done-feed"), DEADLINE);
        }
        String env = Files.readString(out);
        assertThat(env).contains("WSMON_CONN=feed\n", "WSMON_ALERT=firing\n", "WSMON_HEALTH=DOWN\n",
                "WSMON_REASONS=flapping,closed\n", "WSMON_SINCE=2023-11-14T22:13:20Z\n",
                "WSMON_SINCE_MS=1700000000000\n", "WSMON_TS=1700000030000\n",
                "WSMON_TEXT=wsmon: feed is DOWN (flapping, closed) since 2023-11-14 22:13:20 UTC\n");
        assertThat(env).containsPattern("WSMON_JSON=\\{\"text\":.*\"alert\":\"firing\"");
        // its output goes to stderr, prefixed; stdout (the JSON Lines) never sees it
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("wsmon: alert command (feed): done-feed\n");
    }

    @Test
    void aCommandThatHangs_isKilledAfterItsTimeout_andReported_whileOfferNeverWaits() throws Exception {
        try (CommandHook hook = hook("sleep 30", Duration.ofMillis(300))) {
            long before = System.nanoTime();
            hook.offer(alert("a"));
            hook.offer(alert("b"));
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));
            Await.until("killed and reported", () -> err.toString(StandardCharsets.UTF_8)
                    .contains("alert command for a still ran after 300 ms; killed"), DEADLINE);
        }
    }

    @Test
    void aFailingCommand_isReportedWithItsStatus() {
        try (CommandHook hook = hook("echo oops >&2; exit 3", Duration.ofSeconds(10))) {
            hook.offer(alert("x"));
            Await.until("reported", () -> err.toString(StandardCharsets.UTF_8).contains("exited with status 3"), DEADLINE);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("wsmon: alert command (x): oops\n");
    }

    private static AlertChanged alert(String conn) {
        return new AlertChanged(new ConnectionId(conn, 1), 2, true, Health.DOWN, Set.of(HealthReason.CLOSED), 1);
    }
}
