package dev.wsmon.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionWatcher;
import dev.wsmon.core.Health;
import dev.wsmon.core.HealthReason;
import dev.wsmon.core.Initiator;
import dev.wsmon.core.Settings;
import dev.wsmon.core.State;
import dev.wsmon.core.event.AppLatency;
import dev.wsmon.core.event.ConnectionEvent;
import dev.wsmon.core.event.HealthChanged;
import dev.wsmon.core.event.HeartbeatMissed;
import dev.wsmon.core.event.LatencySample;
import dev.wsmon.core.event.MessageReceived;
import dev.wsmon.core.event.StateChanged;
import dev.wsmon.core.testing.EventRecorder;
import dev.wsmon.core.testing.Fixture;
import dev.wsmon.core.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Health against a real Java-WebSocket server that stops sending while the link stays up (pongs keep coming). */
class HealthWatcherTest {

    private static final Duration STALE_AFTER = Duration.ofMillis(400);
    /** A stale verdict may come late on a busy machine, never early; this much early is timer granularity. */
    private static final Duration EARLY = Duration.ofMillis(30);

    private static Settings staleAfter(Duration d) {
        return Fixture.fast().staleAfter(d).build();
    }

    private static EventRecorder.Seen awaitHealth(EventRecorder events, Health health, Set<HealthReason> reasons, int from) {
        return events.awaitNext(HealthChanged.class, h -> h.health() == health && h.reasons().equals(reasons), from,
                Fixture.PROMPT);
    }

    @Test
    void aSilentFeed_isDegradedStale_whileOpen_theNextMessageHeals_andTheWatchdogRestartsWithEachConnection()
            throws Exception {
        try (TestServer server = TestServer.start(); Fixture f = new Fixture()) {
            Fixture.Watched w = f.open("feed", server.uri(), staleAfter(STALE_AFTER));
            EventRecorder events = w.events();

            EventRecorder.Seen open = events.awaitState(State.OPEN, 0, Fixture.PROMPT);
            awaitHealth(events, Health.HEALTHY, Set.of(), 0);
            EventRecorder.Seen stale = awaitHealth(events, Health.DEGRADED, Set.of(HealthReason.STALE), 0);
            assertThat(Duration.ofNanos(stale.nanos() - open.nanos())).isGreaterThanOrEqualTo(STALE_AFTER.minus(EARLY));
            assertThat(events.states(State.CLOSED)).as("the link is up: the state never lies").isEmpty();
            assertThat(events.all(LatencySample.class)).as("pongs arrived, and are not data").isNotEmpty();

            int mark = events.size();
            server.sendToAll("tick");
            awaitHealth(events, Health.HEALTHY, Set.of(), mark);

            // Stale again, then the server restarts the connection: DOWN, and the new one starts a fresh watchdog.
            awaitHealth(events, Health.DEGRADED, Set.of(HealthReason.STALE), mark);
            mark = events.size();
            server.closeAll(1001, "going away");
            awaitHealth(events, Health.DOWN, Set.of(HealthReason.CLOSED), mark);
            EventRecorder.Seen reopened = events.awaitNext(StateChanged.class, s -> s.state() == State.OPEN, mark,
                    Fixture.PROMPT);
            int afterOpen = events.events().indexOf(reopened.event());
            List<HealthChanged> next = nextHealth(events, afterOpen, 2);
            assertThat(next.get(0).health()).as("healthy on the new connection, not stale from the old one")
                    .isEqualTo(Health.HEALTHY);
            assertThat(next.get(1).reasons()).containsExactly(HealthReason.STALE);
            EventRecorder.Seen staleAgain = events.seen().stream().filter(s -> s.event() == next.get(1)).findFirst()
                    .orElseThrow();
            assertThat(Duration.ofNanos(staleAgain.nanos() - reopened.nanos()))
                    .isGreaterThanOrEqualTo(STALE_AFTER.minus(EARLY));
        }
    }

    @Test
    void reconnectWhenStale_reconnectsOnceTheFeedGoesSilent() throws Exception {
        try (TestServer server = TestServer.start(); Fixture f = new Fixture()) {
            Settings s = Fixture.fast().staleAfter(STALE_AFTER).reconnectWhenStale(true).build();
            Fixture.Watched w = f.open("feed", server.uri(), s);
            EventRecorder events = w.events();

            EventRecorder.Seen stale = awaitHealth(events, Health.DEGRADED, Set.of(HealthReason.STALE), 0);
            int from = events.events().indexOf(stale.event());
            EventRecorder.Seen closed = events.awaitNext(StateChanged.class, c -> c.state() == State.CLOSED, from,
                    Fixture.PROMPT);
            assertThat(((StateChanged) closed.event()).initiator()).contains(Initiator.LOCAL);
            events.awaitNext(StateChanged.class, c -> c.state() == State.OPEN && c.attempt() == 2, from, Fixture.PROMPT);
        }
    }

