package dev.wsmon.app.headless;

import static dev.wsmon.app.headless.AppProcess.PROMPT;
import static dev.wsmon.app.headless.AppProcess.state;
import static dev.wsmon.app.headless.AppProcess.type;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsmon.core.chaos.FaultMode;
import dev.wsmon.core.chaos.FaultProxy;
import dev.wsmon.core.testing.HttpRejectServer;
import dev.wsmon.core.testing.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real application in a child JVM against local servers and the fault proxy: the headless contract
 * (cli-contract.md) as another program sees it.
 */
class HeadlessProcessTest {

    /** The contract's event types: nothing else may appear on stdout. */
    static final Set<String> CONTRACT_TYPES = Set.of("state", "latency", "reconnect", "message", "delivered", "send_failed",
            "settings", "dropped", "health");

    /** Fast timers so every test stays within a few seconds. */
    static final List<String> FAST = List.of("--ping-interval", "200ms", "--ping-timeout", "200ms", "--close-timeout", "200ms");

    private static String[] args(List<String> options, String... rest) {
        List<String> all = new ArrayList<>(List.of("--headless"));
        all.addAll(options);
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    private static void assertContractLines(AppProcess app) {
        List<JsonNode> events = app.events();
        assertThat(events).isNotEmpty();
        for (JsonNode e : events) {
            assertThat(e.path("ts").isNumber()).as("ts of %s", e).isTrue();
            assertThat(e.path("ts").asLong()).as("ts of %s is epoch ms", e).isGreaterThan(1_600_000_000_000L);
            assertThat(e.path("type").asText()).as("type of %s", e).isIn(CONTRACT_TYPES);
        }
    }

    @Test
    void stdinLines_arriveAtTheServer_eachWithOneOutcome_andEofDoesNotEndTheRun() {
        try (TestServer server = TestServer.start();
             AppProcess app = AppProcess.start(args(FAST, server.uri().toString()))) {
            app.awaitEvent("OPEN", state("OPEN"));
            app.send("hello");
            app.send("wörld");
            server.awaitReceived(r -> r.containsAll(List.of("hello", "wörld")), PROMPT);
            app.awaitEvent("delivered #2", e -> type("delivered").test(e) && e.path("id").asLong() == 2);
            app.closeStdin();
            app.awaitEvent("latency after EOF", type("latency"));

            app.terminate();
            assertThat(app.awaitExit(PROMPT)).isZero();
            assertContractLines(app);
            List<JsonNode> out = app.events().stream().filter(e -> type("message").test(e) && "out".equals(e.path("dir").asText())).toList();
            assertThat(out).extracting(e -> e.path("id").asLong()).containsExactly(1L, 2L);
            assertThat(out).extracting(e -> e.path("size").asInt()).containsExactly(5, 6); // UTF-8 bytes
            assertThat(app.events()).filteredOn(e -> e.has("conn")).as("one connection: no conn field").isEmpty();
        }
    }

    @Test
    void halfOpenLink_closes1006KeepaliveTimeout_thenReconnects() throws IOException {
        try (TestServer server = TestServer.start();
             FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", server.port()));
             AppProcess app = AppProcess.start(args(FAST, "--open-timeout", "500ms", "--reconnect-initial", "50ms",
                     "--reconnect-max", "100ms", "ws://127.0.0.1:" + proxy.port() + "/"))) {
            app.awaitEvent("OPEN", state("OPEN"));
            proxy.setMode(FaultMode.BLACKHOLE);
            JsonNode closed = app.awaitEvent("CLOSED", state("CLOSED"));
            assertThat(closed.path("code").asInt()).isEqualTo(1006);
            assertThat(closed.path("cause").asText()).isEqualTo("keepalive-timeout");
            assertThat(closed.path("initiator").asText()).isIn("local", "network"); // the engine's call: it aborted
            assertThat(closed.path("detail").asText()).contains("no pong");
            assertThat(closed.path("reason").isTextual()).isTrue();
            JsonNode reconnect = app.awaitEvent("reconnect", type("reconnect"));
            assertThat(reconnect.path("attempt").asInt()).isEqualTo(2);
            assertThat(reconnect.path("delay_ms").isNumber()).isTrue();

            proxy.setMode(FaultMode.PASS);
            JsonNode reopened = app.awaitEvent("OPEN again", state("OPEN"));
            assertThat(reopened.path("attempt").asInt()).isGreaterThanOrEqualTo(2);
            assertContractLines(app);
        }
    }

    @Test
    void noReconnect_withRefusedPort_exits1_afterConnectFailed() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        try (AppProcess app = AppProcess.start(args(FAST, "--no-reconnect", "ws://127.0.0.1:" + port + "/"))) {
            assertThat(app.awaitExit(PROMPT)).isEqualTo(1);
            assertContractLines(app);
            List<JsonNode> events = app.events().stream().filter(type("state")).toList(); // health lines aside
            assertThat(events).extracting(e -> e.path("state").asText()).containsExactly("CONNECTING", "CLOSED");
            assertThat(events.get(1).path("code").asInt()).isEqualTo(1006);
            assertThat(events.get(1).path("cause").asText()).isEqualTo("connect-failed");
        }
    }

