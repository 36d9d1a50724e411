package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.chaos.FaultMode;
import dev.wsmon.core.chaos.FaultProxy;
import dev.wsmon.core.event.LatencySample;
import dev.wsmon.core.event.MessageReceived;
import dev.wsmon.core.event.ReconnectScheduled;
import dev.wsmon.core.event.SendFailed;
import dev.wsmon.core.event.StateChanged;
import dev.wsmon.core.testing.Await;
import dev.wsmon.core.testing.EventRecorder;
import dev.wsmon.core.testing.Fixture;
import dev.wsmon.core.testing.ProcessProbe;
import dev.wsmon.core.testing.TcpState;
import dev.wsmon.core.testing.TcpTable;
import dev.wsmon.core.testing.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failure mode "stuck in CLOSING after the network drops": the network vanishes silently (no FIN, no RST). The time from the last
 * frame received to CLOSED is bounded by ping interval + ping timeout, whatever the application or
 * the kernel's buffers are doing.
 */
class HalfOpenLinkTest {

    private static final String PAYLOAD_64K = "x".repeat(64 * 1024);

    private TestServer server;
    private FaultProxy proxy;
    private Fixture engine;
    private ScheduledExecutorService sender;

    @BeforeEach
    void start() throws IOException {
        server = TestServer.builder().echo(false).start();
        proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", server.port()));
        engine = new Fixture();
        sender = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "test-sender");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterEach
    void stop() {
        sender.shutdownNow();
        engine.close();
        proxy.close();
        server.close();
    }

    @Test
    void closesWithin_pingIntervalPlusPingTimeout_whenLinkBlackholed() {
        Settings settings = halfOpen().build();
        Fixture.Watched w = openWarm(settings);

        int mark = w.events().size();
        proxy.setMode(FaultMode.BLACKHOLE);

        assertClosedByKeepaliveWithinBound(w.events(), mark, settings);
        w.events().await("a reconnect scheduled after the keepalive failure",
                ev -> ev.stream().anyMatch(e -> e instanceof ReconnectScheduled), Fixture.PROMPT);

        proxy.setMode(FaultMode.PASS);
        w.events().awaitNext(StateChanged.class, s -> s.state() == State.OPEN, mark, Fixture.PROMPT);
    }

    @Test
    void closesWithin_pingIntervalPlusPingTimeout_whileAppSends20MessagesOf64KiBPerSecond() {
        Settings settings = halfOpen().build();
        Fixture.Watched w = openWarm(settings);
        sender.scheduleAtFixedRate(() -> w.conn().send(PAYLOAD_64K), 0, 50, TimeUnit.MILLISECONDS);
        server.awaitReceived(r -> r.size() >= 5, Fixture.PROMPT);

        int mark = w.events().size();
        proxy.setMode(FaultMode.BLACKHOLE);

        assertClosedByKeepaliveWithinBound(w.events(), mark, settings);
    }

    @Test
    void closesWithinBound_andReleasesWriterAndSocket_whenPeerStallsWithWriterBlocked() {
        Settings settings = halfOpen().autoReconnect(false).sendQueueCap(2L * 1024 * 1024).build();
        int writersBefore = ProcessProbe.liveThreads("WebSocketWriteThread");
        Fixture.Watched w = openWarm(settings);

        int mark = w.events().size();
        proxy.setMode(FaultMode.STALL);
        // Fill the kernel's buffers until the queue cap refuses: the writer thread is then stuck in write().
        sender.execute(() -> {
            for (int i = 0; i < 10_000 && w.conn().snapshot().state() == State.OPEN; i++) {
                w.conn().send(PAYLOAD_64K);
            }
        });
        w.events().awaitNext(SendFailed.class, f -> f.reason() == SendFailure.QUEUE_FULL, mark, Fixture.PROMPT);

        assertClosedByKeepaliveWithinBound(w.events(), mark, settings);

        Await.until("the library's writer thread to end", () ->
                ProcessProbe.liveThreads("WebSocketWriteThread") <= writersBefore, Fixture.PROMPT);
        Await.until("no client socket to the proxy left in any state", () -> clientSockets().isEmpty(), Fixture.PROMPT);
    }

