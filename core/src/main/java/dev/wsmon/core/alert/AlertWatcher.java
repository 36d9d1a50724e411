package dev.wsmon.core.alert;

import dev.wsmon.core.ConnectionWatcher;
import dev.wsmon.core.event.AlertChanged;
import dev.wsmon.core.event.ConnectionEvent;
import dev.wsmon.core.event.HealthChanged;
import dev.wsmon.core.event.SettingsApplied;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Turns one connection's {@link HealthChanged} events into {@link AlertChanged} through an {@link AlertHysteresis}
 * whose hold is the connection's live {@code alertAfter}; one timer stays armed at the hysteresis's next deadline.
 * Runs on the connection's queue like every watcher, so it needs no locking.
 */
public final class AlertWatcher implements ConnectionWatcher {

    /** Created at the first event, when the connection's clock is at hand. */
    private AlertHysteresis hysteresis;
    private Cancellable timer;
    private long timerAt;

    @Override
    public void onEvent(ConnectionEvent event, Context ctx) {
        if (hysteresis == null) {
            hysteresis = new AlertHysteresis(ctx.settings().alertAfter(), ctx.clock().nanoTime(), ctx.clock().epochMillis());
        }
        if (event instanceof HealthChanged h) {
            publish(hysteresis.health(h.health(), h.reasons(), ctx.clock().nanoTime(), h.ts()), ctx);
            rearm(ctx);
        } else if (event instanceof SettingsApplied s && !s.settings().alertAfter().equals(hysteresis.hold())) {
            hysteresis.setHold(s.settings().alertAfter());
            publish(hysteresis.advance(ctx.clock().nanoTime()), ctx);
            rearm(ctx);
        }
    }

    private void publish(Optional<AlertHysteresis.Change> change, Context ctx) {
        change.ifPresent(c -> ctx.publish(new AlertChanged(ctx.id(), ctx.clock().epochMillis(), c.firing(), c.health(),
                c.reasons(), c.sinceMs())));
    }

    private void rearm(Context ctx) {
        OptionalLong due = hysteresis.deadline();
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
                publish(hysteresis.advance(ctx.clock().nanoTime()), ctx);
                rearm(ctx);
            });
        }
    }
}
