package dev.wsmon.app.headless;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsmon.core.testing.HostileServer;
import dev.wsmon.core.testing.HttpRejectServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Stack traces never reach stderr for network conditions: the headless app in a child JVM against a server
 * that breaks every client-side MUST of RFC 6455, one connection per case, all in one run.
 */
class HostileServerProcessTest {

    /** Every case ends within its open or close timeout; a JVM start and 40-odd connections on a busy box. */
    private static final Duration RUN_BOUND = Duration.ofSeconds(30);

    @Test
    void everyHostileCase_printsExactlyOneClosed_withItsCodeAndCause_andStderrHoldsNoException() {
        List<HostileServer.Case> cases = HostileServer.cases();
        // conn is the URL (or a name made from it): it ends with the case's path, which ends no other case's
        assertThat(cases).allSatisfy(c -> assertThat(cases).filteredOn(o -> o.name().endsWith(c.name())).hasSize(1));
        try (HostileServer server = HostileServer.start()) {
            List<String> args = new ArrayList<>(List.of("--headless", "--no-reconnect", "--subprotocol", "chat.v1",
                    "--ping-interval", "200ms", "--ping-timeout", "200ms", "--close-timeout", "500ms", "--open-timeout", "3s"));
            cases.forEach(c -> args.add(server.uri(c).toString()));

            try (AppProcess app = AppProcess.start(args.toArray(String[]::new))) {
                assertThat(app.awaitExit(RUN_BOUND)).as("exit status (some cases never open)\nstderr:\n%s", app.stderr())
                        .isEqualTo(1);

                List<JsonNode> closed = app.events().stream()
                        .filter(e -> e.path("type").asText().equals("state") && e.path("state").asText().equals("CLOSED"))
                        .toList();
                for (HostileServer.Case c : cases) {
                    List<JsonNode> mine = closed.stream().filter(e -> e.path("conn").asText().endsWith(c.name())).toList();
                    assertThat(mine).as("CLOSED of %s in\n%s", c, app.stdout()).hasSize(1);
                    assertThat(mine.get(0).path("code").asInt()).as("code of %s", c).isEqualTo(c.code());
                    assertThat(mine.get(0).path("cause").asText()).as("cause of %s", c).isEqualTo(c.cause());
                    assertThat(mine.get(0).path("detail").asText()).as("detail of %s", c).contains(c.detailWords());
                }
                assertThat(app.stderrLines()).as("stderr").noneMatch(l -> l.contains("Exception") || l.startsWith("\tat "));
            }
        }
    }

    @Test
    void anAbsurdRetryAfter_stillPrintsTheClosed_andNoTrace() {
        try (HttpRejectServer server = HttpRejectServer.start("503 Service Unavailable",
                Map.of("Retry-After", "9223372036854775807"));
             AppProcess app = AppProcess.start("--headless", "--no-reconnect", server.uri().toString())) {
            assertThat(app.awaitExit(AppProcess.PROMPT)).as("stderr:\n%s", app.stderr()).isEqualTo(1);

            JsonNode closed = app.awaitEvent("CLOSED", AppProcess.state("CLOSED"));
            assertThat(closed.path("cause").asText()).isEqualTo("http-rejected");
            assertThat(closed.path("http_status").asInt()).isEqualTo(503);
            assertThat(closed.path("retry_after_ms").asLong()).isEqualTo(Duration.ofDays(365).toMillis());
            assertThat(closed.path("detail").asText()).isEqualTo("server answered the upgrade with HTTP 503; retry after 8760 h");
            assertThat(app.stderrLines()).as("stderr").noneMatch(l -> l.contains("Exception") || l.startsWith("\tat "));
        }
    }
}
