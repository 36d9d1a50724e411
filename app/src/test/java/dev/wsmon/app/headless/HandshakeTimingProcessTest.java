package dev.wsmon.app.headless;

import static dev.wsmon.app.headless.AppProcess.PROMPT;
import static dev.wsmon.app.headless.AppProcess.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsmon.core.testing.TestPki;
import dev.wsmon.core.testing.TestProxy;
import dev.wsmon.core.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OPEN event's {@code timing}, the handshake histogram and a failed attempt's phase, in a real child process. */
class HandshakeTimingProcessTest {

    private static final List<String> PHASES = List.of("dns_ms", "proxy_ms", "tcp_ms", "tls_ms", "upgrade_ms");

    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void makeCertificates() {
        pki = TestPki.create(dir, "wsmon-timing-ca");
        pki.issue("localhost", "RSA", "dns:localhost,ip:127.0.0.1", "-1d", 10);
    }

    private static JsonNode openTiming(AppProcess app) {
        JsonNode open = app.awaitEvent("OPEN", state("OPEN"), PROMPT);
        JsonNode timing = open.path("timing");
        List<String> names = new ArrayList<>();
        timing.fieldNames().forEachRemaining(names::add);
        assertThat(names).as("timing of %s", open).containsExactlyElementsOf(PHASES);
        timing.forEach(v -> assertThat(v.isNull() || v.isNumber()).as("%s", timing).isTrue());
        return timing;
    }

    @Test
    void directWs_hasTcpAndUpgrade_nullProxyAndTls_andTheScrapeHasTheHistogram() throws Exception {
        try (TestServer server = TestServer.start();
             AppProcess app = AppProcess.start("--headless", "--metrics-port", "0", server.uri().toString())) {
            JsonNode t = openTiming(app);
            assertThat(t.get("proxy_ms").isNull()).isTrue();
            assertThat(t.get("tls_ms").isNull()).isTrue();
            assertThat(t.get("dns_ms").isNull()).as("127.0.0.1 is not looked up").isTrue();
            assertThat(t.get("tcp_ms").isNumber()).isTrue();
            assertThat(t.get("upgrade_ms").isNumber()).isTrue();

            Matcher port = Pattern.compile("127\\.0\\.0\\.1:(\\d+)/metrics")
                    .matcher(app.awaitStderr("metrics on http://127.0.0.1:", PROMPT));
            assertThat(port.find()).isTrue();
            String body = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.group(1) + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            String conn = "conn=\"" + server.uri() + "\"";
            assertThat(body).contains("# TYPE wsmon_handshake_phase_seconds histogram")
                    .contains("wsmon_handshake_phase_seconds_count{" + conn + ",phase=\"tcp\"} 1")
                    .contains("wsmon_handshake_phase_seconds_count{" + conn + ",phase=\"upgrade\"} 1")
                    .contains("wsmon_handshake_phase_seconds_count{" + conn + ",phase=\"tls\"} 0");
            app.terminate();
            assertThat(app.awaitExit(PROMPT)).isZero();
        }
    }

    @Test
    void throughTheProxy_hasProxy() throws Exception {
        try (TestServer server = TestServer.start();
             TestProxy proxy = TestProxy.start(TestProxy.Kind.HTTP);
             AppProcess app = AppProcess.start("--headless", "--proxy", "http://127.0.0.1:" + proxy.port(),
                     server.uri().toString())) {
            JsonNode t = openTiming(app);
            assertThat(t.get("proxy_ms").isNumber()).isTrue();
            assertThat(t.get("tcp_ms").isNumber()).isTrue();
            assertThat(t.get("tls_ms").isNull()).isTrue();
            app.terminate();
            app.awaitExit(PROMPT);
        }
    }

    @Test
    void wss_hasTlsAndALookup() {
        try (TestServer server = TestServer.builder().tls(pki.serverContext("localhost")).start();
             AppProcess app = AppProcess.start("--headless", "--ca", pki.caPem().toString(), server.uri().toString())) {
            JsonNode t = openTiming(app);
            assertThat(t.get("tls_ms").isNumber()).isTrue();
            assertThat(t.get("dns_ms").isNumber()).as("localhost is looked up").isTrue();
            assertThat(t.get("proxy_ms").isNull()).isTrue();
            app.terminate();
            app.awaitExit(PROMPT);
        }
    }

    @Test
    void failedTls_saysItsPhaseInTheDetail() {
        try (TestServer server = TestServer.builder().tls(pki.serverContext("localhost")).start();
             AppProcess app = AppProcess.start(Map.of(), "--headless", "--no-reconnect", server.uri().toString())) {
            JsonNode closed = app.awaitEvent("CLOSED", state("CLOSED"), PROMPT);
            assertThat(closed.path("cause").asText()).isEqualTo("tls-failed");
            assertThat(closed.path("detail").asText()).endsWith("; failed during the TLS handshake");
            app.awaitExit(PROMPT);
        }
    }
}
