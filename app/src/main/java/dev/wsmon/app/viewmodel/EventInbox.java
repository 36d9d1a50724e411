package dev.wsmon.app.viewmodel;

import dev.wsmon.core.ConnectionId;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The one way from engine threads to the UI thread. Engine listeners {@link #accept} events (they must return
 * quickly, so this only appends under a short per-connection lock); background work {@link #post}s its result as a
 * task. The UI thread {@link #drain}s everything in paced ticks and applies it as one batch: never one
 * {@code Platform.runLater} per event.
 *
 * <p>Keyed by connection instance, not name: only {@link #track tracked} instances have a lane, and a
 * {@link #forget forgotten} one's late events (its CLOSED after a slow close) are dropped on arrival, so they can
 * never reach a new connection that took the same name.
 *
 * <p>Routine events (latency samples, received messages, delivery confirmations) arrive every second for each
 * connection, each at its own moment; {@link #drain(boolean)} can leave a connection's events waiting until the next
 * routine drain as long as none of them is anything else, so that they all reach the screen together (one redraw for
 * all connections instead of one each). A state change, a close or the outcome of an operator's action takes its
 * connection's waiting events with it at once, in order.
 *
 * <p>Bounded: while the window is hidden nothing drains, so each connection keeps at most {@code capacity} events,
 * dropping its oldest and counting what it dropped. A connection's true state never depends on these events (the
 * view models read it from the engine's snapshot), so a drop only shortens the log and the chart's history.
 */
public final class EventInbox implements Consumer<ConnectionEvent> {

    /** Events kept per connection while nothing drains: a little over an hour of 1 s pings plus messages. */
    public static final int DEFAULT_CAPACITY = 20_000;
    /**
     * Message contents kept per connection while nothing drains: messages ride on their events whole (for the
     * inspector), so a count alone would let a hidden window hold 20,000 messages of the max message size.
     */
    public static final long DEFAULT_PAYLOAD_BUDGET = 32L * 1024 * 1024;

    private final int capacity;
    private final long payloadBudget;
    private final Map<ConnectionId, Lane> lanes = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean urgent = new AtomicBoolean();
    private volatile Runnable onUrgent = () -> { };

    public EventInbox() {
        this(DEFAULT_CAPACITY);
    }

    public EventInbox(int capacity) {
        this(capacity, DEFAULT_PAYLOAD_BUDGET);
    }

    public EventInbox(int capacity, long payloadBudget) {
        if (capacity < 1) {
            throw new IllegalArgumentException("inbox capacity must be ≥ 1, got " + capacity);
        }
        if (payloadBudget < 1) {
            throw new IllegalArgumentException("inbox payload budget must be ≥ 1 byte, got " + payloadBudget);
        }
        this.capacity = capacity;
        this.payloadBudget = payloadBudget;
    }

    /** Called on engine threads; drops the events of an instance that is not tracked. */
    @Override
    public void accept(ConnectionEvent event) {
        Lane lane = lanes.get(event.connectionId());
        if (lane != null) {
            lane.add(event, capacity, payloadBudget);
            if (!isRoutine(event)) {
                becomeUrgent(); // after the add: a drain that clears the flag first takes the event or leaves the flag set
            }
        }
    }

    /**
     * Whether something waits that should not wait for the routine second: an event other than a routine one, or a
     * posted task. Any thread; the drain tick's beat asks it so that the UI thread is not woken for nothing.
     */
    public boolean urgent() {
        return urgent.get();
    }

    /**
     * Runs {@code wake} (on the thread that made the inbox urgent) each time it becomes {@link #urgent()}, so that the
     * drain tick need not poll for it. It must return quickly.
     */
    public void onUrgent(Runnable wake) {
        onUrgent = Objects.requireNonNull(wake, "wake");
    }

    private void becomeUrgent() {
        if (!urgent.getAndSet(true)) { // one flip, one wake: a drain's clearing in between cannot swallow it
            onUrgent.run();
        }
    }

    /** Gives {@code connection} a lane; call it before the connection can report anything (before open). */
    public void track(ConnectionId connection) {
        lanes.putIfAbsent(Objects.requireNonNull(connection, "connection"), new Lane());
    }

    /** Runs {@code task} on the UI thread at the next drain; for results of background work. */
    public void post(Runnable task) {
        tasks.add(Objects.requireNonNull(task, "task"));
        becomeUrgent();
    }

    /** Takes everything that arrived since the last drain. Called on the UI thread. */
    public Drained drain() {
        return drain(true);
    }

    /**
     * Takes what arrived since the last drain: with {@code routine}, everything; without, only the lanes that hold
     * something other than {@link #isRoutine routine} events (all of their events, in order) and the posted tasks.
     * Called on the UI thread.
     */
    public Drained drain(boolean routine) {
        urgent.set(false);
        Map<ConnectionId, List<ConnectionEvent>> events = new LinkedHashMap<>();
        Map<ConnectionId, Integer> dropped = new LinkedHashMap<>();
        for (Map.Entry<ConnectionId, Lane> e : lanes.entrySet()) {
            Lane.Taken taken = e.getValue().take(routine);
            if (!taken.events().isEmpty()) {
                events.put(e.getKey(), taken.events());
            }
            if (taken.dropped() > 0) {
                dropped.put(e.getKey(), taken.dropped());
            }
        }
        List<Runnable> run = new ArrayList<>();
        for (Runnable t; (t = tasks.poll()) != null; ) {
            run.add(t);
        }
        return new Drained(events, dropped, run);
    }

    /** Whether {@code event} is one of a connection's steady once-a-second updates, which may wait for a routine drain. */
    public static boolean isRoutine(ConnectionEvent event) {
        return event.accept(ROUTINE);
    }

    /** A new event type must say whether it may wait for the routine second. */
    private static final ConnectionEvent.Visitor<Boolean> ROUTINE = new ConnectionEvent.Visitor<>() {
        @Override
        public Boolean stateChanged(StateChanged e) {
            return false;
        }

        @Override
        public Boolean latencySample(LatencySample e) {
            return true;
        }

        @Override
        public Boolean pingUnanswered(PingUnanswered e) {
            return false;
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
            return true;
        }

        @Override
        public Boolean sendFailed(SendFailed e) {
            return false;
        }

        @Override
        public Boolean messageReceived(MessageReceived e) {
            return true;
        }

        @Override
        public Boolean settingsApplied(SettingsApplied e) {
            return false;
        }

        @Override
        public Boolean healthChanged(HealthChanged e) {
            return false;
        }

        @Override
        public Boolean appLatency(AppLatency e) {
            return true;
        }

        @Override
        public Boolean heartbeatMissed(HeartbeatMissed e) {
            return false;
        }

        @Override
        public Boolean alertChanged(AlertChanged e) {
            return false;
        }

        @Override
        public Boolean adviceGiven(AdviceGiven e) {
            return false;
        }
    };

    /** Events waiting, over all connections. */
    public int pending() {
        return lanes.values().stream().mapToInt(Lane::size).sum();
    }

    /** Forgets a removed connection's lane; whatever it reports from now on is dropped. */
    public void forget(ConnectionId connection) {
        lanes.remove(connection);
    }

    /**
     * One drain.
     *
     * @param events per connection instance, in the order they happened
     * @param dropped per connection instance, how many of its oldest events were dropped because the inbox was full
     */
    public record Drained(Map<ConnectionId, List<ConnectionEvent>> events, Map<ConnectionId, Integer> dropped, List<Runnable> tasks) {

        public boolean isEmpty() {
            return events.isEmpty() && dropped.isEmpty() && tasks.isEmpty();
        }

        public int eventCount() {
            return events.values().stream().mapToInt(List::size).sum();
        }
    }

    /** One connection's waiting events; guarded by itself. */
    private static final class Lane {
        private ArrayDeque<ConnectionEvent> queue = new ArrayDeque<>();
        private int dropped;
        /** Message contents the queue holds, bytes. */
        private long payload;
        /** The queue holds an event that is not routine: the next drain takes this lane whole. */
        private boolean urgent;

        synchronized void add(ConnectionEvent event, int capacity, long payloadBudget) {
            while (!queue.isEmpty() && (queue.size() >= capacity || payload + event.payloadBytes() > payloadBudget)) {
                payload -= queue.pollFirst().payloadBytes();
                dropped++;
            }
            queue.addLast(event);
            payload += event.payloadBytes();
            urgent |= !isRoutine(event);
        }

        synchronized Taken take(boolean routine) {
            if (!routine && !urgent) {
                return Taken.NOTHING;
            }
            Taken t = new Taken(List.copyOf(queue), dropped);
            queue = new ArrayDeque<>();
            dropped = 0;
            payload = 0;
            urgent = false;
            return t;
        }

        synchronized int size() {
            return queue.size();
        }

        record Taken(List<ConnectionEvent> events, int dropped) {
            static final Taken NOTHING = new Taken(List.of(), 0);
        }
    }
}
