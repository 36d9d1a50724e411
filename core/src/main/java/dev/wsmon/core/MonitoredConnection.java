package dev.wsmon.core;

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
import dev.wsmon.core.machine.Action;
import dev.wsmon.core.machine.Backoff;
import dev.wsmon.core.machine.ConnectionMachine;
import dev.wsmon.core.machine.Input;
import dev.wsmon.core.machine.Now;
import dev.wsmon.core.machine.Step;
import dev.wsmon.core.stats.LatencyStats;
import dev.wsmon.core.stats.LatencySummary;
import dev.wsmon.core.transport.Transport;
import dev.wsmon.core.transport.TransportEnd;
import dev.wsmon.core.transport.TransportFactory;
import dev.wsmon.core.transport.TransportFailure;
import dev.wsmon.core.transport.TransportListener;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One monitored connection: the driver that alone owns its {@link ConnectionMachine}. Commands from any
 * thread and callbacks from the transport's threads are posted into a serial queue; each input yields a
 * step whose actions are performed and whose events are published, in order, from that queue. One
 * watchdog timer is kept armed at the machine's next deadline.
 *
 * <p>No method throws for a network condition: outcomes are events.
 */
public final class MonitoredConnection {

    private static final Logger log = LoggerFactory.getLogger(MonitoredConnection.class);

    private final ConnectionId id;
    private final String name;
    private final TransportFactory transports;
    private final ScheduledExecutorService scheduler;
    private final MonotonicClock clock;
    private final SerialExecutor queue;
    private final List<Consumer<ConnectionEvent>> listeners = new CopyOnWriteArrayList<>();
    /** Read and changed on the serial queue only. */
    private final List<ConnectionWatcher> watchers = new ArrayList<>();
    /** Events watchers published while an event is being delivered; drained in order on the queue. */
    private final ArrayDeque<ConnectionEvent> watcherEvents = new ArrayDeque<>();
    private boolean delivering;
    private final WatcherContext watcherContext = new WatcherContext();
    private final AtomicLong nextSendId = new AtomicLong(1);
    /** Outcomes not yet known, by send id; entries leave with their final event. */
    private final Map<Long, CompletableFuture<SendResult>> outcomes = new ConcurrentHashMap<>();
    /** Written by the serial queue only; callers see summaries, never this ring. */
    private final LatencyStats stats = new LatencyStats(LatencyStats.DEFAULT_CAPACITY);
    private final Performer performer = new Performer();

    private volatile Endpoint endpoint;

    // Owned by the serial queue; transport is volatile only so snapshots can read its queue size.
    private final ConnectionMachine machine;
    private volatile Transport transport;
    /** The attempt {@link #transport} belongs to, so that its failures end that attempt and no other. */
    private int transportAttempt;
    private ScheduledFuture<?> timer;
    private long timerAt = ConnectionMachine.NEVER;

    /** Written by the serial queue after every step, read by anyone. */
    private volatile View view;

    private record View(State state, long stateSince, int attempt, String subprotocol, Optional<CloseReport> lastClose,
                        long reconnectAt, Settings settings, boolean wanted, int unconfirmed, long wakeAt) {
    }

    MonitoredConnection(ConnectionId id, Endpoint endpoint, Settings settings, TransportFactory transports,
                        ScheduledExecutorService scheduler, MonotonicClock clock, Backoff backoff,
                        Consumer<ConnectionEvent> monitorListener) {
        this.id = Objects.requireNonNull(id, "id");
        this.name = id.name();
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.transports = transports;
        this.scheduler = scheduler;
        this.clock = clock;
        this.queue = new SerialExecutor(scheduler, "conn " + name);
        this.machine = new ConnectionMachine(id, settings, backoff, clock.nanoTime());
        this.listeners.add(monitorListener);
        this.view = capture();
    }

    public String name() {
        return name;
    }

