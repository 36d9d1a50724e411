package dev.wsmon.core.alert;

import dev.wsmon.core.CloseCause;
import dev.wsmon.core.ConnectionWatcher;
import dev.wsmon.core.State;
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
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns one connection's {@link HealthChanged} events into {@link AlertChanged} through an {@link AlertHysteresis}
 * whose hold is the connection's live {@code alertAfter}; one timer stays armed at the hysteresis's next deadline.
 * Runs on the connection's queue like every watcher, so it needs no locking.
 *
 * <p>A connection the operator closed (cause {@code local-close}) or that is shutting down is not watched until its
 * next attempt: nobody wants to be paged for a connection they disconnected. An alert already firing stays firing.
 */
public final class AlertWatcher implements ConnectionWatcher, ConnectionEvent.Visitor<Void> {

    /** Created at the first event, when the connection's clock is at hand. */
    private AlertHysteresis hysteresis;
    private Cancellable timer;
    private long timerAt;
    /** The context of the event being handled. */
    private Context ctx;
    /** Closed on purpose: health changes are not alerts until the next CONNECTING. */
    private boolean paused;

    @Override
    public void onEvent(ConnectionEvent event, Context context) {
        if (hysteresis == null) {
            hysteresis = new AlertHysteresis(context.settings().alertAfter(), context.clock().nanoTime(),
                    context.clock().epochMillis());
        }
        ctx = context;
        event.accept(this);
    }

    @Override
    public Void stateChanged(StateChanged s) {
        if (s.state() == State.CONNECTING && paused) {
            paused = false;
            if (!hysteresis.firing()) { // a fresh start: the time spent closed on purpose does not count
                hysteresis = new AlertHysteresis(hysteresis.hold(), ctx.clock().nanoTime(), s.ts());
            }
            rearm(ctx);
        } else if (s.state() == State.CLOSED && s.close().map(r -> r.cause() == CloseCause.LOCAL_CLOSE
                || r.cause() == CloseCause.SHUTDOWN).orElse(false)) {
            paused = true;
            if (timer != null) {
                timer.cancel();
                timer = null;
            }
        }
        return null;
    }

    @Override
    public Void healthChanged(HealthChanged h) {
        if (paused) {
            return null;
        }
        publish(hysteresis.health(h.health(), h.reasons(), ctx.clock().nanoTime(), h.ts()), ctx);
        rearm(ctx);
        return null;
    }

    @Override
    public Void settingsApplied(SettingsApplied s) {
        if (!s.settings().alertAfter().equals(hysteresis.hold())) {
            hysteresis.setHold(s.settings().alertAfter());
            if (!paused) {
                publish(hysteresis.advance(ctx.clock().nanoTime()), ctx);
                rearm(ctx);
            }
        }
        return null;
    }

    @Override
    public Void latencySample(LatencySample e) {
        return null;
    }

    @Override
    public Void pingUnanswered(PingUnanswered e) {
        return null;
    }

    @Override
    public Void reconnectScheduled(ReconnectScheduled e) {
        return null;
    }

    @Override
    public Void messageSent(MessageSent e) {
        return null;
    }

    @Override
    public Void messageDelivered(MessageDelivered e) {
        return null;
    }

    @Override
    public Void sendFailed(SendFailed e) {
        return null;
    }

    @Override
    public Void messageReceived(MessageReceived e) {
        return null;
    }

    @Override
    public Void appLatency(AppLatency e) {
        return null;
    }

    @Override
    public Void heartbeatMissed(HeartbeatMissed e) {
        return null;
    }

    @Override
    public Void alertChanged(AlertChanged e) {
        return null;
    }

    @Override
    public Void adviceGiven(AdviceGiven e) {
        return null;
    }

    private void publish(Optional<AlertHysteresis.Change> change, Context ctx) {
        change.ifPresent(c -> ctx.publish(new AlertChanged(ctx.id(), ctx.clock().epochMillis(), c.firing(), c.health(),
                c.reasons(), c.sinceMs())));
    }

    private void rearm(Context ctx) {
        OptionalLong due = paused ? OptionalLong.empty() : hysteresis.deadline();
        if (timer != null && due.isPresent() && due.getAsLong() == timerAt) {
            return;
        }
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        if (due.isPresent()) {
            timerAt = due.getAsLong();
            timer = ctx.schedule(Duration.ofNanos(Math.max(0, timerAt - ctx.clock().nanoTime())), () -> {
                timer = null;
                if (paused) {
                    return; // cancelled too late: it was already on the queue
                }
                publish(hysteresis.advance(ctx.clock().nanoTime()), ctx);
                rearm(ctx);
            });
        }
    }
}
