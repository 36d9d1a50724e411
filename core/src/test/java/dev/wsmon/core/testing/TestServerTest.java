package dev.wsmon.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.protocols.Protocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private TestServer server;
    private RecordingClient client;

    @AfterEach
    void tearDown() {
        if (client != null) {
            client.closeConnection(1006, "test over");
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void echoesTextAndRecordsItInOrder() throws Exception {
        server = TestServer.start();
        assertThat(server.uri().toString()).isEqualTo("ws://127.0.0.1:" + server.port() + "/");
        client = RecordingClient.connect(server.uri(), TIMEOUT);

        client.send("a");
        client.send("b");
        client.send("c");

        assertThat(client.awaitMessages(m -> m.size() == 3, TIMEOUT)).containsExactly("a", "b", "c");
        assertThat(server.received()).containsExactly("a", "b", "c");
        assertThat(server.openedCount()).isEqualTo(1);
        assertThat(server.connectionCount()).isEqualTo(1);
    }

    @Test
    void recordsAClientCloseWithoutReportingAnError() throws Exception {
        server = TestServer.start();
        client = RecordingClient.connect(server.uri(), TIMEOUT);

        client.closeBlocking();

        assertThat(server.awaitCloses(1, TIMEOUT)).containsExactly(new TestServer.Closed(1000, "", true));
        server.awaitConnectionCount(0, TIMEOUT);
        assertThat(server.errors()).isEmpty();
    }

    @Test
    void closeAllStartsACloseHandshakeWithTheGivenCode() throws Exception {
        server = TestServer.start();
        client = RecordingClient.connect(server.uri(), TIMEOUT);

        server.closeAll(4001, "bye");

        assertThat(client.awaitClose(TIMEOUT)).isEqualTo(new TestServer.Closed(4001, "bye", true));
        server.awaitConnectionCount(0, TIMEOUT);
    }

    @Test
    void closeAllWith1006DropsTcpWithoutACloseFrame() throws Exception {
        server = TestServer.start();
        client = RecordingClient.connect(server.uri(), TIMEOUT);

        server.closeAll(1006, "drop");

        assertThat(client.awaitClose(TIMEOUT).code()).isEqualTo(1006);
    }

    @Test
    void sendToAllReachesEveryClient() throws Exception {
        server = TestServer.start();
        client = RecordingClient.connect(server.uri(), TIMEOUT);
        RecordingClient second = RecordingClient.connect(server.uri(), TIMEOUT);
        try {
            server.awaitConnections(2, TIMEOUT);

            server.sendToAll("news");

            assertThat(client.awaitMessages(m -> !m.isEmpty(), TIMEOUT)).containsExactly("news");
            assertThat(second.awaitMessages(m -> !m.isEmpty(), TIMEOUT)).containsExactly("news");
        } finally {
            second.closeConnection(1006, "test over");
        }
    }

    @Test
    void stopClosesClientsFreesThePortAndEndsItsThreads() throws Exception {
        server = TestServer.start();
        int port = server.port();
        client = RecordingClient.connect(server.uri(), TIMEOUT);
        assertThat(ProcessProbe.liveThreads(server.threadNamePrefix())).isEqualTo(2); // selector + worker

        server.stop();

        assertThat(client.awaitClose(TIMEOUT).code()).isEqualTo(1001);
        assertThat(ProcessProbe.liveThreadNames(server.threadNamePrefix())).isEmpty();
        assertThat(TcpTable.read().count(port, EnumSet.of(TcpState.LISTEN))).isZero();
        try (ServerSocket rebind = new ServerSocket()) {
            rebind.setReuseAddress(true);
            rebind.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
    }

    @Test
    void restartListensOnTheSamePortAgain() throws Exception {
        server = TestServer.start();
        assertThatThrownBy(() -> TestServer.restart(server)).isInstanceOf(IllegalStateException.class);
        client = RecordingClient.connect(server.uri(), TIMEOUT);
        server.stop();
        client.awaitClose(TIMEOUT);

        TestServer first = server;
        server = TestServer.restart(first);

        assertThat(server.port()).isEqualTo(first.port());
        client = RecordingClient.connect(server.uri(), TIMEOUT);
        client.send("again");
        assertThat(client.awaitMessages(m -> !m.isEmpty(), TIMEOUT)).containsExactly("again");
        assertThat(server.openedCount()).isEqualTo(1);
    }

    @Test
    void startOnATakenPortFails() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> TestServer.builder().port(taken.getLocalPort()).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()));
        }
    }

    @Test
    void servesWssWithTheLocalhostCertificate() throws Exception {
        server = TestServer.builder().tls(TlsMaterial.localhostServer()).start();
        assertThat(server.uri().toString()).isEqualTo("wss://localhost:" + server.port() + "/");

        client = new RecordingClient(server.uri()).tls(TlsMaterial.localhostClient()).open(TIMEOUT);
        client.send("secret");

        assertThat(client.awaitMessages(m -> !m.isEmpty(), TIMEOUT)).containsExactly("secret");
        server.stop();
        assertThat(ProcessProbe.liveThreadNames(server.threadNamePrefix())).isEmpty();
    }

    @Test
    void negotiatesAnAcceptedSubprotocol() throws Exception {
        server = TestServer.builder().subprotocols("v2.wsmon", "v1.wsmon").start();

        client = new RecordingClient(server.uri(), new Draft_6455(List.of(), List.of(new Protocol("v1.wsmon"))))
                .open(TIMEOUT);

        assertThat(client.getProtocol().getProvidedProtocol()).isEqualTo("v1.wsmon");
    }

    @Test
    void closesWith1009OnAFrameAboveMaxFrameSize() throws Exception {
        server = TestServer.builder().maxFrameSize(16).start();
        client = RecordingClient.connect(server.uri(), TIMEOUT);

        client.send("x".repeat(17));

        assertThat(client.awaitClose(TIMEOUT).code()).isEqualTo(1009);
        assertThat(server.received()).isEmpty();
    }

    @Test
    void echoCanBeTurnedOff() throws Exception {
        server = TestServer.builder().echo(false).start();
        client = RecordingClient.connect(server.uri(), TIMEOUT);

        client.send("one");
        client.send("marker");
        server.awaitReceived(m -> m.contains("marker"), TIMEOUT);
        server.sendToAll("from server");

        // the server's own message arrives after any echo would have: none came first
        assertThat(client.awaitMessages(m -> !m.isEmpty(), TIMEOUT)).containsExactly("from server");
    }

    @Test
    void turnsOffJavaWebSocketAssertionsThatTls13CanTrip() throws Exception {
        server = TestServer.start();

        assertThat(Class.forName("org.java_websocket.SSLSocketChannel2").desiredAssertionStatus()).isFalse();
    }
}