    /** This instance of the name: every event it publishes carries it. */
    public ConnectionId id() {
        return id;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** Changes URL, headers, subprotocols or TLS options; they apply from the next attempt. */
    public void setEndpoint(Endpoint value) {
        endpoint = Objects.requireNonNull(value, "endpoint");
    }

    public void addListener(Consumer<ConnectionEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Consumer<ConnectionEvent> listener) {
        listeners.remove(listener);
    }

    /** Adds a watcher; it sees the events published after this call has reached the connection's queue. */
    public void addWatcher(ConnectionWatcher watcher) {
        Objects.requireNonNull(watcher, "watcher");
        queue.execute(() -> watchers.add(watcher));
    }

    /** Connects, and keeps reconnecting per the settings until {@link #close()}. */
    public void open() {
        post(new Input.Open());
    }

    /** Closes with 1000 and stops reconnecting. */
    public void close() {
        close(1000, "");
    }

    /**
     * Closes with {@code code} and stops reconnecting.
     *
     * @throws IllegalArgumentException for a code that may not be sent (RFC 6455 7.4) or a reason over 123 bytes
     */
    public void close(int code, String reason) {
        String r = reason == null ? "" : reason;
        boolean sendable = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
        if (!sendable) {
            throw new IllegalArgumentException("close code " + code + " may not be sent; use 1000-1003, 1007-1014 or 3000-4999");
        }
        if (Utf8.length(r) > 123) {
            throw new IllegalArgumentException("close reason must be at most 123 bytes in UTF-8, got " + Utf8.length(r));
        }
        post(new Input.Close(code, r));
    }

    /** Skips the reconnect wait; on an open connection, replaces it with a fresh one. */
    public void reconnectNow() {
        post(new Input.ReconnectNow());
    }

    /** Applies new settings at the next decision point, without reconnecting. */
    public void applySettings(Settings settings) {
        post(new Input.ApplySettings(Objects.requireNonNull(settings, "settings")));
    }

    /**
     * Sends a text message. The ticket's id is known at once; its outcome (and an event) follows: refused
     * at once, or accepted and later delivered or unconfirmed.
     */
    public SendTicket send(String text) {
        return send(text, "");
    }

    /**
     * A send on the user's behalf by a session feature: like {@link #send(String)}, its event says {@code by} whom
     * ({@link MessageSent#by()}), so that views can count automatic sends instead of listing each one.
     */
    public SendTicket send(String text, String by) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(by, "by");
        long id = nextSendId.getAndIncrement();
        CompletableFuture<SendResult> outcome = new CompletableFuture<>();
        outcomes.put(id, outcome);
        int size = Utf8.length(text);
        queue.execute(() -> {
            long pending = transport == null ? 0 : transport.pendingBytes();
            handle(new Input.Send(id, text, size, pending, by));
        }, () -> refuseStopped(id));
        return new SendTicket(id, outcome);
    }

    /**
     * Accounts for a text message of {@code size} bytes that the caller discarded instead of holding it, because
     * it is over the max message size (e.g. a huge line streamed from stdin): like a refused {@link #send}, it
     * gets an id, and its outcome and event say {@code too-big} ({@code not-open} if the connection is not open).
     */
    public SendTicket refuseOversized(long size) {
        long id = nextSendId.getAndIncrement();
        CompletableFuture<SendResult> outcome = new CompletableFuture<>();
        outcomes.put(id, outcome);
        queue.execute(() -> {
            // Claimed over the limit in effect, so the machine refuses it and never needs the text; a size past
            // int is also past every send queue cap (1 GiB at most), so it is refused all the same.
            long over = Math.max(size, (long) machine.settings().maxMessageSize() + 1);
            long pending = transport == null ? 0 : transport.pendingBytes();
            handle(new Input.Send(id, "", (int) Math.min(over, Integer.MAX_VALUE), pending));
        }, () -> refuseStopped(id));
        return new SendTicket(id, outcome);
    }

