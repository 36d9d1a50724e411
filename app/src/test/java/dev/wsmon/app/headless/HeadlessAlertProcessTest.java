package dev.wsmon.app.headless;

import static dev.wsmon.app.headless.AppProcess.PROMPT;
import static dev.wsmon.app.headless.AppProcess.type;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.wsmon.core.Durations;
import dev.wsmon.core.testing.IdleKillingProxy;
import dev.wsmon.core.testing.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerts and advice of the real application in a child JVM: the stdout lines, the webhook and the command. */
class HeadlessAlertProcessTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void aProxyThatKillsIdleLinks_givesAnAdviceLine_namingTheIdleTime() throws IOException {
        try (TestServer server = TestServer.start();
             IdleKillingProxy proxy = IdleKillingProxy.start(server.port(), Duration.ofMillis(1500));
             AppProcess app = AppProcess.start("--headless", "--ping-interval", "1m", "--reconnect-initial", "50ms",
                     "--reconnect-max", "100ms", "ws://127.0.0.1:" + proxy.port() + "/")) {
            JsonNode advice = app.awaitEvent("advice", type("advice"), DEADLINE);

            assertThat(advice.path("kind").asText()).isEqualTo("idle-timeout");
            Duration suggested = Durations.parse(advice.path("suggest").path("ping_interval").asText());
            assertThat(suggested).isBetween(Duration.ofMillis(600), Duration.ofMillis(750));
            assertThat(advice.path("detail").asText()).contains("with no frame received", "idle timeout");
            List<String> fields = names(advice.fieldNames());
            assertThat(fields).containsExactly("ts", "type", "kind", "detail", "suggest");
            app.terminate();
            assertThat(app.awaitExit(PROMPT)).isZero();
        }
    }

    @Test
    void aConnectionDownForLongerThanAlertAfter_printsAnAlertLine_postsTheWebhook_andRunsTheCommand() throws Exception {
        BlockingQueue<String> posts = new LinkedBlockingQueue<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hook.createContext("/hook", x -> {
            posts.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        hook.start();
        Path env = dir.resolve("env.txt");
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort(); // nothing listens here once closed: every attempt fails
        }
        try (AppProcess app = AppProcess.start(Map.of("HOOK_PATH", "hook"), List.of(), "--headless",
                "--alert-after", "500ms", "--reconnect-initial", "100ms", "--reconnect-max", "200ms",
                "--alert-webhook", "http://127.0.0.1:" + hook.getAddress().getPort() + "/${HOOK_PATH}",
                "--alert-command", "env | grep '^WSMON_' > '" + env + "'",
                "ws://127.0.0.1:" + closedPort + "/")) {
            List<JsonNode> early = app.awaitEvents("three failed attempts",
                    e -> e.stream().filter(AppProcess.state("CLOSED")).count() >= 3, PROMPT);
            JsonNode health = early.stream().filter(type("health")).findFirst().orElse(null);
            // The health model (HealthChanged's producer) is a sibling feature; without it there is nothing to alert on
            Assumptions.assumeTrue(health != null, "no health line: the health model is not in this build");

            JsonNode alert = app.awaitEvent("alert", type("alert"), DEADLINE);
            assertThat(alert.path("alert").asText()).isEqualTo("firing");
            assertThat(alert.path("health").asText()).isEqualTo("DOWN");
            assertThat(alert.path("reasons").toString()).contains("closed");
            assertThat(alert.path("ts").asLong() - alert.path("since_ms").asLong()).isGreaterThanOrEqualTo(500);

            String post = posts.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(post).isNotNull().contains("\"text\":\"wsmon: ws://127.0.0.1:" + closedPort + "/ is DOWN")
                    .contains("\"alert\":\"firing\"");
            dev.wsmon.core.testing.Await.until("the command wrote its environment", () -> Files.exists(env)
                    && read(env).contains("WSMON_ALERT=firing"), DEADLINE);
            assertThat(read(env)).contains("WSMON_HEALTH=DOWN", "WSMON_CONN=ws://127.0.0.1:" + closedPort + "/");
            app.terminate();
            assertThat(app.awaitExit(PROMPT)).isZero();
        } finally {
            hook.stop(0);
        }
    }

    @Test
    void aWebhookThatIsNoHttpUrl_isBadUsage_withoutEchoingItsPath() {
        try (AppProcess app = AppProcess.start("--headless", "--alert-webhook", "ftp://hooks.example/T0KEN",
                "ws://127.0.0.1:1/")) {
            assertThat(app.awaitExit(PROMPT)).isEqualTo(2);
            assertThat(app.stderr()).contains("--alert-webhook ftp://hooks.example/…: alert webhook must be an http://"
                    + " or https:// URL").doesNotContain("T0KEN");
            assertThat(app.stdout()).isEmpty();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }

    private static <T> List<T> names(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
