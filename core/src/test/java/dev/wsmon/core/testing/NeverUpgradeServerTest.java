package dev.wsmon.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NeverUpgradeServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private NeverUpgradeServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void acceptsTheConnectionButNeverAnswersTheUpgrade() throws IOException {
        server = NeverUpgradeServer.start();
        try (Socket socket = new Socket(server.uri().getHost(), server.port())) {
            socket.getOutputStream().write(("GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            server.awaitAccepted(1, TIMEOUT);
            socket.setSoTimeout(200); // proving silence needs some bounded wait: kept short

            assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void aJavaWebSocketClientTimesOutOpening() throws Exception {
        server = NeverUpgradeServer.start();
        RecordingClient client = new RecordingClient(server.uri());
        try {
            assertThat(client.connectBlocking(200, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(server.acceptedCount()).isEqualTo(1);
        } finally {
            client.closeConnection(1006, "test over");
        }
        server.awaitAllClientsGone(TIMEOUT);
    }

    @Test
    void countsAcceptedConnectionsAndSeesClientsLeave() throws IOException {
        server = NeverUpgradeServer.start();
        try (Socket first = new Socket(server.uri().getHost(), server.port());
             Socket second = new Socket(server.uri().getHost(), server.port())) {
            server.awaitAccepted(2, TIMEOUT);
            assertThat(server.openCount()).isEqualTo(2);
            assertThat(first.getLocalPort()).isNotEqualTo(second.getLocalPort());
        }

        server.awaitAllClientsGone(TIMEOUT);
        assertThat(server.acceptedCount()).isEqualTo(2);
        assertThat(server.openCount()).isZero();
    }

    @Test
    void closeEndsItsThreads() {
        server = NeverUpgradeServer.start();
        String prefix = "never-upgrade-" + server.port() + "-";
        assertThat(ProcessProbe.liveThreads(prefix)).isEqualTo(1);

        server.close();

        assertThat(ProcessProbe.liveThreadNames(prefix)).isEmpty();
    }
}
