package dev.wsmon.app.headless;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
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
}