    /** A send the stopped engine will never run: refused as not-open at once, event included. */
    private void refuseStopped(long sendId) {
        SendFailed refused = new SendFailed(id, clock.epochMillis(), sendId, SendFailure.NOT_OPEN,
                "the monitor is shut down");
        publish(refused);
        record(refused, clock.nanoTime());
    }

    /** Shutdown: close with 1001 and cause {@code shutdown}; no reconnect. */
    void shutdown() {
        post(new Input.Shutdown());
    }

    /** Runs {@code task} on this connection's queue, after every input posted before it has been handled. */
    void afterQueued(Runnable task) {
        queue.execute(task, task); // the engine stopped: nothing is left to publish, look at once
    }

    /**
     * Ends the current attempt at once, aborting its socket: for a shutdown whose close handshake ran past
     * its budget, so that no connection is left CLOSING and no socket open.
     */
    void abort(String detail) {
        queue.execute(() -> {
            if (machine.state() != State.CLOSED) {
                handle(new Input.Ended(machine.attempt(), TransportEnd.failed(TransportFailure.ABORTED, detail)));
            }
        });
    }

    public ConnectionSnapshot snapshot() {
        View v = view;
        long now = clock.nanoTime();
        Transport t = transport;
        return new ConnectionSnapshot(name, endpoint.uri(), v.state, Duration.ofNanos(Math.max(0, now - v.stateSince)),
                v.attempt, v.subprotocol, v.lastClose,
                v.reconnectAt == ConnectionMachine.NEVER ? Optional.empty()
                        : Optional.of(Duration.ofNanos(Math.max(0, v.reconnectAt - now))),
                v.settings, v.wanted, v.unconfirmed, t == null ? 0 : t.pendingBytes());
    }

    /** RTT percentiles, jitter and loss over the last {@code window}: the only view of the samples, a copy. */
    public LatencySummary latency(Duration window) {
        return stats.summarize(clock.nanoTime(), window);
    }

    /** The machine's next deadline after the last step, {@link ConnectionMachine#NEVER} if none; for tests. */
    long nextDeadline() {
        return view.wakeAt;
    }

    private void post(Input input) {
        queue.execute(() -> handle(input));
    }

    private void handle(Input input) {
        long nanos = clock.nanoTime();
        Step step = null;
        try {
            step = machine.handle(input, new Now(nanos, clock.epochMillis()));
            for (Action action : step.actions()) {
                performOrReport(action);
            }
        } finally {
            // Whatever failed above, the step's events go out and a deadline stays armed: never stranded.
            view = capture();
            if (step != null) {
                for (ConnectionEvent event : step.events()) {
                    publish(event); // before completing a send's future, so whoever awaits it finds the event published
                    record(event, nanos);
                    deliverToWatchers(event);
                }
            }
            rearm(clock.nanoTime());
        }
    }

    /**
     * Performs one action; an exception ends the attempt it belongs to, as an input queued behind this step
     * (connect-failed while connecting, otherwise the transport is aborted), with the message as detail.
     */
    private void performOrReport(Action action) {
        try {
            perform(action);
        } catch (RuntimeException e) {
            int attempt = transportAttempt; // a Connect sets it before anything can throw
            String detail = failureDetail(action, e);
            log.warn("{}: {} (attempt {})", name, detail, attempt);
            log.debug("{}: action failed", name, e);
            TransportFailure failure = machine.state() == State.CONNECTING ? TransportFailure.CONNECT_FAILED
                    : TransportFailure.ABORTED;
            post(new Input.Ended(attempt, TransportEnd.failed(failure, detail)));
        }
    }

    /** The transport method that failed and the exception's message, e.g. {@code sendPing failed: …}. */
    private static String failureDetail(Action action, RuntimeException e) {
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        String type = action.getClass().getSimpleName();
        return Character.toLowerCase(type.charAt(0)) + type.substring(1) + " failed: " + message;
    }