    private List<TcpTable.Entry> clientSockets() {
        int port = proxy.port();
        return TcpTable.read().entriesForPort(port).stream()
                .filter(e -> e.remotePort() == port && e.localPort() != port)
                .filter(e -> EnumSet.of(TcpState.ESTABLISHED, TcpState.CLOSE_WAIT, TcpState.FIN_WAIT1,
                        TcpState.FIN_WAIT2, TcpState.LAST_ACK, TcpState.CLOSING).contains(e.state()))
                .toList();
    }

    /**
     * Fast pings, with a timeout that a pong delayed by a cold JVM before the fault cannot miss (seen once in CI at
     * 200 ms); the bound under test is interval + timeout all the same.
     */
    private static Settings.Builder halfOpen() {
        return Fixture.fast().pingTimeout(java.time.Duration.ofSeconds(1));
    }

    /**
     * Opens the connection and waits for two pongs before any fault. Java-WebSocket 1.6.0's server now and then never
     * writes a pong it has queued (a lost write wake-up, ADR 80), which ends a warm-up without reconnect by keepalive
     * timeout; such an attempt is said on stderr with what the proxy had forwarded each way, removed, and opened again.
     */
    private Fixture.Watched openWarm(Settings settings) {
        for (int attempt = 1; ; attempt++) {
            String name = attempt == 1 ? "feed" : "feed-" + attempt;
            Fixture.Watched w = engine.open(name, Fixture.ws(proxy.port()), settings);
            w.events().await("2 latency samples" + (settings.autoReconnect() ? "" : ", or a close"), ev ->
                    ev.stream().filter(e -> e instanceof LatencySample).count() >= 2
                            || !settings.autoReconnect() && ev.stream().anyMatch(e -> e instanceof StateChanged s
                                    && s.state() == State.CLOSED && s.previous() == State.OPEN), Fixture.PROMPT);
            if (w.events().all(LatencySample.class).size() >= 2) {
                return w;
            }
            String said = "warm-up " + attempt + " closed before the fault (" + w.events().events() + "); the proxy had"
                    + " forwarded " + proxy.forwardedToServer() + " bytes to the server and " + proxy.forwardedToClient()
                    + " to the client";
            assertThat(attempt).as(said).isLessThan(3);
            System.err.println(said);
            engine.monitor.remove(name);
        }
    }

    /** The last frame received before CLOSED, then CLOSED 1006 keepalive-timeout within the bound. */
    private static void assertClosedByKeepaliveWithinBound(EventRecorder events, int from, Settings settings) {
        EventRecorder.Seen closed = events.awaitState(State.CLOSED, from, Fixture.PROMPT);
        long lastFrame = events.seen().stream()
                .filter(s -> s.nanos() <= closed.nanos())
                .filter(s -> s.event() instanceof LatencySample || s.event() instanceof MessageReceived)
                .mapToLong(EventRecorder.Seen::nanos).max().orElseThrow();
        Duration silentToClosed = Duration.ofNanos(closed.nanos() - lastFrame);
        Duration bound = settings.pingInterval().plus(settings.pingTimeout()).plus(Fixture.MARGIN);

        CloseReport report = ((StateChanged) closed.event()).close().orElseThrow();
        assertThat(report.code()).isEqualTo(1006);
        assertThat(report.cause()).isEqualTo(CloseCause.KEEPALIVE_TIMEOUT);
        assertThat(report.pingSeq()).isPositive();
        assertThat(silentToClosed).as("last frame received → CLOSED").isLessThanOrEqualTo(bound);
        assertThat(events.states(State.CLOSED).stream().filter(s -> s.attempt() == ((StateChanged) closed.event()).attempt()))
                .as("exactly one CLOSED for the attempt").hasSize(1);
    }
}
