package dev.wsmon.app.headless;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import com.fasterxml.jackson.databind.JsonNode;
import dev.wsmon.core.MonotonicClock;
import org.junit.jupiter.api.Test;

class JsonLinesWriterTest {

    @Test
    void writesOneObjectPerLine_inOrder_flushingEach() {
        AtomicInteger flushes = new AtomicInteger();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                bytes.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes.write(b, off, len);
            }

            @Override
            public void flush() {
                flushes.incrementAndGet();
            }
        };
        JsonLinesWriter writer = new JsonLinesWriter(out, EventJson.mapper(), () -> { });
        for (int i = 0; i < 3; i++) {
            ObjectNode n = EventJson.mapper().createObjectNode();
            n.put("n", i);
            n.put("text", "ä\n");
            writer.write(n);
        }
        writer.finish(Duration.ofSeconds(5));
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"n\":0,\"text\":\"ä\\n\"}\n{\"n\":1,\"text\":\"ä\\n\"}\n{\"n\":2,\"text\":\"ä\\n\"}\n");
        assertThat(flushes.get()).isEqualTo(3);
    }

    @Test
    void reportsOnce_whenStandardOutputFails() {
        AtomicInteger broken = new AtomicInteger();
        PrintStream failing = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("Broken pipe");
            }
        });
        JsonLinesWriter writer = new JsonLinesWriter(failing, EventJson.mapper(), broken::incrementAndGet);
        writer.write(EventJson.mapper().createObjectNode());
        writer.write(EventJson.mapper().createObjectNode());
        writer.finish(Duration.ofSeconds(5));
        assertThat(broken.get()).isEqualTo(1);
    }

    /** Blocks every write until released, as a reader that stopped reading does; counts the writes entered. */
    private static final class StalledReader extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch released = new CountDownLatch(1);

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            entered.countDown();
            try {
                if (!released.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (bytes) {
                bytes.write(b, off, len);
            }
        }

        List<JsonNode> lines() throws Exception {
            List<JsonNode> lines = new java.util.ArrayList<>();
            synchronized (bytes) {
                for (String l : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
                    lines.add(EventJson.mapper().readTree(l));
                }
            }
            return lines;
        }
    }

    private static ObjectNode event(String conn, int n) {
        ObjectNode e = EventJson.mapper().createObjectNode();
        e.put("ts", 1_700_000_000_000L + n);
        e.put("type", "latency");
        if (conn != null) {
            e.put("conn", conn);
        }
        e.put("n", n);
        return e;
    }

    private static final MonotonicClock FIXED = new MonotonicClock() {
        @Override
        public long nanoTime() {
            return 0;
        }

        @Override
        public long epochMillis() {
            return 1_800_000_000_000L;
        }
    };

    @Test
    void aStalledReader_losesTheOldestLinesOnly_andReadsHowManyFirst() throws Exception {
        StalledReader reader = new StalledReader();
        JsonLinesWriter writer = new JsonLinesWriter(reader, EventJson.mapper(), () -> { },
                new JsonLinesWriter.Limits(10, 1 << 20), FIXED);
        writer.write(event(null, 0));
        assertThat(reader.entered.await(5, TimeUnit.SECONDS)).as("line 0 being written").isTrue();
        for (int n = 1; n <= 100; n++) {
            writer.write(event(null, n)); // the reader is stalled on line 0
        }
        assertThat(writer.droppedCount()).isEqualTo(90);
        reader.released.countDown();
        writer.finish(Duration.ofSeconds(5));

        List<JsonNode> lines = reader.lines();
        assertThat(lines).hasSize(12);
        assertThat(lines.get(0).path("n").asInt()).isZero();
        assertThat(lines.get(1).toString()).isEqualTo("{\"ts\":1800000000000,\"type\":\"dropped\",\"count\":90}");
        assertThat(lines.subList(2, 12)).extracting(l -> l.path("n").asInt())
                .containsExactly(91, 92, 93, 94, 95, 96, 97, 98, 99, 100);
    }

    @Test
    void droppedLines_areCountedPerConnection_andTheByteLimitHolds() throws Exception {
        StalledReader reader = new StalledReader();
        int lineBytes = EventJson.mapper().writeValueAsBytes(event("a", 10)).length + 1;
        JsonLinesWriter writer = new JsonLinesWriter(reader, EventJson.mapper(), () -> { },
                new JsonLinesWriter.Limits(1000, 4L * lineBytes), FIXED);
        writer.write(event("a", 0));
        assertThat(reader.entered.await(5, TimeUnit.SECONDS)).isTrue();
        for (int n = 10; n < 20; n++) {
            writer.write(event(n % 2 == 0 ? "a" : "b", n));
        }
        reader.released.countDown();
        writer.finish(Duration.ofSeconds(5));

        List<JsonNode> lines = reader.lines();
        assertThat(lines).extracting(l -> l.path("type").asText() + ":" + l.path("conn").asText() + ":"
                        + (l.has("count") ? l.path("count").asInt() : l.path("n").asInt()))
                .containsExactly("latency:a:0", "dropped:a:3", "dropped:b:3", "latency:a:16", "latency:b:17",
                        "latency:a:18", "latency:b:19");
    }
}
