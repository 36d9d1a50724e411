package dev.wsmon.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.core.CloseCause;
import dev.wsmon.core.Settings;
import dev.wsmon.core.State;
import dev.wsmon.core.event.StateChanged;
import dev.wsmon.core.testing.EventRecorder;
import dev.wsmon.core.testing.Events;
import dev.wsmon.core.testing.SilentPeer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MainViewModelTest {

    private final Harness h = new Harness();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void anAddedConnection_reachesOpen_andTheCountsPerStateFollowTheEngine() {
        ConnectionViewModel c = h.main.add(ConnectionSpec.of("echo", h.echoUrl("/a"), Harness.FAST), true);

        // The snapshot can show OPEN a moment before the OPEN event is drained: wait for both.
        h.tickUntil("echo OPEN", Duration.ofSeconds(5), () -> c.state() == State.OPEN
                && c.log().stream().anyMatch(l -> l.text().startsWith("OPEN, attempt 1")));

        assertThat(h.main.selected()).isSameAs(c);
        assertThat(h.main.countProperty(State.OPEN).get()).isEqualTo(1);
        assertThat(h.main.countProperty(State.CLOSED).get()).isZero();
        assertThat(c.log()).extracting(LogEntry::text).anyMatch(t -> t.startsWith("OPEN, attempt 1"));
        h.tickUntil("an RTT in the table", Duration.ofSeconds(5), () -> !c.lastRttProperty().get().equals(Formats.NONE));
    }

    @Test
    void engineEventsReachTheViewModelsOnlyAtATick_asOneBatch() {
        ConnectionViewModel c = h.main.add(ConnectionSpec.of("quiet", "ws://127.0.0.1:9/", Harness.FAST), false);
        for (int i = 0; i < 50; i++) {
            h.inbox.accept(Events.of(c.id()).latency(h.clock.get() + i, i, Duration.ofMillis(2)));
        }
        assertThat(c.history().size()).isZero();

        h.main.tick();

        assertThat(c.history().size()).isEqualTo(50);
        assertThat(h.inbox.pending()).isZero();
    }

    @Test
    void routineEventsApplyOncePerRoutineSlotForAllConnections_whileAStateChangeAppliesAtTheNextTick() {
        ConnectionViewModel a = h.main.add(ConnectionSpec.of("a", "ws://127.0.0.1:9/", Harness.FAST), false);
        ConnectionViewModel b = h.main.add(ConnectionSpec.of("b", "ws://127.0.0.1:9/", Harness.FAST), false);
        long slot = (h.clock.get() / MainViewModel.ROUTINE_MILLIS + 1) * MainViewModel.ROUTINE_MILLIS;
        h.clock.set(slot);
        h.main.tick();
        assertThat(h.main.routineTick()).isTrue();

        h.clock.set(slot + 100);
        h.inbox.accept(Events.of(a.id()).latency(slot + 100, 1, Duration.ofMillis(2)));
        h.inbox.accept(Events.of(a.id()).received(slot + 100, 4, "tick"));
        h.main.tick();
        h.clock.set(slot + 200);
        h.inbox.accept(Events.of(b.id()).latency(slot + 200, 1, Duration.ofMillis(2)));
        h.inbox.accept(Events.of(b.id()).reconnect(slot + 200, 1, Duration.ofSeconds(1), "test"));
        h.main.tick();

        assertThat(h.main.routineTick()).isFalse();
        assertThat(a.history().size()).isZero();
        assertThat(a.log()).isEmpty();
        assertThat(b.history().size()).isEqualTo(1); // taken along with the reconnect line, in order
        assertThat(b.log()).extracting(LogEntry::text).anyMatch(t -> t.startsWith("reconnect attempt 1"));

        h.clock.set(slot + MainViewModel.ROUTINE_MILLIS);
        h.main.tick();

        assertThat(h.main.routineTick()).isTrue();
        assertThat(a.history().size()).isEqualTo(1);
        assertThat(a.log()).extracting(LogEntry::text).containsExactly("← 4 bytes: tick");
    }

    @Test
    void aTakenName_isRefused() {
        h.main.add(ConnectionSpec.of("same", "ws://127.0.0.1:9/", Harness.FAST), false);
        assertThatThrownBy(() -> h.main.add(ConnectionSpec.of("same", "ws://127.0.0.1:9/x", Harness.FAST), false))
                .hasMessageContaining("already exists");
        assertThat(h.main.connections()).hasSize(1);
    }

    @Test
    void removingTheSelectedConnection_closesIt_andSelectsTheNextOne() {
        ConnectionViewModel a = h.main.add(ConnectionSpec.of("a", "ws://127.0.0.1:9/", Harness.FAST), false);
        ConnectionViewModel b = h.main.add(ConnectionSpec.of("b", "ws://127.0.0.1:9/", Harness.FAST), false);
        h.main.selectedProperty().set(a);

        h.main.remove(a);

        assertThat(h.main.connections()).containsExactly(b);
        assertThat(h.main.selected()).isSameAs(b);
        assertThat(h.monitor.get("a")).isEmpty();
    }

    @Test
    void openingAProfile_replacesTheConnections_andAFailedOpenChangesNothing() {
        h.main.add(ConnectionSpec.of("old", "ws://127.0.0.1:9/", Harness.FAST), false);
        Path file = Path.of("/profiles/p.json");
        h.profiles.files.put(file, List.of(ConnectionSpec.of("p1", "ws://127.0.0.1:9/1", Harness.FAST),
                ConnectionSpec.of("p2", "ws://127.0.0.1:9/2", Harness.FAST)));

        assertThat(h.main.openProfile(Path.of("/profiles/missing.json"))).isFalse();
        assertThat(h.main.names()).containsExactly("old");
        assertThat(h.main.statusProperty().get()).contains("missing.json: no such file");

        assertThat(h.main.openProfile(file)).isTrue();
        assertThat(h.main.names()).containsExactly("p1", "p2");
        assertThat(h.main.profilePathProperty().get()).isEqualTo(file);
    }

    @Test
    void savingAProfile_leavesTheDemoOut_andKeepsTunedSettingsAsTheNewProfileValues() {
        ConnectionViewModel mine = h.main.add(ConnectionSpec.of("mine", "ws://127.0.0.1:9/", Harness.FAST), false);
        h.main.add(new ConnectionSpec("demo-fast", "ws://127.0.0.1:9/d", java.util.Map.of(), List.of(), false,
                Harness.FAST, true), false);
        var tuned = Harness.FAST.toBuilder().pingTimeout(Duration.ofSeconds(3)).build();
        mine.applySettings(tuned);
        h.tickUntil("tuned settings", Duration.ofSeconds(2), () -> tuned.equals(mine.settings()));

        Path file = Path.of("/profiles/saved.json");
        assertThat(h.main.saveProfile(file)).isTrue();

        assertThat(h.profiles.files.get(file)).extracting(ConnectionSpec::name).containsExactly("mine");
        assertThat(h.profiles.files.get(file).get(0).settings()).isEqualTo(tuned);
        assertThat(mine.spec().settings()).isEqualTo(tuned);
        assertThat(h.main.statusProperty().get()).contains("demo connections are not saved");
    }

    @Test
    void routingAConnection_setsItsRouteAtTheNextTick_andLogsIt() {
        ConnectionViewModel c = h.main.add(ConnectionSpec.of("r", "ws://example.invalid:8080/x", Harness.FAST), false);

        h.main.route(c);
        assertThat(c.route()).isNull(); // the proxy starts in the background; its result arrives through the inbox
        h.main.tick();

        assertThat(c.route()).isNotNull();
        assertThat(c.route().target()).isEqualTo("example.invalid:8080");
        assertThat(c.engine().endpoint().via()).isPresent();
        assertThat(c.log()).extracting(LogEntry::kind).contains(LogKind.SIMULATE);

        h.main.unroute(c);
        assertThat(c.engine().endpoint().via()).isEmpty();
        assertThat(h.routes.opened.get(0).closed).isTrue();
    }

    @Test
    void reopeningTheProfile_neverShowsTheReplacedConnectionsLateClose_onTheNewConnectionOfTheSameName() {
        // The peer never answers a close: the replaced connection's CLOSED comes at its close timeout, while the new
        // connection of the same name is already up.
        try (SilentPeer peer = SilentPeer.start()) {
            Settings slowClose = Harness.FAST.toBuilder().closeTimeout(Duration.ofMillis(1500)).build();
            Path file = Path.of("/profiles/slow.json");
            h.profiles.files.put(file, List.of(ConnectionSpec.of("feed", peer.uri().toString(), slowClose)));
            EventRecorder engine = new EventRecorder();
            h.monitor.addListener(engine);
            assertThat(h.main.openProfile(file)).isTrue();
            ConnectionViewModel old = h.main.find("feed").orElseThrow();
            h.tickUntil("feed OPEN", Duration.ofSeconds(5), () -> old.state() == State.OPEN);

            assertThat(h.main.openProfile(file)).isTrue();
            ConnectionViewModel fresh = h.main.find("feed").orElseThrow();
            h.tickUntil("the new feed OPEN", Duration.ofSeconds(5), () -> fresh.state() == State.OPEN);
            StateChanged late = (StateChanged) engine.awaitNext(StateChanged.class,
                    s -> s.connectionId().equals(old.id()) && s.state() == State.CLOSED, 0, Duration.ofSeconds(5)).event();
            h.main.tick();

            assertThat(late.close().orElseThrow().cause()).isEqualTo(CloseCause.CLOSE_TIMEOUT);
            assertThat(fresh.id()).isNotEqualTo(old.id());
            assertThat(fresh.lastCloseProperty().get()).as("the new feed's last close").isEmpty();
            assertThat(fresh.log()).extracting(LogEntry::text).noneMatch(t -> t.startsWith("CLOSING") || t.startsWith("CLOSED"));
            assertThat(h.main.allLog()).extracting(LogEntry::kind).doesNotContain(LogKind.CLOSE);
            assertThat(fresh.history().bands()).as("the new feed's chart bands")
                    .noneMatch(LatencyHistory.Band::ongoing)
                    .extracting(LatencyHistory.Band::state).doesNotContain(State.CLOSING, State.CLOSED);
        }
    }
}
