package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.event.LatencySample;
import dev.wsmon.core.event.SendFailed;
import dev.wsmon.core.event.StateChanged;
import dev.wsmon.core.testing.Await;
import dev.wsmon.core.testing.Fixture;
import dev.wsmon.core.testing.SilentPeer;
import dev.wsmon.core.testing.TcpState;
import dev.wsmon.core.testing.TcpTable;
import dev.wsmon.core.testing.TestServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** After a shutdown nothing waits forever: not a late send, not a close handshake the peer never answers. */
class ShutdownTest {

    @Test
    void sendAfterClose_failsAtOnceAsNotOpen() throws Exception {
        try (TestServer server = TestServer.start()) {
            Fixture engine = new Fixture();
            Fixture.Watched w = engine.open("echo", server.uri(), Fixture.fast().build());
            w.events().awaitState(State.OPEN, 0, Fixture.PROMPT);

            engine.monitor.close();
            SendTicket late = w.conn().send("too late");

            SendResult result = late.outcome().get(Fixture.PROMPT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(result.delivered()).isFalse();
            assertThat(result.failure()).contains(SendFailure.NOT_OPEN);
            assertThat(w.events().all(SendFailed.class)).as("the refusal is also an event")
                    .anyMatch(f -> f.id() == late.id() && f.reason() == SendFailure.NOT_OPEN);
        }
    }

    @Test
    void shutdownPastItsBudget_abortsTheSocketsStillClosing() {
        try (SilentPeer peer = SilentPeer.start(true)) {
            Fixture engine = new Fixture();
            // The peer never answers a close frame, and the close timeout is far beyond the shutdown's budget.
            Settings settings = Fixture.fast().closeTimeout(Duration.ofSeconds(60)).build();
            Fixture.Watched w = engine.open("silent", peer.uri(), settings);
            w.events().await("a pong", ev -> ev.stream().anyMatch(e -> e instanceof LatencySample), Fixture.PROMPT);

            boolean inTime = engine.monitor.shutdown(Duration.ofMillis(300));

            assertThat(inTime).as("the handshake could not finish in time").isFalse();
            assertThat(peer.awaitCloseFrame(Fixture.PROMPT)).as("the close frame went out first").isEqualTo(1001);
            assertThat(w.conn().snapshot().state()).isEqualTo(State.CLOSED);
            assertThat(w.events().states(State.CLOSED)).hasSize(1);
            CloseReport report = w.events().states(State.CLOSED).get(0).close().orElseThrow();
            assertThat(report.cause()).as("the close handshake did not finish").isEqualTo(CloseCause.CLOSE_TIMEOUT);
            assertThat(report.error()).contains("shutdown budget");
            peer.awaitClientsGone(Fixture.PROMPT);
            if (TcpTable.isSupported()) {
                Await.until("no client socket to the peer left open", () -> TcpTable.read().entries().stream()
                        .filter(e -> e.remotePort() == peer.port() && e.state() != TcpState.TIME_WAIT)
                        .findAny().isEmpty(), Fixture.PROMPT);
            }
            assertThat(w.events().all(StateChanged.class)).noneMatch(s -> s.state() == State.OPEN && s.attempt() > 1);
        }
    }
}
