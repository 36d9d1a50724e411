package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.event.StateChanged;
import dev.wsmon.core.testing.EventRecorder;
import dev.wsmon.core.testing.Fixture;
import dev.wsmon.core.testing.SilentPeer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Events belong to one connection instance: a name removed and added again is a different connection. */
class ConnectionIdentityTest {

    private SilentPeer peer;
    private Fixture engine;

    @BeforeEach
    void start() {
        peer = SilentPeer.start(); // never answers a close: a removed connection's CLOSED comes at its close timeout
        engine = new Fixture();
    }

    @AfterEach
    void stop() {
        engine.close();
        peer.close();
    }

    @Test
    void aRemovedConnectionsLateClose_carriesItsOwnIdentity_notTheNewConnectionsOfTheSameName() {
        Settings slowClose = Fixture.fast().closeTimeout(Duration.ofMillis(1500)).build();
        EventRecorder all = new EventRecorder();
        engine.monitor.addListener(all);
        MonitoredConnection old = engine.monitor.add("feed", Fixture.endpoint(peer.uri()), slowClose);
        old.open();
        all.awaitNext(StateChanged.class, s -> s.connectionId().equals(old.id()) && s.state() == State.OPEN, 0,
                Fixture.PROMPT);

        engine.monitor.remove("feed");
        MonitoredConnection fresh = engine.monitor.add("feed", Fixture.endpoint(peer.uri()), slowClose);
        fresh.open();

        EventRecorder.Seen freshConnecting = all.awaitNext(StateChanged.class,
                s -> s.connectionId().equals(fresh.id()) && s.state() == State.CONNECTING, 0, Fixture.PROMPT);
        EventRecorder.Seen lateClosed = all.awaitNext(StateChanged.class, s -> s.state() == State.CLOSED, 0,
                Fixture.PROMPT.plus(slowClose.closeTimeout()));
        StateChanged late = (StateChanged) lateClosed.event();
        assertThat(lateClosed.nanos()).as("the race: the old CLOSED arrives after the new connection started")
                .isGreaterThan(freshConnecting.nanos());
        assertThat(late.close().orElseThrow().cause()).isEqualTo(CloseCause.CLOSE_TIMEOUT);
        assertThat(late.connection()).isEqualTo("feed");
        assertThat(late.connectionId()).isEqualTo(old.id()).isNotEqualTo(fresh.id());
        assertThat(fresh.id().name()).isEqualTo(old.id().name());
        assertThat(fresh.id().instance()).isGreaterThan(old.id().instance());
        assertThat(all.count(e -> e.connectionId().equals(fresh.id()) && e.asStateChange()
                .filter(s -> s.state() == State.CLOSED).isPresent())).as("CLOSED events of the new connection").isZero();
    }

    @Test
    void everyEventOfAConnection_carriesItsIdentity() {
        Fixture.Watched w = engine.open("one", peer.uri(), Fixture.fast().build());
        w.events().awaitState(State.OPEN, 0, Fixture.PROMPT);
        w.conn().close();
        w.events().awaitState(State.CLOSED, 0, Fixture.PROMPT.plus(Duration.ofMillis(200)));

        assertThat(w.events().events()).isNotEmpty()
                .allSatisfy(e -> assertThat(e.connectionId()).isEqualTo(w.conn().id()));
    }
}
