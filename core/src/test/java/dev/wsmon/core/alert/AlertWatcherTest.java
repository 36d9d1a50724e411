package dev.wsmon.core.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionWatcher;
import dev.wsmon.core.Endpoint;
import dev.wsmon.core.Health;
import dev.wsmon.core.HealthReason;
import dev.wsmon.core.Monitor;
import dev.wsmon.core.MonitoredConnection;
import dev.wsmon.core.Settings;
import dev.wsmon.core.State;
import dev.wsmon.core.event.AlertChanged;
import dev.wsmon.core.event.HealthChanged;
import dev.wsmon.core.testing.EventRecorder;
import dev.wsmon.core.testing.TestServer;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The alert watcher on a real connection: a server that goes away fires the alert, its return resolves it. */
class AlertWatcherTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    /** Health from state alone, standing in for the health model: OPEN is HEALTHY, anything else DOWN. */
    private static final ConnectionWatcher STATE_HEALTH = (event, ctx) -> event.asStateChange().ifPresent(s -> {
        boolean open = s.state() == State.OPEN;
        ctx.publish(new HealthChanged(ctx.id(), s.ts(), open ? Health.HEALTHY : Health.DOWN,
                open ? Set.of() : Set.of(HealthReason.CLOSED)));
    });

    @Test
    void aServerGoneForLongerThanAlertAfter_fires_andItsReturnResolves() throws Exception {
        TestServer server = TestServer.start();
        try (Monitor monitor = Monitor.builder().watcher(() -> STATE_HEALTH).watcher(AlertWatcher::new).build()) {
            EventRecorder events = new EventRecorder();
            monitor.addListener(events);
            Settings settings = Settings.builder().alertAfter(Duration.ofMillis(300)).reconnectInitial(Duration.ofMillis(50))
                    .reconnectMax(Duration.ofMillis(200)).build();
            MonitoredConnection c = monitor.add("a", Endpoint.of(server.uri().toString()), settings);
            c.open();
            events.await("OPEN", e -> !events.states(State.OPEN).isEmpty(), DEADLINE);

            long downAt = System.nanoTime();
            server.close();
            events.await("alert firing", e -> !events.all(AlertChanged.class).isEmpty(), DEADLINE);
            AlertChanged fired = events.all(AlertChanged.class).get(0);
            assertThat(fired.firing()).isTrue();
            assertThat(fired.health()).isEqualTo(Health.DOWN);
            assertThat(fired.reasons()).containsExactly(HealthReason.CLOSED);
            assertThat(fired.connectionId()).isEqualTo(c.id());
            assertThat(System.nanoTime() - downAt).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());

            server = TestServer.restart(server);
            events.await("alert resolved", e -> events.all(AlertChanged.class).size() >= 2, DEADLINE);
            AlertChanged resolved = events.all(AlertChanged.class).get(1);
            assertThat(resolved.firing()).isFalse();
            assertThat(resolved.health()).isEqualTo(Health.HEALTHY);
            assertThat(resolved.sinceMs()).isEqualTo(events.states(State.OPEN).get(1).ts());
        } finally {
            server.close();
        }
    }

    @Test
    void aConnectionTheOperatorClosed_isNotAlerted() throws Exception {
        try (TestServer server = TestServer.start();
             Monitor monitor = Monitor.builder().watcher(() -> STATE_HEALTH).watcher(AlertWatcher::new)
                     .watcher(() -> (event, ctx) -> event.asStateChange().filter(s -> s.state() == State.CLOSED)
                             .ifPresent(s -> ctx.schedule(Duration.ofMillis(900), () -> ctx.publish(
                                     new dev.wsmon.core.event.AdviceGiven(ctx.id(), 0, "marker", "", java.util.Map.of())))))
                     .build()) {
            EventRecorder events = new EventRecorder();
            monitor.addListener(events);
            MonitoredConnection c = monitor.add("a", Endpoint.of(server.uri().toString()),
                    Settings.builder().alertAfter(Duration.ofMillis(300)).build());
            c.open();
            events.await("OPEN", e -> !events.states(State.OPEN).isEmpty(), DEADLINE);
            c.close();

            // three alert delays after the close, DOWN all along
            events.await("the marker", e -> !events.all(dev.wsmon.core.event.AdviceGiven.class).isEmpty(), DEADLINE);
            assertThat(events.all(HealthChanged.class)).last().satisfies(h -> assertThat(h.health()).isEqualTo(Health.DOWN));
            assertThat(events.all(AlertChanged.class)).isEmpty();
        }
    }
}