    private void perform(Action action) {
        action.accept(performer);
    }

    private void record(ConnectionEvent event, long nanos) {
        event.accept(new Recorder(nanos));
    }

    private void complete(long id, SendResult result) {
        CompletableFuture<SendResult> f = outcomes.remove(id);
        if (f != null) {
            f.complete(result);
        }
    }

    private void publish(ConnectionEvent event) {
        for (Consumer<ConnectionEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                log.warn("{}: event listener failed on {}", name, event.getClass().getSimpleName(), e);
            }
        }
    }

    /** Shows {@code event} to every watcher, then publishes (and shows) what they published in turn, in order. */
    private void deliverToWatchers(ConnectionEvent event) {
        if (watchers.isEmpty()) {
            return;
        }
        watcherEvents.add(event);
        if (delivering) {
            return; // the loop below, further up this queue's stack, takes it
        }
        delivering = true;
        try {
            ConnectionEvent next;
            while ((next = watcherEvents.poll()) != null) {
                for (ConnectionWatcher w : watchers) {
                    try {
                        w.onEvent(next, watcherContext);
                    } catch (RuntimeException e) {
                        log.warn("{}: watcher {} failed on {}", name, w.getClass().getSimpleName(),
                                next.getClass().getSimpleName(), e);
                    }
                }
            }
        } finally {
            delivering = false;
        }
    }

    /** A watcher's view of this connection; every method runs on (or posts to) the serial queue. */
    private final class WatcherContext implements ConnectionWatcher.Context {
        @Override
        public ConnectionId id() {
            return id;
        }

        @Override
        public MonotonicClock clock() {
            return clock;
        }

        @Override
        public Settings settings() {
            return machine.settings();
        }

        @Override
        public State state() {
            return machine.state();
        }

        @Override
        public void publish(ConnectionEvent event) {
            Objects.requireNonNull(event, "event");
            long nanos = clock.nanoTime();
            MonitoredConnection.this.publish(event);
            record(event, nanos);
            deliverToWatchers(event);
        }

        @Override
        public ConnectionWatcher.Cancellable schedule(Duration delay, Runnable task) {
            Objects.requireNonNull(task, "task");
            try {
                ScheduledFuture<?> f = scheduler.schedule(() -> queue.execute(task),
                        Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
                return () -> f.cancel(false);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                log.debug("{}: engine stopped; watcher task not scheduled", name);
                return () -> { };
            }
        }

        @Override
        public SendTicket send(String text) {
            return MonitoredConnection.this.send(text);
        }

        @Override
        public SendTicket sendAutomatic(String text, String by) {
            return MonitoredConnection.this.send(text, by);
        }

        @Override
        public void reconnectNow() {
            MonitoredConnection.this.reconnectNow();
        }
    }

    private void rearm(long now) {
        long wake = machine.wakeAt();
        if (wake == timerAt) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        timerAt = wake;
        if (wake != ConnectionMachine.NEVER) {
            try {
                timer = scheduler.schedule(this::fire, Math.max(0, wake - now), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                log.debug("{}: engine stopped; watchdog not armed", name);
            }
        }
    }

    private void fire() {
        queue.execute(() -> {
            timerAt = ConnectionMachine.NEVER; // this timer is spent: let rearm schedule the next one
            timer = null;
            handle(new Input.Tick());
        });
    }

    private View capture() {
        return new View(machine.state(), machine.stateSince(), machine.attempt(), machine.subprotocol(),
                machine.lastClose(), machine.reconnectAt(), machine.settings(), machine.wanted(),
                machine.unconfirmedCount(), machine.wakeAt());
    }

    /** Carries out the machine's actions on the current transport. */
    private final class Performer implements Action.Visitor<Void> {

        @Override
        public Void connect(Action.Connect c) {
            transportAttempt = c.attempt();
            transport = transports.create(endpoint, c.settings(), clock, new AttemptListener(c.attempt()));
            transport.connect();
            return null;
        }

        @Override
        public Void sendText(Action.SendText t) {
            if (transport != null) {
                transport.sendText(t.text());
            }
            return null;
        }

        @Override
        public Void sendPing(Action.SendPing p) {
            if (transport != null) {
                transport.sendPing(p.seq());
            }
            return null;
        }

        @Override
        public Void sendClose(Action.SendClose c) {
            if (transport != null) {
                transport.sendClose(c.code(), c.reason());
            }
            return null;
        }

        @Override
        public Void dispose(Action.Dispose d) {
            Transport t = transport;
            transport = null; // released even if dispose throws: the attempt is over either way
            if (t != null) {
                t.dispose(d.abort());
            }
            return null;
        }
    }

    /** Feeds the latency statistics and completes send outcomes; the other events concern listeners only. */
    private final class Recorder implements ConnectionEvent.Visitor<Void> {
        private final long nanos;

        Recorder(long nanos) {
            this.nanos = nanos;
        }

        @Override
        public Void latencySample(LatencySample s) {
            stats.recordRtt(nanos, s.rtt().toNanos());
            return null;
        }

        @Override
        public Void pingUnanswered(PingUnanswered p) {
            stats.recordLoss(nanos);
            return null;
        }

        @Override
        public Void messageDelivered(MessageDelivered d) {
            complete(d.id(), SendResult.delivered(d.id(), d.confirm()));
            return null;
        }

        @Override
        public Void sendFailed(SendFailed f) {
            complete(f.id(), SendResult.failed(f.id(), f.reason(), f.detail()));
            return null;
        }

        @Override
        public Void stateChanged(StateChanged e) {
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
        public Void messageReceived(MessageReceived e) {
            return null;
        }

        @Override
        public Void settingsApplied(SettingsApplied e) {
            return null;
        }

        @Override
        public Void healthChanged(HealthChanged e) {
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
    }

    /** Posts one attempt's callbacks, tagged with its number: the machine drops an older attempt's. */
    private final class AttemptListener implements TransportListener {
        private final int attempt;

        AttemptListener(int attempt) {
            this.attempt = attempt;
        }

        @Override
        public void opened(String subprotocol) {
            post(new Input.Opened(attempt, subprotocol));
        }

        @Override
        public void opened(String subprotocol, String extensions) {
            post(new Input.Opened(attempt, subprotocol, extensions));
        }

        @Override
        public void opened(String subprotocol, String extensions, HandshakeTiming timing) {
            post(new Input.Opened(attempt, subprotocol, extensions, timing));
        }

        @Override
        public void phaseBegan(HandshakePhase phase) {
            post(new Input.PhaseBegan(attempt, phase));
        }

        @Override
        public void received(String text, int size) {
            post(new Input.Received(attempt, size, false, text));
        }

        @Override
        public void receivedBinary(int size) {
            post(new Input.Received(attempt, size, true, ""));
        }

        @Override
        public void receivedBinary(java.nio.ByteBuffer data) {
            byte[] copy = new byte[data.remaining()]; // the library reuses its buffer after this call
            data.duplicate().get(copy);
            post(new Input.Received(attempt, copy.length, true, "", java.nio.ByteBuffer.wrap(copy).asReadOnlyBuffer()));
        }

        @Override
        public void pong(long seq, long writtenAtNanos) {
            post(new Input.Pong(attempt, seq, writtenAtNanos));
        }

        @Override
        public void peerClosing(int code, String reason) {
            post(new Input.PeerClosing(attempt, code, reason));
        }

        @Override
        public void libraryClosing(int code, String reason) {
            post(new Input.LibraryClosing(attempt, code, reason));
        }

        @Override
        public void ended(TransportEnd end) {
            post(new Input.Ended(attempt, end));
        }
    }
}