    @Test
    void noReconnect_afterAConnectionThatOpened_exits0_whenThePeerCloses() {
        TestServer server = TestServer.start();
        try (AppProcess app = AppProcess.start(args(FAST, "--no-reconnect", server.uri().toString()))) {
            app.awaitEvent("OPEN", state("OPEN"));
            server.stop();
            assertThat(app.awaitExit(PROMPT)).isZero();
            assertThat(app.events().get(app.events().size() - 1).path("state").asText()).isEqualTo("CLOSED");
        }
    }

    static Stream<Arguments> badUsage() {
        return Stream.of(
                Arguments.of(List.of("--ping-interval", "5x", "ws://127.0.0.1:1/"), "--ping-interval", "5x"),
                Arguments.of(List.of("--duration", "soon", "ws://127.0.0.1:1/"), "--duration", "soon"),
                Arguments.of(List.of("--bogus-flag", "ws://127.0.0.1:1/"), "--bogus-flag", "--bogus-flag"),
                Arguments.of(List.of("--header", "NoColonHere", "ws://127.0.0.1:1/"), "--header", "NoColonHere"));
    }

    @ParameterizedTest
    @MethodSource("badUsage")
    void badUsage_exits2_withNothingOnStdout_andOneLineNamingTheFlag(List<String> argv, String flag, String value) {
        try (AppProcess app = AppProcess.start(args(argv))) {
            assertThat(app.awaitExit(PROMPT)).isEqualTo(2);
            assertThat(app.stdoutLines()).isEmpty();
            List<String> naming = app.stderrLines().stream().filter(l -> l.contains(flag)).toList();
            assertThat(naming).hasSize(1);
            assertThat(naming.get(0)).contains(value);
            assertThat(app.stderr()).contains("--help");
        }
    }

    @Test
    void sigterm_closesEveryConnection_printsTheirClosed_andExits0() {
        try (TestServer server = TestServer.start();
             AppProcess app = AppProcess.start(args(FAST, server.uri() + "a", server.uri() + "b"))) {
            app.awaitEvents("OPEN of a and b", events -> events.stream().filter(state("OPEN")).count() == 2, PROMPT);
            app.terminate();
            assertThat(app.awaitExit(PROMPT)).isZero();
            assertContractLines(app);
            List<JsonNode> closed = app.events().stream().filter(state("CLOSED")).toList();
            assertThat(closed).as("CLOSED lines in\n%s\nstderr:\n%s", app.stdout(), app.stderr()).extracting(e -> e.path("conn").asText())
                    .containsExactlyInAnyOrder(server.uri() + "a", server.uri() + "b");
            assertThat(closed).allSatisfy(e -> {
                assertThat(e.path("cause").asText()).isEqualTo("shutdown");
                assertThat(e.path("initiator").asText()).isEqualTo("local");
            });
            assertThat(app.events()).allSatisfy(e -> assertThat(e.has("conn")).as("conn on %s", e).isTrue());
        }
    }

    @Test
    void sigint_closesTheConnection_andExits0() {
        try (TestServer server = TestServer.start();
             AppProcess app = AppProcess.start(args(FAST, server.uri().toString()))) {
            app.awaitEvent("OPEN", state("OPEN"));
            app.interrupt();
            assertThat(app.awaitExit(PROMPT)).isZero();
            JsonNode last = app.events().get(app.events().size() - 1);
            assertThat(last.path("state").asText()).isEqualTo("CLOSED");
            assertThat(last.path("code").asInt()).isEqualTo(1001);
        }
    }

    @Test
    void duration_closesCleanly_andExits0() {
        try (TestServer server = TestServer.start();
             AppProcess app = AppProcess.start(args(FAST, "--duration", "1s", server.uri().toString()))) {
            assertThat(app.awaitExit(PROMPT)).isZero();
            assertContractLines(app);
            List<JsonNode> events = app.events();
            assertThat(events).anySatisfy(e -> assertThat(e.path("state").asText()).isEqualTo("OPEN"));
            JsonNode last = events.get(events.size() - 1);
            assertThat(last.path("state").asText()).isEqualTo("CLOSED");
            assertThat(last.path("cause").asText()).isEqualTo("shutdown");
        }
    }

    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (-?[0-9.]+(?:[eE][+-]?[0-9]+)?|NaN|[+-]Inf)( -?[0-9]+)?");

