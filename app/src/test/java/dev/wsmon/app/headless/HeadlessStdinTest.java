package dev.wsmon.app.headless;

import static dev.wsmon.app.headless.AppProcess.PROMPT;
import static dev.wsmon.app.headless.AppProcess.state;
import static dev.wsmon.app.headless.AppProcess.type;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsmon.core.testing.TestServer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Standard input of the real application in a child JVM with a small heap. */
class HeadlessStdinTest {

    @Test
    void aLineLargerThanTheHeap_isRefusedTooBigWithAnId_andTheNextLineIsSent() {
        long huge = 100L * 1024 * 1024; // the 100 MB line, against a 64 MB heap
        try (TestServer server = TestServer.start();
             AppProcess app = AppProcess.start(Map.of(), List.of("-Xmx64m"), "--headless", "--ping-interval", "200ms",
                     server.uri().toString())) {
            app.awaitEvent("OPEN", state("OPEN"));
            app.send("before");
            byte[] mib = new byte[1024 * 1024];
            Arrays.fill(mib, (byte) 'h');
            for (long written = 0; written < huge; written += mib.length) {
                app.write(mib);
            }
            app.send(""); // ends the huge line
            app.send("after");

            server.awaitReceived(r -> r.contains("after"), Duration.ofSeconds(30));
            JsonNode refused = app.awaitEvent("send_failed of the huge line", type("send_failed"), Duration.ofSeconds(30));
            assertThat(refused.path("id").asLong()).isEqualTo(2);
            assertThat(refused.path("reason").asText()).isEqualTo("too-big");
            assertThat(refused.path("detail").asText()).contains(Long.toString(huge));
            JsonNode after = app.awaitEvent("message out of the next line",
                    e -> type("message").test(e) && "out".equals(e.path("dir").asText()));
            assertThat(after.path("id").asLong()).isEqualTo(3);
            assertThat(after.path("size").asInt()).isEqualTo(5);
            assertThat(server.received()).containsExactly("before", "after");
            assertThat(app.stderr()).doesNotContain("OutOfMemoryError").doesNotContain("Exception");
            app.terminate();
            assertThat(app.awaitExit(PROMPT)).isZero();
        }
    }
}
