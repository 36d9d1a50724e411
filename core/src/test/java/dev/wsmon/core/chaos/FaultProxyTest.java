package dev.wsmon.core.chaos;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.core.testing.Await;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FaultProxyTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final Duration SILENCE = Duration.ofMillis(300);
    private static final long SLACK_NANOS = Duration.ofMillis(500).toNanos();

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void closeEverything() {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            LoopbackServer.closeQuietly(cleanup.get(i));
        }
    }

    @Test
    void forwardsBothWays_inPassMode() throws Exception {
        LoopbackServer server = manualServer();
        FaultProxy proxy = proxyTo(server);

        Socket client = connect(proxy);
        Socket upstream = server.nextConnection();
        send(client, "ping");
        send(upstream, "pong");

        assertThat(receive(upstream, 4)).isEqualTo("ping");
        assertThat(receive(client, 4)).isEqualTo("pong");
        assertThat(proxy.mode()).isEqualTo(FaultMode.PASS);
        assertThat(proxy.activeLinks()).isEqualTo(1);
        assertThat(proxy.acceptedLinks()).isEqualTo(1);
        // counted once each write has returned, which may be just after the bytes arrived
        Await.until("4 bytes counted each way", () -> proxy.forwardedToServer() == 4 && proxy.forwardedToClient() == 4,
                Duration.ofSeconds(5));
        assertThat(proxy.address()).isEqualTo(new InetSocketAddress("127.0.0.1", proxy.port()));
    }

    @Test
    void forwardsLargeTransfersIntact_bothWays() throws Exception {
        FaultProxy proxy = proxyTo(echoServer());
        Socket client = connect(proxy);
        byte[] sent = new byte[8 * 1024 * 1024];
        new Random(42).nextBytes(sent);

        // Written from another thread: the echo comes back while we are still writing.
        CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
            try {
                client.getOutputStream().write(sent);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        byte[] echoed = client.getInputStream().readNBytes(sent.length);

        writing.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertThat(echoed).isEqualTo(sent);
    }

    @Test
    void serverFin_isForwarded_andLinkEndsWhenBothSidesHaveClosed() throws Exception {
        LoopbackServer server = manualServer();
        FaultProxy proxy = proxyTo(server);
        Socket client = connect(proxy);
        Socket upstream = server.nextConnection();

        upstream.shutdownOutput();
        assertThat(client.getInputStream().read()).isEqualTo(-1);
        send(client, "still open");
        assertThat(receive(upstream, 10)).isEqualTo("still open");
        assertThat(proxy.activeLinks()).isEqualTo(1);

        client.shutdownOutput();
        assertThat(upstream.getInputStream().read()).isEqualTo(-1);
        Await.until("link ended", () -> proxy.activeLinks() == 0, DEADLINE);
        awaitLinkThreadsEnd(proxy);
    }

    @Test
    void serverReset_givesClientConnectionReset() throws Exception {
        LoopbackServer server = manualServer();
        FaultProxy proxy = proxyTo(server);
        Socket client = connect(proxy);
        Socket upstream = server.nextConnection();

        upstream.setSoLinger(true, 0);
        upstream.close();

        assertConnectionReset(client);
        Await.until("link ended", () -> proxy.activeLinks() == 0, DEADLINE);
        awaitLinkThreadsEnd(proxy);
    }

    @Test
    void unreachableTarget_givesClientConnectionReset() throws Exception {
        InetSocketAddress closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = new InetSocketAddress(probe.getInetAddress(), probe.getLocalPort());
        }
        FaultProxy proxy = track(FaultProxy.start(closedPort));

        // The reset can arrive before connect() returns, which then reports it.
        assertThatThrownBy(() -> readToEnd(connect(proxy)))
                .isInstanceOf(SocketException.class)
                .hasMessageContaining("reset");
        assertThat(proxy.acceptedLinks()).isEqualTo(1);
        Await.until("link ended", () -> proxy.activeLinks() == 0, DEADLINE);
    }

    @Test
    void blackhole_dropsTrafficWithoutClosing() throws Exception {
        LoopbackServer server = manualServer();
        FaultProxy proxy = proxyTo(server);
        Socket client = connect(proxy);
        Socket upstream = server.nextConnection();

        proxy.setMode(FaultMode.BLACKHOLE);
        send(client, "lost");
        send(upstream, "gone");

        assertReadTimesOut(upstream);
        assertReadTimesOut(client);
        Await.until("proxy read and dropped both", () -> proxy.droppedBytes() == 8, DEADLINE);
        assertThat(proxy.activeLinks()).isEqualTo(1);

        proxy.setMode(FaultMode.PASS);
        send(client, "back");
        send(upstream, "here");
        assertThat(receive(upstream, 4)).isEqualTo("back");
        assertThat(receive(client, 4)).isEqualTo("here");
    }

    @Test
    void blackhole_holdsFinUntilModeForwardsAgain() throws Exception {
        LoopbackServer server = manualServer();
        FaultProxy proxy = proxyTo(server);
        Socket client = connect(proxy);
        Socket upstream = server.nextConnection();

        proxy.setMode(FaultMode.BLACKHOLE);
        client.shutdownOutput();
        assertReadTimesOut(upstream);

        proxy.setMode(FaultMode.PASS);
        upstream.setSoTimeout((int) DEADLINE.toMillis());
        assertThat(upstream.getInputStream().read()).isEqualTo(-1);
    }

    @Test
    void stall_stopsReadingSoClientWritesBlock() throws Exception {
        LoopbackServer server = manualServer();
        FaultProxy proxy = proxyTo(server);
        Socket client = connect(proxy);
        AtomicLong received = drain(server.nextConnection());
        proxy.setMode(FaultMode.STALL);

        AtomicLong written = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = LoopbackServer.daemon("test-stalled-writer", () -> {
            byte[] chunk = new byte[64 * 1024];
            try {
                OutputStream out = client.getOutputStream();
                while (!stop.get()) {
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            } catch (IOException e) {
                // The test closes the socket if it fails early.
            }
        });

        long stuckAt = Await.stable("bytes written", written::get, Duration.ofMillis(750), Duration.ofSeconds(30));
        assertThat(writer.isAlive()).as("writer blocked in write()").isTrue();
        assertThat(stuckAt).isPositive();
        assertThat(received.get()).isZero();

        proxy.setMode(FaultMode.PASS);
        Await.until("writer unblocked", () -> written.get() > stuckAt, DEADLINE);
        Await.until("server received the backlog", () -> received.get() >= stuckAt, DEADLINE);
        stop.set(true);
        Await.until("writer finished", () -> !writer.isAlive(), DEADLINE);
    }

    @Test
    void resetAll_givesClientConnectionReset() throws Exception {
        LoopbackServer server = manualServer();
        FaultProxy proxy = proxyTo(server);
        Socket client = connect(proxy);
        Socket upstream = server.nextConnection();

        proxy.resetAll();

        assertConnectionReset(client);
        assertConnectionReset(upstream);
        assertThat(proxy.activeLinks()).isZero();
        awaitLinkThreadsEnd(proxy);
    }

    @Test
    void finAll_givesClientEof() throws Exception {
        LoopbackServer server = manualServer();
        FaultProxy proxy = proxyTo(server);
        Socket client = connect(proxy);
        Socket upstream = server.nextConnection();

        proxy.finAll();

        assertThat(client.getInputStream().read()).isEqualTo(-1);
        assertThat(upstream.getInputStream().read()).isEqualTo(-1);
        assertThat(proxy.activeLinks()).isZero();
        awaitLinkThreadsEnd(proxy);
    }

    @Test
    void delay_addsLatencyEachWay() throws Exception {
        LoopbackServer server = manualServer();
        FaultProxy proxy = proxyTo(server);
        Socket client = connect(proxy);
        Socket upstream = server.nextConnection();
        Duration up = Duration.ofMillis(100);
        Duration down = Duration.ofMillis(250);
        proxy.setDelay(up, down);

        long upNanos = timeOneWay(client, upstream);
        long downNanos = timeOneWay(upstream, client);

        assertThat(upNanos).isBetween(up.toNanos(), up.toNanos() + SLACK_NANOS);
        assertThat(downNanos).isBetween(down.toNanos(), down.toNanos() + SLACK_NANOS);
        assertThat(upNanos + downNanos).isGreaterThanOrEqualTo(up.plus(down).toNanos());
    }

    @Test
    void delay_appliesToLaterChunks_andKeepsOrderWhenItShrinks() throws Exception {
        FaultProxy proxy = proxyTo(echoServer());
        Socket client = connect(proxy);
        byte[] expected = new byte[20];

        for (int i = 0; i < expected.length; i++) {
            proxy.setDelay(Duration.ofMillis(10L * (expected.length - i)), Duration.ZERO);
            expected[i] = (byte) i;
            client.getOutputStream().write(i);
        }

        assertThat(client.getInputStream().readNBytes(expected.length)).isEqualTo(expected);
        proxy.setDelay(Duration.ZERO, Duration.ZERO);
        assertThat(timeOneWay(client, client)).isLessThan(SLACK_NANOS);
        assertThatThrownBy(() -> proxy.setDelay(Duration.ofMillis(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jitter_variesTheRoundTripWithinItsRange_drawnByTheTrafficItself() throws Exception {
        FaultProxy proxy = proxyTo(echoServer());
        Socket client = connect(proxy);
        Duration half = Duration.ofMillis(50);
        Duration range = Duration.ofMillis(80);
        proxy.setDelay(half, half);
        proxy.setJitter(range, Duration.ofNanos(1)); // a draw per chunk

        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 8; i++) {
            long rtt = timeOneWay(client, client);
            assertThat(rtt).isBetween(half.multipliedBy(2).minus(range).toNanos(),
                    half.multipliedBy(2).plus(range).toNanos() + SLACK_NANOS);
            min = Math.min(min, rtt);
            max = Math.max(max, rtt);
        }
        assertThat(max - min).as("spread of 8 round trips, ns").isGreaterThan(Duration.ofMillis(20).toNanos());

        proxy.setJitter(Duration.ZERO, Duration.ofNanos(1));
        proxy.setDelay(Duration.ZERO, Duration.ZERO);
        assertThat(timeOneWay(client, client)).isLessThan(SLACK_NANOS);
        assertThatThrownBy(() -> proxy.setJitter(Duration.ofMillis(-1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refuse_refusesNewConnections_thenAcceptsAgain() throws Exception {
        LoopbackServer server = manualServer();
        FaultProxy proxy = proxyTo(server);
        int port = proxy.port();
        Socket live = connect(proxy);
        Socket liveUpstream = server.nextConnection();

        proxy.setMode(FaultMode.REFUSE);

        assertThat(proxy.listening()).isFalse();
        assertThatThrownBy(() -> {
            try (Socket refused = new Socket()) {
                refused.connect(proxy.address(), (int) DEADLINE.toMillis());
            }
        }).isInstanceOf(ConnectException.class);
        send(live, "live");
        assertThat(receive(liveUpstream, 4)).isEqualTo("live");

        proxy.setMode(FaultMode.PASS);

        assertThat(proxy.listening()).isTrue();
        assertThat(proxy.port()).isEqualTo(port);
        Socket again = connect(proxy);
        Socket againUpstream = server.nextConnection();
        send(again, "again");
        assertThat(receive(againUpstream, 5)).isEqualTo("again");
        assertThat(proxy.acceptedLinks()).isEqualTo(2);
        assertThat(proxy.activeLinks()).isEqualTo(2);
    }

    @Test
    void refuse_appliesBeforeSetModeReturns_cycleAfterCycle() throws Exception {
        FaultProxy proxy = proxyTo(echoServer());

        for (int cycle = 0; cycle < 30; cycle++) {
            proxy.setMode(FaultMode.REFUSE);
            assertThatThrownBy(() -> {
                try (Socket refused = new Socket()) {
                    refused.connect(proxy.address(), (int) DEADLINE.toMillis());
                }
            }).as("cycle %d", cycle).isInstanceOf(ConnectException.class);

            proxy.setMode(FaultMode.PASS);
            Socket client = connect(proxy);
            send(client, "x");
            assertThat(receive(client, 1)).as("cycle %d", cycle).isEqualTo("x");
        }
        assertThat(proxy.acceptedLinks()).isEqualTo(30);
    }

    @Test
    void close_endsAllThreads() throws Exception {
        FaultProxy proxy = proxyTo(echoServer());
        Socket first = connect(proxy);
        Socket second = connect(proxy);
        send(first, "1");
        send(second, "2");
        assertThat(receive(first, 1)).isEqualTo("1");
        assertThat(receive(second, 1)).isEqualTo("2");
        String prefix = "wsmon-proxy-" + proxy.port() + "-";
        assertThat(threadsNamed(prefix))
                .hasSize(1 + 2 * 4)
                .allMatch(Thread::isDaemon)
                .extracting(Thread::getName)
                .contains(prefix + "accept", prefix + "link1-c2s-read", prefix + "link2-s2c-write");

        proxy.close();
        proxy.close();

        Await.until("proxy threads ended", () -> threadsNamed(prefix).isEmpty(), DEADLINE);
        assertConnectionReset(first);
        assertThat(proxy.activeLinks()).isZero();
        assertThat(proxy.listening()).isFalse();
        proxy.setMode(FaultMode.PASS);
        assertThat(proxy.listening()).isFalse();
    }

    private LoopbackServer manualServer() throws IOException {
        return track(LoopbackServer.manual());
    }

    private LoopbackServer echoServer() throws IOException {
        return track(LoopbackServer.echo());
    }

    private FaultProxy proxyTo(LoopbackServer server) throws IOException {
        return track(FaultProxy.start(server.address()));
    }

    private Socket connect(FaultProxy proxy) throws IOException {
        Socket socket = track(new Socket());
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) DEADLINE.toMillis());
        socket.connect(proxy.address(), (int) DEADLINE.toMillis());
        return socket;
    }

    private <T extends AutoCloseable> T track(T closeable) {
        cleanup.add(closeable);
        return closeable;
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(US_ASCII));
    }

    private static String receive(Socket socket, int length) throws IOException {
        byte[] bytes = socket.getInputStream().readNBytes(length);
        assertThat(bytes).as("bytes before EOF").hasSize(length);
        return new String(bytes, US_ASCII);
    }

    /** Nanoseconds from writing one byte on {@code from} to reading it on {@code to}. */
    private static long timeOneWay(Socket from, Socket to) throws IOException {
        long start = System.nanoTime();
        from.getOutputStream().write('x');
        assertThat(to.getInputStream().read()).isEqualTo('x');
        return System.nanoTime() - start;
    }

    /** A read that times out: nothing arrived, and the connection is neither closed (-1) nor reset. */
    private static void assertReadTimesOut(Socket socket) throws IOException {
        int timeout = socket.getSoTimeout();
        socket.setSoTimeout((int) SILENCE.toMillis());
        try {
            assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
        } finally {
            socket.setSoTimeout(timeout);
        }
    }

    private static void assertConnectionReset(Socket socket) {
        assertThatThrownBy(() -> readToEnd(socket)).isInstanceOf(SocketException.class).hasMessageContaining("reset");
    }

    private static void readToEnd(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        while (in.read() >= 0) {
            // Skip whatever arrived before the end.
        }
    }

    /** Counts what {@code socket} receives, from a daemon thread, until EOF or error. */
    private static AtomicLong drain(Socket socket) throws IOException {
        socket.setSoTimeout(0);
        AtomicLong received = new AtomicLong();
        LoopbackServer.daemon("test-drain", () -> {
            byte[] buffer = new byte[64 * 1024];
            try {
                InputStream in = socket.getInputStream();
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    received.addAndGet(n);
                }
            } catch (IOException e) {
                // The test is over.
            }
        });
        return received;
    }

    private static void awaitLinkThreadsEnd(FaultProxy proxy) {
        String prefix = "wsmon-proxy-" + proxy.port() + "-link";
        Await.until("link threads ended", () -> threadsNamed(prefix).isEmpty(), DEADLINE);
    }

    private static List<Thread> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(prefix))
                .toList();
    }
}
