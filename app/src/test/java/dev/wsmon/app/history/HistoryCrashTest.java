package dev.wsmon.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGKILL in the middle of writing: the file stays a sound database and keeps everything flushed before the kill. */
class HistoryCrashTest {

    @TempDir
    Path dir;

    @Test
    void sigkillMidWrite_leavesASoundDatabase_withEverythingFlushedBeforeTheKill() throws Exception {
        Path file = dir.resolve("history.db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), file.toString())).redirectErrorStream(true).start();
        long flushed = 0;
        int flushes = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (flushes < 6 && System.nanoTime() < deadline && (line = out.readLine()) != null) {
                assertThat(line).doesNotStartWith("warning");
                if (line.startsWith("flushed ")) {
                    String[] parts = line.split(" ");
                    flushed = Long.parseLong(parts[1]);
                    flushes++;
                }
            }
            assertThat(flushes).as("flushes reported before the deadline").isEqualTo(6);
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, writes in flight
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).isEqualTo(137); // 128 + SIGKILL
        try (HistoryDatabase db = HistoryDatabase.openForReading(file)) {
            assertThat(db.integrityCheck()).isEqualTo("ok");
            long kept = db.samples("crash", 0, Long.MAX_VALUE, Set.of()).size();
            assertThat(flushed).isPositive();
            assertThat(kept).as("samples on disk; %d taken before the last flush the child saw complete", flushed)
                    .isGreaterThanOrEqualTo(flushed);
        }
        // and it opens for writing again, as the next start of the app would
        try (HistoryDatabase again = HistoryDatabase.openForWriting(file)) {
            assertThat(again.integrityCheck()).isEqualTo("ok");
        }
    }
}
