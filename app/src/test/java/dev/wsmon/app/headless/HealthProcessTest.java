package dev.wsmon.app.headless;

import static dev.wsmon.app.headless.AppProcess.PROMPT;
import static dev.wsmon.app.headless.AppProcess.type;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsmon.core.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Health as another program sees it: the real application in a child JVM, its {@code health} lines and metrics. */
class HealthProcessTest {

    private static Predicate<JsonNode> health(String health, String... reasons) {
        return type("health").and(e -> e.path("health").asText().equals(health)
                && reasonsOf(e).equals(List.of(reasons)));
    }

    private static List<String> reasonsOf(JsonNode e) {
        List<String> out = new ArrayList<>();
        e.path("reasons").forEach(r -> out.add(r.asText()));
        return out;
    }

    @Test
    void aSilentFeed_printsHealthLines_andTheGaugeFollows() throws Exception {
        try (TestServer server = TestServer.start();
             AppProcess app = AppProcess.start("--headless", "--ping-interval", "200ms", "--stale-after", "500ms",
                     "--metrics-port", "0", server.uri().toString())) {
            Matcher port = Pattern.compile("127\\.0\\.0\\.1:(\\d+)/metrics")
                    .matcher(app.awaitStderr("metrics on http://127.0.0.1:", PROMPT));
            assertThat(port.find()).isTrue();
            URI metrics = URI.create("http://127.0.0.1:" + port.group(1) + "/metrics");

            JsonNode healthy = app.awaitEvent("HEALTHY", health("HEALTHY"));
            List<String> fields = new ArrayList<>();
            healthy.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).as("the contract's fields, in its order").containsExactly("ts", "type", "health", "reasons");

            app.awaitEvent("DEGRADED stale", health("DEGRADED", "stale"));
            String conn = "conn=\"" + server.uri() + "\"";
            assertThat(scrape(metrics))
                    .contains("wsmon_connection_health{" + conn + ",health=\"DEGRADED\"} 1")
                    .contains("wsmon_connection_health{" + conn + ",health=\"HEALTHY\"} 0")
                    .contains("wsmon_connection_health{" + conn + ",health=\"DOWN\"} 0");

            server.sendToAll("tick");
            app.awaitEvent("HEALTHY again", health("HEALTHY"));
            assertThat(scrape(metrics)).contains("wsmon_connection_health{" + conn + ",health=\"HEALTHY\"} 1");

            app.terminate();
            assertThat(app.awaitExit(PROMPT)).isZero();
            List<JsonNode> health = app.events().stream().filter(type("health")).toList();
            assertThat(health.get(0).path("health").asText()).as("not OPEN before the first OPEN").isEqualTo("DOWN");
            assertThat(reasonsOf(health.get(0))).containsExactly("closed");
            assertThat(reasonsOf(health.get(health.size() - 1))).as("the shutdown closes it").containsExactly("closed");
        }
    }

    @Test
    void reconnectWhenStale_reconnectsASilentFeed() {
        try (TestServer server = TestServer.start();
             AppProcess app = AppProcess.start("--headless", "--stale-after", "300ms", "--reconnect-when-stale",
                     "--reconnect-initial", "50ms", server.uri().toString())) {
            app.awaitEvent("DEGRADED stale", health("DEGRADED", "stale"));
            app.awaitEvent("attempt 2", type("state").and(e -> e.path("state").asText().equals("OPEN")
                    && e.path("attempt").asInt() == 2));
            app.terminate();
            assertThat(app.awaitExit(PROMPT)).isZero();
        }
    }

    private static String scrape(URI metrics) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metrics).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }
}