    @Test
    void withoutReconnectWhenStale_aStaleFeedStaysConnected() throws Exception {
        try (TestServer server = TestServer.start(); Fixture f = new Fixture()) {
            Fixture.Watched w = f.open("feed", server.uri(), staleAfter(Duration.ofMillis(100)));
            EventRecorder events = w.events();
            EventRecorder.Seen stale = awaitHealth(events, Health.DEGRADED, Set.of(HealthReason.STALE), 0);
            // Pongs keep arriving after the verdict: the connection was left alone.
            events.await("three pongs after going stale", e -> e.subList(e.indexOf(stale.event()), e.size()).stream()
                    .filter(LatencySample.class::isInstance).count() >= 3, Fixture.PROMPT);
            assertThat(events.states(State.CLOSING)).isEmpty();
        }
    }

    @Test
    void thresholdsApplyLive() throws Exception {
        try (TestServer server = TestServer.start(); Fixture f = new Fixture()) {
            Fixture.Watched w = f.open("feed", server.uri(), Fixture.fast().build());
            EventRecorder events = w.events();
            awaitHealth(events, Health.HEALTHY, Set.of(), 0);

            int mark = events.size();
            w.conn().applySettings(staleAfter(Duration.ofMillis(100)));
            awaitHealth(events, Health.DEGRADED, Set.of(HealthReason.STALE), mark);
            mark = events.size();
            w.conn().applySettings(Fixture.fast().build());
            awaitHealth(events, Health.HEALTHY, Set.of(), mark);
        }
    }

    @Test
    void heartbeatMissed_degradesUntilTheNextAppLatency() throws Exception {
        try (TestServer server = TestServer.start(); Fixture f = new Fixture()) {
            Fixture.Watched w = f.add("feed", Fixture.endpoint(server.uri()), Fixture.fast().build());
            // Stands in for the feed session: the server's words say what the heartbeat did.
            w.conn().addWatcher(new HeartbeatStandIn());
            w.conn().open();
            EventRecorder events = w.events();
            awaitHealth(events, Health.HEALTHY, Set.of(), 0);

            int mark = events.size();
            server.sendToAll("miss");
            awaitHealth(events, Health.DEGRADED, Set.of(HealthReason.HEARTBEAT_MISSED), mark);
            mark = events.size();
            server.sendToAll("reply");
            awaitHealth(events, Health.HEALTHY, Set.of(), mark);
        }
    }

    @Test
    void everyChangeIsPublishedOnce_andNothingElse() throws Exception {
        try (TestServer server = TestServer.start(); Fixture f = new Fixture()) {
            Fixture.Watched w = f.open("feed", server.uri(), Fixture.fast().build());
            EventRecorder events = w.events();
            awaitHealth(events, Health.HEALTHY, Set.of(), 0);
            events.await("a few pongs", e -> e.stream().filter(LatencySample.class::isInstance).count() >= 3,
                    Fixture.PROMPT);
            List<HealthChanged> health = events.all(HealthChanged.class);
            assertThat(health).extracting(HealthChanged::health).containsExactly(Health.DOWN, Health.HEALTHY);
            assertThat(health.get(0).reasons()).containsExactly(HealthReason.CLOSED);
        }
    }

    private static List<HealthChanged> nextHealth(EventRecorder events, int from, int n) {
        events.await(n + " health events", e -> e.subList(from, e.size()).stream()
                .filter(HealthChanged.class::isInstance).count() >= n, Fixture.PROMPT);
        List<ConnectionEvent> all = events.events();
        return all.subList(from, all.size()).stream().filter(HealthChanged.class::isInstance)
                .map(HealthChanged.class::cast).limit(n).toList();
    }

    /** Publishes heartbeat outcomes as the feed session would, from the messages the test server sends. */
    private static final class HeartbeatStandIn implements ConnectionWatcher {
        @Override
        public void onEvent(ConnectionEvent event, Context ctx) {
            if (event instanceof MessageReceived m) {
                long ts = ctx.clock().epochMillis();
                if (m.text().equals("miss")) {
                    ctx.publish(new HeartbeatMissed(ctx.id(), ts, Duration.ofSeconds(1)));
                } else if (m.text().equals("reply")) {
                    ctx.publish(new AppLatency(ctx.id(), ts, Duration.ofMillis(3)));
                }
            }
        }
    }
}
