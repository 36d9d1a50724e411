package dev.wsmon.core.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionId;
import dev.wsmon.core.ConnectionWatcher;
import dev.wsmon.core.Health;
import dev.wsmon.core.HealthReason;
import dev.wsmon.core.MonotonicClock;
import dev.wsmon.core.SendTicket;
import dev.wsmon.core.Settings;
import dev.wsmon.core.State;
import dev.wsmon.core.event.ConnectionEvent;
import dev.wsmon.core.event.HealthChanged;
import dev.wsmon.core.stats.LatencySummary;
import dev.wsmon.core.testing.Events;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The watcher's timer on a fake clock and a fake queue: armed only when a rule can change by itself, never per message. */
class HealthWatcherTimerTest {

    private final FakeContext ctx = new FakeContext();
    private final Events ev = Events.of(ctx.id());
    private final HealthWatcher watcher = new HealthWatcher(w -> LatencySummary.empty(w));

    private void see(ConnectionEvent e) {
        watcher.onEvent(e, ctx);
        // what the watcher published is shown to it too, as the connection does
        for (int i = ctx.seen; i < ctx.published.size(); i++) {
            ctx.seen = i + 1;
            watcher.onEvent(ctx.published.get(i), ctx);
        }
    }

    private void open() {
        ctx.state = State.CONNECTING;
        see(ev.state(0, State.CONNECTING, State.CLOSED, 1));
        ctx.state = State.OPEN;
        see(ev.opened(0, 1, ""));
    }

    @Test
    void withTheWatchdogOff_anOpenConnectionArmsNoTimer() {
        open();
        for (int i = 0; i < 100; i++) {
            ctx.advance(Duration.ofMillis(100));
            see(ev.received(0, 4, "tick"));
        }
        assertThat(ctx.scheduled).as("timers ever armed").isZero();
        assertThat(health()).extracting(HealthChanged::health).containsExactly(Health.DOWN, Health.HEALTHY);
    }

    @Test
    void aBusyFeed_costsOneTimerPerStalePeriod_notOnePerMessage() {
        ctx.settings = Settings.builder().staleAfter(Duration.ofSeconds(1)).build();
        open();
        for (int i = 0; i < 1000; i++) { // 10 s of a 100 messages/s feed
            ctx.advance(Duration.ofMillis(10));
            see(ev.received(0, 4, "tick"));
        }
        assertThat(ctx.scheduled).as("timers armed over 10 stale periods").isBetween(1, 12);
        assertThat(health()).extracting(HealthChanged::health).containsExactly(Health.DOWN, Health.HEALTHY);

        ctx.advance(Duration.ofMillis(999));
        assertThat(health()).hasSize(2);
        ctx.advance(Duration.ofMillis(1));
        assertThat(health().get(2).reasons()).containsExactly(HealthReason.STALE);
        assertThat(ctx.pending).as("once stale, only a message can change it").isEmpty();
    }

    @Test
    void reconnectWhenStale_asksOnce_perStalePeriod() {
        ctx.settings = Settings.builder().staleAfter(Duration.ofSeconds(1)).reconnectWhenStale(true).build();
        open();
        ctx.advance(Duration.ofSeconds(5));
        assertThat(ctx.reconnects).isEqualTo(1);
        see(ev.received(0, 4, "tick"));
        ctx.advance(Duration.ofSeconds(1));
        assertThat(ctx.reconnects).isEqualTo(2);
    }

    @Test
    void aTimerCancelledTooLateToStopIt_doesNothing() {
        ctx.settings = Settings.builder().staleAfter(Duration.ofSeconds(10)).build();
        open();
        Task first = ctx.pending.get(0);
        ctx.settings = Settings.builder().staleAfter(Duration.ofSeconds(1)).build();
        see(ev.settings(0, ctx.settings, Settings.DEFAULTS)); // an earlier check replaces the first timer
        assertThat(first.cancelled).isTrue();
        first.run.run(); // the engine had already queued it
        ctx.advance(Duration.ofSeconds(1));
        assertThat(health()).extracting(HealthChanged::reasons)
                .containsExactly(Set.of(HealthReason.CLOSED), Set.of(), Set.of(HealthReason.STALE));
    }

    private List<HealthChanged> health() {
        return ctx.published.stream().filter(HealthChanged.class::isInstance).map(HealthChanged.class::cast).toList();
    }

    private static final class Task {
        final long at;
        final Runnable run;
        boolean cancelled;

        Task(long at, Runnable run) {
            this.at = at;
            this.run = run;
        }
    }

    /** One connection's queue on a fake clock: scheduled tasks run when time is advanced past them. */
    private static final class FakeContext implements ConnectionWatcher.Context {
        long now = 1_000_000_000L;
        State state = State.CLOSED;
        Settings settings = Settings.DEFAULTS;
        final List<ConnectionEvent> published = new ArrayList<>();
        int seen;
        final List<Task> pending = new ArrayList<>();
        int scheduled;
        int reconnects;
        private final ConnectionId id = new ConnectionId("fake", 1);

        void advance(Duration d) {
            long until = now + d.toNanos();
            while (true) {
                Task next = pending.stream().filter(t -> t.at <= until).min(Comparator.comparingLong(t -> t.at)).orElse(null);
                if (next == null) {
                    break;
                }
                pending.remove(next);
                now = next.at;
                next.run.run();
            }
            now = until;
        }

        @Override
        public ConnectionId id() {
            return id;
        }

        @Override
        public MonotonicClock clock() {
            return new MonotonicClock() {
                @Override
                public long nanoTime() {
                    return now;
                }

                @Override
                public long epochMillis() {
                    return now / 1_000_000;
                }
            };
        }

        @Override
        public Settings settings() {
            return settings;
        }

        @Override
        public State state() {
            return state;
        }

        @Override
        public void publish(ConnectionEvent event) {
            published.add(event);
        }

        @Override
        public ConnectionWatcher.Cancellable schedule(Duration delay, Runnable task) {
            scheduled++;
            Task t = new Task(now + delay.toNanos(), task);
            pending.add(t);
            return () -> {
                t.cancelled = true;
                pending.remove(t);
            };
        }

        @Override
        public SendTicket send(String text) {
            throw new UnsupportedOperationException("health never sends");
        }

        @Override
        public void reconnectNow() {
            reconnects++;
        }
    }
}
