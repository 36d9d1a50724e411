package dev.wsmon.core.health;

import dev.wsmon.core.ConnectionWatcher;
import dev.wsmon.core.HealthReason;
import dev.wsmon.core.event.AdviceGiven;
import dev.wsmon.core.event.AlertChanged;
import dev.wsmon.core.event.AppLatency;
import dev.wsmon.core.event.ConnectionEvent;
import dev.wsmon.core.event.HealthChanged;
import dev.wsmon.core.event.HeartbeatMissed;
import dev.wsmon.core.event.LatencySample;
import dev.wsmon.core.event.MessageDelivered;
import dev.wsmon.core.event.MessageReceived;
import dev.wsmon.core.event.MessageSent;
import dev.wsmon.core.event.PingUnanswered;
import dev.wsmon.core.event.ReconnectScheduled;
import dev.wsmon.core.event.SendFailed;
import dev.wsmon.core.event.SettingsApplied;
import dev.wsmon.core.event.StateChanged;
import dev.wsmon.core.stats.LatencySummary;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * Wires {@link HealthRules} to one connection: feeds them its events, publishes {@link HealthChanged} on every change
 * of health or reasons, and keeps at most one timer, armed only while a rule can change on its own (the stale
 * watchdog, a flap leaving its window); an idle healthy connection costs nothing. With reconnect-when-stale, going
 * stale reconnects at once.
 */
public final class HealthWatcher implements ConnectionWatcher {

    private final Function<Duration, LatencySummary> latency;
    private final HealthRules rules = new HealthRules();
    private final Dispatch dispatch = new Dispatch();
    /** The status last published; null before the first. */
    private HealthStatus current;
    private Cancellable timer;
    private long timerAt;
    /** Tells the armed timer's task from one cancelled too late to stop it from running. */
    private long timerGeneration;

    /** @param latency the connection's keepalive summary over a window (its own statistics, e.g. {@code c::latency}) */
    public HealthWatcher(Function<Duration, LatencySummary> latency) {
        this.latency = Objects.requireNonNull(latency, "latency");
    }

    @Override
    public void onEvent(ConnectionEvent event, Context context) {
        if (event.accept(dispatch.at(context.clock().nanoTime()))) {
            evaluate(context);
        }
    }

    private void evaluate(Context ctx) {
        long now = ctx.clock().nanoTime();
        HealthThresholds t = HealthThresholds.of(ctx.settings());
        LatencySummary lastMinute = t.latencyOn() ? latency.apply(HealthRules.LATENCY_WINDOW)
                : LatencySummary.empty(HealthRules.LATENCY_WINDOW);
        HealthStatus next = rules.evaluate(now, t, lastMinute);
        if (!next.equals(current)) {
            boolean newlyStale = next.reasons().contains(HealthReason.STALE) && !has(HealthReason.STALE);
            current = next;
            ctx.publish(new HealthChanged(ctx.id(), ctx.clock().epochMillis(), next.health(), next.reasons()));
            if (newlyStale && ctx.settings().reconnectWhenStale()) {
                ctx.reconnectNow();
            }
        }
        rules.nextCheck(now, t).ifPresent(delay -> arm(ctx, now, delay));
    }

    /** Keeps the earliest check: a later one is re-armed by the earlier one when it runs. */
    private void arm(Context ctx, long now, Duration delay) {
        long at = now + delay.toNanos();
        if (timer != null && timerAt - at <= 0) {
            return;
        }
        if (timer != null) {
            timer.cancel();
        }
        long generation = ++timerGeneration;
        timerAt = at;
        timer = ctx.schedule(delay, () -> {
            if (generation == timerGeneration) {
                timer = null;
                evaluate(ctx);
            }
        });
    }

    private boolean has(HealthReason reason) {
        return current != null && current.reasons().contains(reason);
    }

    /** Feeds the rules; answers whether the status may have changed. */
    private final class Dispatch implements ConnectionEvent.Visitor<Boolean> {
        private long now;

        Dispatch at(long nanos) {
            now = nanos;
            return this;
        }

        @Override
        public Boolean stateChanged(StateChanged e) {
            rules.stateChanged(e.state(), now);
            return true;
        }

        @Override
        public Boolean messageReceived(MessageReceived e) {
            rules.dataReceived(now);
            return has(HealthReason.STALE); // otherwise the timer finds the new time when it runs
        }

        @Override
        public Boolean latencySample(LatencySample e) {
            return true;
        }

        @Override
        public Boolean pingUnanswered(PingUnanswered e) {
            return true;
        }

        @Override
        public Boolean settingsApplied(SettingsApplied e) {
            return true;
        }

        @Override
        public Boolean heartbeatMissed(HeartbeatMissed e) {
            rules.heartbeatMissed();
            return true;
        }

        @Override
        public Boolean appLatency(AppLatency e) {
            rules.heartbeatAnswered();
            return has(HealthReason.HEARTBEAT_MISSED);
        }

        @Override
        public Boolean reconnectScheduled(ReconnectScheduled e) {
            return false;
        }

        @Override
        public Boolean messageSent(MessageSent e) {
            return false;
        }

        @Override
        public Boolean messageDelivered(MessageDelivered e) {
            return false;
        }

        @Override
        public Boolean sendFailed(SendFailed e) {
            return false;
        }

        @Override
        public Boolean healthChanged(HealthChanged e) {
            return false; // our own
        }

        @Override
        public Boolean alertChanged(AlertChanged e) {
            return false;
        }

        @Override
        public Boolean adviceGiven(AdviceGiven e) {
            return false;
        }
    }
}