    @Test
    void metricsScrape_parses_andCarriesStateAndRtt() throws Exception {
        try (TestServer server = TestServer.start();
             AppProcess app = AppProcess.start(args(FAST, "--metrics-port", "0", server.uri().toString()))) {
            String line = app.awaitStderr("metrics on http://127.0.0.1:", PROMPT);
            Matcher port = Pattern.compile("127\\.0\\.0\\.1:(\\d+)/metrics").matcher(line);
            assertThat(port.find()).isTrue();
            app.awaitEvent("latency", type("latency"));

            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.group(1) + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            String conn = "conn=\"" + server.uri() + "\"";
            for (String l : response.body().split("\n")) {
                if (!l.isEmpty() && !l.startsWith("#")) {
                    assertThat(l).as("exposition line").matches(SAMPLE);
                }
            }
            assertThat(response.body())
                    .contains("wsmon_connection_state{" + conn + ",state=\"OPEN\"} 1")
                    .contains("wsmon_connection_state{" + conn + ",state=\"CLOSED\"} 0")
                    .contains("wsmon_connection_state_seconds{" + conn + "}");
            Matcher count = Pattern.compile("wsmon_rtt_seconds_count\\{" + Pattern.quote(conn) + "} (\\d+)")
                    .matcher(response.body());
            assertThat(count.find()).as("rtt count in\n%s", response.body()).isTrue();
            assertThat(Long.parseLong(count.group(1))).isPositive();
            app.terminate();
            assertThat(app.awaitExit(PROMPT)).isZero();
        }
    }

    @Test
    void httpRejection_carriesHttpStatusAndRetryAfter() {
        try (HttpRejectServer server = HttpRejectServer.start("503 Service Unavailable", Map.of("Retry-After", "2"));
             AppProcess app = AppProcess.start(args(FAST, "--no-reconnect", server.uri().toString()))) {
            assertThat(app.awaitExit(PROMPT)).isEqualTo(1);
            JsonNode closed = app.awaitEvent("CLOSED", state("CLOSED"));
            assertThat(closed.path("cause").asText()).isEqualTo("http-rejected");
            assertThat(closed.path("code").asInt()).isEqualTo(1006);
            assertThat(closed.path("http_status").asInt()).isEqualTo(503);
            assertThat(closed.path("retry_after_ms").asLong()).isEqualTo(2000);
        }
    }

    @Test
    void headerTemplate_isExpandedOnTheWire_andNeverPrinted() {
        String secret = "s3cr3t-" + System.nanoTime();
        try (HttpRejectServer server = HttpRejectServer.start("401 Unauthorized", Map.of());
             AppProcess app = AppProcess.start(Map.of("WSMON_TEST_TOKEN", secret),
                     args(FAST, "--no-reconnect", "--header", "Authorization: Bearer ${WSMON_TEST_TOKEN}",
                             server.uri().toString()))) {
            assertThat(app.awaitExit(PROMPT)).isEqualTo(1);
            assertThat(server.requests().get(0)).contains("Authorization: Bearer " + secret);
            assertThat(app.stdout()).doesNotContain(secret);
            assertThat(app.stderr()).doesNotContain(secret);
        }
    }

    @Test
    void profile_namesTheConnections_andFlagsOverrideItsSettings(@TempDir Path dir) throws IOException {
        try (TestServer server = TestServer.start()) {
            Path profile = dir.resolve("p.json");
            Files.writeString(profile, """
                    {
                      "version": 1,
                      "defaults": { "pingInterval": "1h", "closeTimeout": "200ms" },
                      "connections": [
                        { "name": "alpha", "url": "%sx" },
                        { "name": "beta", "url": "%sy", "settings": { "pingInterval": "59m" }, "colour": "red" }
                      ]
                    }
                    """.formatted(server.uri(), server.uri()));
            try (AppProcess app = AppProcess.start("--headless", "--profile", profile.toString(), "--ping-interval", "200ms",
                    "--ping-timeout", "200ms")) {
                app.awaitEvents("latency of alpha and beta", events -> events.stream().filter(type("latency"))
                        .map(e -> e.path("conn").asText()).collect(java.util.stream.Collectors.toSet())
                        .equals(Set.of("alpha", "beta")), PROMPT);
                assertThat(app.stderr()).contains("colour").contains("p.json");
                app.terminate();
                assertThat(app.awaitExit(PROMPT)).isZero();
            }
        }
    }

    @Test
    void demo_showsOpenAndLatency_withNoServerOfOnesOwn() {
        try (AppProcess app = AppProcess.start("--headless", "--demo", "--ping-interval", "200ms", "--duration", "1500ms")) {
            app.awaitEvent("OPEN", state("OPEN"));
            app.awaitEvent("latency", type("latency"));
            app.awaitEvent("a demo message", e -> type("message").test(e) && "in".equals(e.path("dir").asText()));
            assertThat(app.awaitExit(PROMPT)).isZero();
            assertContractLines(app);
        }
    }
}
