package dev.wsmon.app.headless;

import static dev.wsmon.app.headless.AppProcess.PROMPT;
import static dev.wsmon.app.headless.AppProcess.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsmon.core.testing.TestProxy;
import dev.wsmon.core.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The headless launcher through real proxies: --proxy with a password from the environment, 407, http_proxy, --proxy none. */
class ProxyProcessTest {

    private static final String PASSWORD = "QPROXYPW42";

    @Test
    void proxyFlag_withPasswordFromEnvironment_opensAndEchoes_printingNoPassword() throws Exception {
        try (TestServer server = TestServer.start();
             TestProxy proxy = TestProxy.withAuth(TestProxy.Kind.HTTP, "alice", PASSWORD);
             AppProcess app = AppProcess.start(Map.of("WSMON_PROXY_PW", PASSWORD), "--headless",
                     "--proxy", "http://alice:${WSMON_PROXY_PW}@127.0.0.1:" + proxy.port(),
                     server.uri().toString())) {
            app.awaitEvents("OPEN", all -> all.stream().anyMatch(state("OPEN")), PROMPT);
            assertThat(proxy.targets()).containsExactly("127.0.0.1:" + server.port());
            app.terminate();
            app.awaitExit(PROMPT);
            assertThat(app.stdout() + app.stderr()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void wrongPassword_closesWithProxyFailedAnd407_printingNoPassword() throws Exception {
        try (TestServer server = TestServer.start();
             TestProxy proxy = TestProxy.withAuth(TestProxy.Kind.HTTP, "alice", "another");
             AppProcess app = AppProcess.start("--headless", "--no-reconnect",
                     "--proxy", "http://alice:" + PASSWORD + "@127.0.0.1:" + proxy.port(), server.uri().toString())) {
            List<JsonNode> events = app.awaitEvents("CLOSED", all -> all.stream().anyMatch(state("CLOSED")), PROMPT);
            JsonNode closed = events.stream().filter(state("CLOSED")).findFirst().orElseThrow();
            assertThat(closed.path("cause").asText()).isEqualTo("proxy-failed");
            assertThat(closed.path("http_status").asInt()).isEqualTo(407);
            assertThat(closed.path("detail").asText()).contains("127.0.0.1:" + proxy.port())
                    .contains("check the proxy user name and password");
            app.awaitExit(PROMPT);
            assertThat(app.stdout() + app.stderr()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void httpProxyFromEnvironment_isFollowed_andProxyNoneTurnsItOff() throws Exception {
        try (TestServer server = TestServer.start();
             TestProxy proxy = TestProxy.start(TestProxy.Kind.SOCKS5)) {
            Map<String, String> env = Map.of("http_proxy", "socks5://127.0.0.1:" + proxy.port());
            try (AppProcess app = AppProcess.start(env, "--headless", server.uri().toString())) {
                app.awaitEvents("OPEN", all -> all.stream().anyMatch(state("OPEN")), PROMPT);
                assertThat(proxy.targets()).hasSize(1);
                app.terminate();
                app.awaitExit(PROMPT);
            }
            try (AppProcess app = AppProcess.start(env, "--headless", "--proxy", "none", server.uri().toString())) {
                app.awaitEvents("OPEN", all -> all.stream().anyMatch(state("OPEN")), PROMPT);
                assertThat(proxy.targets()).as("no second tunnel").hasSize(1);
                app.terminate();
                app.awaitExit(PROMPT);
            }
        }
    }
}
