package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.chaos.FaultMode;
import dev.wsmon.core.chaos.FaultProxy;
import dev.wsmon.core.event.StateChanged;
import dev.wsmon.core.testing.Await;
import dev.wsmon.core.testing.Fixture;
import dev.wsmon.core.testing.ProcessProbe;
import dev.wsmon.core.testing.TcpState;
import dev.wsmon.core.testing.TcpTable;
import dev.wsmon.core.testing.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failure mode "reconnect works once, then silently stops": reconnect works any number of times. Nothing of one attempt survives into
 * the next: every close is reported once, and threads, descriptors and sockets come back to where they were.
 */
class ReconnectForeverTest {

    private static final int CYCLES = 100;

    private TestServer server;
    private FaultProxy proxy;
    private Fixture engine;
    /** Set by the test before stopping the server; the engine's CLOSED event acts on it. */
    private volatile boolean stallOnNextClose;

    @BeforeEach
    void start() throws IOException {
        server = TestServer.start();
        proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", server.port()));
        engine = new Fixture();
    }

    @AfterEach
    void stop() {
        engine.close();
        proxy.close();
        server.close();
    }

    @Test
    void reconnectsHundredTimes_reportingEachCloseOnce_andLeakingNothing() {
        Settings settings = Fixture.fast().openTimeout(Duration.ofSeconds(5))
                .reconnectInitial(Duration.ofMillis(20)).reconnectMax(Duration.ofMillis(50)).build();
        Fixture.Watched w = engine.add("feed", Fixture.endpoint(Fixture.ws(proxy.port())), settings);
        w.conn().addListener(e -> {
            if (e instanceof StateChanged s && s.state() == State.CLOSED && stallOnNextClose) {
                // Before the reconnect is even scheduled: the next attempt waits in the proxy for the new server.
                stallOnNextClose = false;
                proxy.setMode(FaultMode.STALL);
            }
        });
        w.conn().open();
        awaitOpens(w, 1);
        int threadsBaseline = clientThreads();
        long fdBaseline = ProcessProbe.openFileDescriptors();

        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            switch (cycle % 4) {
                case 0 -> server.closeAll(1000, "cycle " + cycle);
                case 1 -> server.closeAll(1012, "service restart");
                case 2 -> proxy.resetAll();
                default -> restartServer();
            }
            awaitOpens(w, cycle + 1);
        }

        Map<State, Long> states = w.events().all(StateChanged.class).stream()
                .collect(Collectors.groupingBy(StateChanged::state, Collectors.counting()));
        assertThat(states.get(State.CLOSED)).as("CLOSED events").isEqualTo(CYCLES);
        assertThat(states.get(State.OPEN)).as("OPEN events").isEqualTo(CYCLES + 1);
        Map<Integer, Long> closesPerAttempt = w.events().states(State.CLOSED).stream()
                .collect(Collectors.groupingBy(StateChanged::attempt, Collectors.counting()));
        assertThat(closesPerAttempt.values()).as("one CLOSED per attempt").containsOnly(1L);
        assertThat(w.events().states(State.CLOSED).stream().map(s -> s.close().orElseThrow().cause())
                .collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(CloseCause.REMOTE_CLOSE, CloseCause.RESET);

        Await.until("client threads back to " + threadsBaseline, () -> clientThreads() <= threadsBaseline,
                Fixture.PROMPT);
        Await.until("file descriptors back to " + fdBaseline + " ± 2",
                () -> ProcessProbe.openFileDescriptors() <= fdBaseline + 2, Fixture.PROMPT);
        Await.until("no socket in CLOSE_WAIT", () -> closeWaits() == 0, Fixture.PROMPT);
        assertThat(Math.abs(clientThreads() - threadsBaseline)).isLessThanOrEqualTo(2);
    }

    private void restartServer() {
        stallOnNextClose = true;
        server.stop();
        server = TestServer.restart(server);
        proxy.setMode(FaultMode.PASS);
    }

    private static void awaitOpens(Fixture.Watched w, int n) {
        w.events().await(n + " OPEN events", ev -> ev.stream()
                .filter(e -> e instanceof StateChanged s && s.state() == State.OPEN).count() >= n, Fixture.PROMPT);
    }

    private static int clientThreads() {
        return ProcessProbe.liveThreads("WebSocketConnectReadThread") + ProcessProbe.liveThreads("WebSocketWriteThread");
    }

    private long closeWaits() {
        Set<Integer> ports = Set.of(proxy.port(), server.port());
        return TcpTable.read().entries().stream()
                .filter(e -> ports.contains(e.localPort()) || ports.contains(e.remotePort()))
                .filter(e -> e.state() == TcpState.CLOSE_WAIT)
                .count();
    }
}
