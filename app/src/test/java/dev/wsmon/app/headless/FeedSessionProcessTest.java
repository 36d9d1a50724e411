package dev.wsmon.app.headless;

import static dev.wsmon.app.headless.AppProcess.PROMPT;
import static dev.wsmon.app.headless.AppProcess.type;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsmon.core.testing.FeedServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The feed-session flags in the real application, a child JVM, against the real feed server. */
class FeedSessionProcessTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @Test
    void subscribesAnswersPings_timesTheHeartbeat_andPrintsTruncatedContents() {
        try (FeedServer server = FeedServer.builder().pings(Duration.ofMillis(200)).start();
             AppProcess app = AppProcess.start(Map.of("FEED_SUB", "40"), "--headless",
                     "--on-open", "${FEED_SUB}", "--respond", "2=>3",
                     "--heartbeat", "{\"op\":\"ping\"}", "--heartbeat-expect", "\\{\"op\":\"pong\"\\}",
                     "--heartbeat-interval", "200ms", "--print-messages", "--print-max", "8",
                     server.uri().toString())) {
            app.awaitEvents("2 app latencies and 3 pongs", events -> events.stream().filter(type("app_latency")).count() >= 2
                    && server.pongs() >= 3, DEADLINE);
            JsonNode tick = app.awaitEvent("a tick", e -> type("message").test(e) && e.path("dir").asText().equals("in")
                    && e.path("text").asText().startsWith("42["), DEADLINE);
            assertThat(tick.get("text").asText()).isEqualTo("42[\"tick");
            assertThat(tick.get("truncated").asBoolean()).isTrue();
            JsonNode ping = app.awaitEvent("a server ping", e -> e.path("text").asText().equals("2"), DEADLINE);
            assertThat(ping.has("truncated")).isFalse();

            List<JsonNode> out = app.events().stream().filter(e -> e.path("dir").asText().equals("out")).toList();
            assertThat(out.get(0).has("auto")).as("the on-open message is an ordinary send").isFalse();
            assertThat(out).anySatisfy(e -> {
                assertThat(e.path("auto").asBoolean()).isTrue();
                assertThat(e.path("by").asText()).isEqualTo("responder 1");
            });
            assertThat(out).anySatisfy(e -> assertThat(e.path("by").asText()).isEqualTo("heartbeat"));
            assertThat(app.events().stream().filter(type("app_latency")))
                    .allSatisfy(e -> assertThat(e.get("rtt_ms").asDouble()).isPositive().isLessThan(200));
            assertThat(server.received()).startsWith("40");

            server.pause();
            JsonNode missed = app.awaitEvent("heartbeat_missed", type("heartbeat_missed"), DEADLINE);
            assertThat(missed.get("timeout_ms").asLong()).isEqualTo(200);

            app.terminate();
            assertThat(app.awaitExit(PROMPT)).isZero();
            assertThat(app.stdout()).doesNotContain("FEED_SUB");
        }
    }

    @Test
    void aResponderWithoutArrow_isBadUsage_namingTheFlag() {
        try (AppProcess app = AppProcess.start("--headless", "--respond", "2=3", "ws://127.0.0.1:9/")) {
            assertThat(app.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(app.stderr()).contains("--respond '2=3': write REGEX=>REPLY, e.g. '2=>3'");
            assertThat(app.stdout()).isEmpty();
        }
    }
}
