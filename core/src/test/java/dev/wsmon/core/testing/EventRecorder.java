package dev.wsmon.core.testing;

import dev.wsmon.core.State;
import dev.wsmon.core.event.ConnectionEvent;
import dev.wsmon.core.event.StateChanged;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Collects a connection's events with their arrival time, and waits for a predicate with a deadline:
 * the way tests synchronise with the engine (never by sleeping).
 */
public final class EventRecorder implements Consumer<ConnectionEvent> {

    /** An event and the monotonic time the test saw it. */
    public record Seen(ConnectionEvent event, long nanos) {
    }

    private final List<Seen> seen = new ArrayList<>();

    @Override
    public synchronized void accept(ConnectionEvent event) {
        seen.add(new Seen(event, System.nanoTime()));
        notifyAll();
    }

    public synchronized List<ConnectionEvent> events() {
        return seen.stream().map(Seen::event).toList();
    }

    public synchronized List<Seen> seen() {
        return List.copyOf(seen);
    }

    public <T extends ConnectionEvent> List<T> all(Class<T> type) {
        return events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    public List<StateChanged> states(State state) {
        return all(StateChanged.class).stream().filter(s -> s.state() == state).toList();
    }

    public synchronized int size() {
        return seen.size();
    }

    public synchronized void clear() {
        seen.clear();
    }

    /** Waits until {@code condition} holds over all events so far; fails with {@code what} at the deadline. */
    public synchronized void await(String what, Predicate<List<ConnectionEvent>> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(seen.stream().map(Seen::event).toList())) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what
                        + "; events: " + describe());
            }
            try {
                wait(Math.max(1, left / 1_000_000), 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /** Waits for the first event of {@code type} matching {@code match} at or after index {@code from}. */
    public <T extends ConnectionEvent> Seen awaitNext(Class<T> type, Predicate<T> match, int from, Duration timeout) {
        Seen[] found = new Seen[1];
        await(type.getSimpleName(), events -> {
            List<Seen> all;
            synchronized (this) {
                all = List.copyOf(seen);
            }
            for (int i = from; i < all.size(); i++) {
                ConnectionEvent e = all.get(i).event();
                if (type.isInstance(e) && match.test(type.cast(e))) {
                    found[0] = all.get(i);
                    return true;
                }
            }
            return false;
        }, timeout);
        return found[0];
    }

    /** Waits for the next state change into {@code state} at or after index {@code from}. */
    public Seen awaitState(State state, int from, Duration timeout) {
        return awaitNext(StateChanged.class, s -> s.state() == state, from, timeout);
    }

    public long count(Predicate<ConnectionEvent> p) {
        return events().stream().filter(p).count();
    }

    private String describe() {
        List<String> lines = new ArrayList<>();
        for (Seen s : seen) {
            lines.add(s.event().toString());
        }
        int from = Math.max(0, lines.size() - 20);
        return (from > 0 ? "… " + from + " earlier, then " : "") + String.join("\n  ", lines.subList(from, lines.size()));
    }
}
