package dev.wsmon.app.headless;

import static dev.wsmon.app.headless.AppProcess.PROMPT;
import static dev.wsmon.app.headless.AppProcess.state;
import static dev.wsmon.app.headless.AppProcess.type;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsmon.core.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A reader of stdout that stalls must not grow the child's heap without bound (cli-contract.md, {@code dropped}).
 */
class HeadlessOutputBoundTest {

    private static final Duration STALL = Duration.ofSeconds(30);
    /** The child's heap limit: far below what 30 s of unbounded events take. */
    private static final String XMX = "-Xmx64m";
    /** Live heap after a full GC, at the end of the stall: the app itself takes about 10 MiB, the queue at most 5. */
    private static final long LIVE_HEAP_BOUND_KIB = 32 * 1024;

    @Test
    void stalledReader_boundsTheHeap_thenReadsADroppedCount_andValidJsonLines() throws Exception {
        try (TestServer server = TestServer.start();
             AppProcess app = AppProcess.start(Map.of(), List.of(XMX), "--headless", "--demo", "--ping-interval", "10ms",
                     "--ping-timeout", "5s", server.uri() + "a", server.uri() + "b", server.uri() + "c")) {
            app.awaitEvents("4 connections OPEN", events -> events.stream().filter(state("OPEN"))
                    .map(e -> e.path("conn").asText()).distinct().count() == 4, PROMPT);

            app.holdStdout();
            long fed = feedStdinFor(app, STALL); // each line: message out, delivered, the echo in
            long liveKib = liveHeapKib(app.pid());
            System.out.printf("stalled %d s: %d stdin lines fed; child live heap after GC %d KiB (%s)%n",
                    STALL.toSeconds(), fed, liveKib, XMX);
            assertThat(app.stderr()).doesNotContain("OutOfMemoryError");
            assertThat(liveKib).as("live heap of the child, KiB").isLessThan(LIVE_HEAP_BOUND_KIB);

            app.releaseStdout();
            JsonNode dropped = app.awaitEvent("dropped", type("dropped"), Duration.ofSeconds(60));
            assertThat(dropped.path("count").asLong()).isPositive();
            assertThat(dropped.path("ts").isNumber()).isTrue();
            assertThat(dropped.has("conn")).as("several connections: conn on %s", dropped).isTrue();
            app.awaitEvent("a latency line after the gap", type("latency"), Duration.ofSeconds(60));

            app.terminate();
            assertThat(app.awaitExit(Duration.ofSeconds(60))).isZero();
            List<JsonNode> events = app.events(); // every line parses as a JSON object
            Set<String> closed = events.stream().filter(state("CLOSED")).map(e -> e.path("conn").asText())
                    .collect(Collectors.toSet());
            assertThat(closed).as("CLOSED at shutdown").hasSize(4);
            List<Long> sent = events.stream().filter(e -> type("message").test(e) && "out".equals(e.path("dir").asText()))
                    .map(e -> e.path("id").asLong()).toList();
            assertThat(sent).as("ids of the sends that remain, in order").isSorted().doesNotHaveDuplicates();
            long droppedTotal = events.stream().filter(type("dropped")).mapToLong(e -> e.path("count").asLong()).sum();
            System.out.printf("after the stall: %d lines read, %d dropped%n", events.size(), droppedTotal);
        }
    }

    /** Writes short lines to the child's stdin for {@code duration}; returns how many. */
    private static long feedStdinFor(AppProcess app, Duration duration) throws InterruptedException {
        AtomicLong lines = new AtomicLong();
        Thread feeder = new Thread(() -> {
            StringBuilder chunk = new StringBuilder();
            for (int i = 0; i < 256; i++) {
                chunk.append("stall-line-").append(i).append('\n');
            }
            String block = chunk.substring(0, chunk.length() - 1); // send adds the last newline
            long deadline = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < deadline) {
                app.send(block);
                lines.addAndGet(256);
            }
        }, "stdin-feeder");
        feeder.start();
        feeder.join(duration.plusSeconds(60).toMillis());
        assertThat(feeder.isAlive()).as("stdin feeder still blocked").isFalse();
        return lines.get();
    }

    private static final Pattern USED = Pattern.compile("generation\\s+total \\d+K, used (\\d+)K");

    /** The child's heap in use after a full GC (live objects), summed over the serial collector's generations. */
    static long liveHeapKib(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher m = USED.matcher(info);
        long kib = 0;
        int generations = 0;
        while (m.find()) {
            kib += Long.parseLong(m.group(1));
            generations++;
        }
        assertThat(generations).as("generations in\n%s", info).isEqualTo(2);
        return kib;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        String jcmd = java.replaceAll("java$", "jcmd");
        Process p = new ProcessBuilder(List.of(jcmd, Long.toString(pid), command)).redirectErrorStream(true).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }
}
