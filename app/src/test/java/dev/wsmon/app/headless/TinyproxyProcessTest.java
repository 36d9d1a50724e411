package dev.wsmon.app.headless;

import static dev.wsmon.app.headless.AppProcess.PROMPT;
import static dev.wsmon.app.headless.AppProcess.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsmon.core.chaos.FaultProxy;
import dev.wsmon.core.testing.TestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * wsmon through tinyproxy, a real HTTP CONNECT proxy (Debian package {@code tinyproxy}): OPEN with its timing,
 * an IPv6 literal target with its Host header, and a refused tunnel named. Skipped where tinyproxy is not installed.
 */
class TinyproxyProcessTest {

    @TempDir
    Path dir;

    /** A tinyproxy on a free loopback port, ended on close. */
    private final class Tinyproxy implements AutoCloseable {
        final Process process;
        final int port;

        Tinyproxy(String extraConfig) throws Exception {
            Path binary = Path.of("/usr/bin/tinyproxy");
            Assumptions.assumeTrue(Files.isExecutable(binary), "tinyproxy is not installed (apt-get install tinyproxy)");
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path conf = dir.resolve("tinyproxy-" + port + ".conf");
            Files.writeString(conf, "Port " + port + "\nListen 127.0.0.1\nTimeout 30\nMaxClients 20\nLogLevel Info\n"
                    + "Allow 127.0.0.1\n" + extraConfig);
            process = new ProcessBuilder(binary.toString(), "-d", "-c", conf.toString()).redirectErrorStream(true).start();
            CompletableFuture<Void> listening = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.contains("Accepting connections")) {
                            listening.complete(null);
                        }
                    }
                } catch (IOException e) {
                    // the proxy ended
                }
                listening.completeExceptionally(new IllegalStateException("tinyproxy ended before it listened"));
            }, "tinyproxy-log");
            reader.setDaemon(true);
            reader.start();
            listening.get(PROMPT.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void opensThroughTinyproxy_withProxyTiming() throws Exception {
        try (TestServer server = TestServer.start();
             Tinyproxy proxy = new Tinyproxy("");
             AppProcess app = AppProcess.start("--headless", "--proxy", "http://127.0.0.1:" + proxy.port,
                     server.uri().toString())) {
            JsonNode open = app.awaitEvent("OPEN", state("OPEN"), PROMPT);
            JsonNode timing = open.path("timing");
            System.out.println("through tinyproxy: " + open);
            assertThat(timing.path("proxy_ms").isNumber()).as("%s", open).isTrue();
            assertThat(timing.path("tcp_ms").isNumber()).isTrue();
            assertThat(timing.path("tls_ms").isNull()).isTrue();
            assertThat(server.openedCount()).isEqualTo(1);
            app.terminate();
            app.awaitExit(PROMPT);
        }
    }

    @Test
    void ipv6LiteralTarget_throughTinyproxy_sendsTheBracketedHostHeader() throws Exception {
        InetSocketAddress v6 = new InetSocketAddress("::1", 0);
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(v6);
        } catch (IOException e) {
            Assumptions.abort("this machine has no IPv6 loopback ::1: " + e.getMessage());
        }
        try (TestServer server = TestServer.start();
             FaultProxy v6Front = FaultProxy.start(v6, new InetSocketAddress("127.0.0.1", server.port()));
             Tinyproxy proxy = new Tinyproxy("");
             AppProcess app = AppProcess.start("--headless", "--proxy", "http://127.0.0.1:" + proxy.port,
                     "ws://[::1]:" + v6Front.port() + "/")) {
            app.awaitEvent("OPEN", state("OPEN"), PROMPT);
            assertThat(server.handshakes().get(0)).containsEntry("Host", "[::1]:" + v6Front.port());
            app.terminate();
            app.awaitExit(PROMPT);
        }
    }

    @Test
    void aTunnelTinyproxyRefuses_isProxyFailed403_inTheProxyTunnelPhase() throws Exception {
        try (TestServer server = TestServer.start();
             Tinyproxy proxy = new Tinyproxy("ConnectPort 443\n");
             AppProcess app = AppProcess.start("--headless", "--no-reconnect", "--proxy", "http://127.0.0.1:" + proxy.port,
                     server.uri().toString())) {
            JsonNode closed = app.awaitEvent("CLOSED", state("CLOSED"), PROMPT);
            System.out.println("refused by tinyproxy: " + closed);
            assertThat(closed.path("cause").asText()).isEqualTo("proxy-failed");
            assertThat(closed.path("http_status").asInt()).isEqualTo(403);
            assertThat(closed.path("detail").asText()).contains("127.0.0.1:" + proxy.port).endsWith("; failed during the proxy tunnel");
            app.awaitExit(PROMPT);
        }
    }
}
