package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.event.LatencySample;
import dev.wsmon.core.event.StateChanged;
import dev.wsmon.core.testing.EventRecorder;
import dev.wsmon.core.testing.Fixture;
import dev.wsmon.core.testing.SilentPeer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A close handshake the peer never finishes ends at the close timeout, with the socket aborted. */
class CloseTimeoutTest {

    private SilentPeer peer;
    private Fixture engine;

    @BeforeEach
    void start() {
        peer = SilentPeer.start(true);
        engine = new Fixture();
    }

    @AfterEach
    void stop() {
        engine.close();
        peer.close();
    }

    @Test
    void closesWithin_closeTimeout_whenPeerNeverAnswersClose() {
        Settings settings = Fixture.fast().build();
        Fixture.Watched w = engine.open("silent", peer.uri(), settings);
        w.events().await("a pong from the silent peer",
                ev -> ev.stream().anyMatch(e -> e instanceof LatencySample), Fixture.PROMPT);

        int mark = w.events().size();
        w.conn().close();

        EventRecorder.Seen closing = w.events().awaitState(State.CLOSING, mark, Fixture.PROMPT);
        EventRecorder.Seen closed = w.events().awaitState(State.CLOSED, mark, Fixture.PROMPT);
        assertThat(peer.awaitCloseFrame(Fixture.PROMPT)).as("close code the peer received").isEqualTo(1000);

        CloseReport report = ((StateChanged) closed.event()).close().orElseThrow();
        assertThat(report.code()).isEqualTo(1006);
        assertThat(report.cause()).isEqualTo(CloseCause.CLOSE_TIMEOUT);
        assertThat(report.initiator()).isEqualTo(Initiator.LOCAL);
        Duration closingToClosed = Duration.ofNanos(closed.nanos() - closing.nanos());
        assertThat(closingToClosed).isLessThanOrEqualTo(settings.closeTimeout().plus(Fixture.MARGIN));
        assertThat(report.waited()).isGreaterThanOrEqualTo(settings.closeTimeout());

        peer.awaitClientsGone(Fixture.PROMPT);
        assertThat(w.events().states(State.CLOSED)).hasSize(1);
        assertThat(w.conn().snapshot().nextReconnectIn()).as("a user close stops reconnecting").isEmpty();
    }

    @Test
    void stillWaitsForTheAnswer_whenFramesArriveAfterOurClose() {
        Settings settings = Fixture.fast().pingInterval(Duration.ofSeconds(30)).build();
        Fixture.Watched w = engine.open("silent", peer.uri(), settings);
        w.events().awaitState(State.OPEN, 0, Fixture.PROMPT);
        int mark = w.events().size();

        SendTicket ticket = w.conn().send("last words");
        w.conn().close(); // a confirming ping goes out just before the close frame; its pong arrives while CLOSING

        assertThat(ticket.outcome().join().delivered()).as("the pong confirmed the send").isTrue();
        StateChanged closed = (StateChanged) w.events().awaitState(State.CLOSED, mark, Fixture.PROMPT).event();
        CloseReport report = closed.close().orElseThrow();
        assertThat(report.cause()).as("the peer never answered our close: %s", report).isEqualTo(CloseCause.CLOSE_TIMEOUT);
        assertThat(report.code()).isEqualTo(1006);
    }
}
