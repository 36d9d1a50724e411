package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.event.AdviceGiven;
import dev.wsmon.core.event.ConnectionEvent;
import dev.wsmon.core.event.HealthChanged;
import dev.wsmon.core.event.StateChanged;
import dev.wsmon.core.testing.EventRecorder;
import dev.wsmon.core.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Watchers run on the connection's queue, see every event in order, and what they publish reaches everybody. */
class ConnectionWatcherTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @Test
    void watcherEvents_reachListenersAndOtherWatchers_inOrder_andTimersRunOnTheQueue() throws Exception {
        try (TestServer server = TestServer.start(); Monitor monitor = Monitor.create()) {
            EventRecorder events = new EventRecorder();
            monitor.addListener(events);
            MonitoredConnection c = monitor.add("w", Endpoint.of(server.uri().toString()), Settings.DEFAULTS);
            // One watcher turns OPEN into a health event after a timer; another answers health with advice.
            c.addWatcher((event, ctx) -> event.asStateChange().filter(s -> s.state() == State.OPEN).ifPresent(s ->
                    ctx.schedule(Duration.ofMillis(20), () -> ctx.publish(new HealthChanged(ctx.id(),
                            ctx.clock().epochMillis(), Health.DEGRADED, Set.of(HealthReason.STALE))))));
            c.addWatcher(new ConnectionWatcher() {
                @Override
                public void onEvent(ConnectionEvent event, Context ctx) {
                    if (event instanceof HealthChanged h && h.reasons().contains(HealthReason.STALE)) { // not the built-in health
                        ctx.publish(new AdviceGiven(ctx.id(), ctx.clock().epochMillis(), "test",
                                "health " + h.health() + " while " + ctx.state(), Map.of()));
                    }
                }
            });
            c.addWatcher((event, ctx) -> {
                throw new IllegalStateException("a broken watcher must not stop the others");
            });
            c.open();

            events.await("advice", e -> e.stream().anyMatch(AdviceGiven.class::isInstance), DEADLINE);
            List<ConnectionEvent> seen = events.events();
            int open = indexOf(seen, StateChanged.class);
            int health = indexOf(seen, HealthChanged.class);
            int advice = indexOf(seen, AdviceGiven.class);
            assertThat(open).isLessThan(health);
            assertThat(health).isLessThan(advice);
            assertThat(events.all(AdviceGiven.class).get(0).detail()).isEqualTo("health DEGRADED while OPEN");
            assertThat(events.all(HealthChanged.class).get(0).connectionId()).isEqualTo(c.id());
        }
    }

    private static int indexOf(List<ConnectionEvent> events, Class<?> type) {
        for (int i = 0; i < events.size(); i++) {
            if (type.isInstance(events.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
