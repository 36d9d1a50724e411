package dev.wsmon.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.State;
import dev.wsmon.core.testing.Events;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What lets the drain tick skip a beat: nothing urgent waits in the inbox and nothing on screen counts down. */
class QuietTicksTest {

    private final Harness h = new Harness();
    private final ConnectionViewModel c = h.main.add(ConnectionSpec.of("c", "ws://127.0.0.1:9/", Harness.FAST), false);
    private final Events ev = Events.of(c.id());

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void routineEventsAreNotUrgent_aStateChangeOrAPostedTaskIs_untilTheNextDrain() {
        h.inbox.drain(true);
        assertThat(h.inbox.urgent()).isFalse();

        h.inbox.accept(ev.latency(1, 1, Duration.ofMillis(3)));
        h.inbox.accept(ev.received(2, 5, "hello"));
        assertThat(h.inbox.urgent()).isFalse();

        h.inbox.accept(ev.state(3, State.CONNECTING, State.CLOSED, 1));
        assertThat(h.inbox.urgent()).isTrue();
        h.inbox.drain(false);
        assertThat(h.inbox.urgent()).isFalse();

        h.inbox.post(() -> { });
        assertThat(h.inbox.urgent()).isTrue();
        h.inbox.drain(false);
        assertThat(h.inbox.urgent()).isFalse();
    }

    @Test
    void aConnectionThatIsClosedAndNotWanted_countsNothingDown_oneConnecting_does() {
        h.main.tick();
        assertThat(h.main.countingDown()).isFalse();

        c.connect(); // port 9: refused, so CONNECTING, then a reconnect countdown
        h.tickUntil("c connecting or waiting to reconnect", Duration.ofSeconds(5), h.main::countingDown);
        c.disconnect();
        h.tickUntil("c closed and not wanted", Duration.ofSeconds(5),
                () -> c.state() == State.CLOSED && !c.wantedProperty().get());
        assertThat(h.main.countingDown()).isFalse();
    }
}
