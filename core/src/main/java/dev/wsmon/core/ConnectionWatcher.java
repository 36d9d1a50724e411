package dev.wsmon.core;

import dev.wsmon.core.event.ConnectionEvent;
import java.time.Duration;

/**
 * Watches one connection from the connection's own serial queue and may add events of its own: the feed session
 * (on-open messages, responders, heartbeat), health and alerts are watchers. It sees every event the connection
 * publishes, its own and other watchers' included, in publication order, after the listeners have seen it.
 *
 * <p>All calls come from the connection's queue, one at a time, so a watcher needs no locking; it must not block.
 */
public interface ConnectionWatcher {

    /** One published event; {@code context} is this connection's. */
    void onEvent(ConnectionEvent event, Context context);

    /** What a watcher may do; valid on the connection's queue only (in {@link #onEvent} or a scheduled task). */
    interface Context {
        ConnectionId id();

        /** Monotonic nanoseconds for durations and wall-clock milliseconds for event stamps. */
        MonotonicClock clock();

        /** The settings in effect now. */
        Settings settings();

        /** The machine's state now. */
        State state();

        /** Publishes {@code event} after the one being handled: to the listeners, then to every watcher. */
        void publish(ConnectionEvent event);

        /**
         * Runs {@code task} on the connection's queue after {@code delay}; cancel it with the handle. A task of an
         * engine that has shut down never runs.
         */
        Cancellable schedule(Duration delay, Runnable task);

        /** An ordinary send (id, outcome and events like any other). */
        SendTicket send(String text);

        /**
         * An ordinary send made automatically ({@code by}, e.g. {@code responder 1}): its {@code MessageSent} is
         * marked so that views can count such sends instead of listing each.
         */
        default SendTicket sendAutomatic(String text, String by) {
            return send(text);
        }

        /** Ends the current connection and connects afresh at once (e.g. reconnect when stale). */
        void reconnectNow();
    }

    /** A scheduled task that can be called off. */
    interface Cancellable {
        void cancel();
    }
}
