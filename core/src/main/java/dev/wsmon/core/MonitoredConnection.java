package dev.wsmon.core;

import dev.wsmon.core.event.ConnectionEvent;
import dev.wsmon.core.event.LatencySample;
import dev.wsmon.core.event.MessageDelivered;
import dev.wsmon.core.event.PingUnanswered;
import dev.wsmon.core.event.SendFailed;
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
import dev.wsmon.core.transport.TransportListener;
import java.time.Duration;
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

    private final String name;
    private final TransportFactory transports;
    private final ScheduledExecutorService scheduler;
    private final MonotonicClock clock;
    private final SerialExecutor queue;
    private final List<Consumer<ConnectionEvent>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong nextSendId = new AtomicLong(1);
    /** Outcomes not yet known, by send id; entries leave with their final event. */
    private final Map<Long, CompletableFuture<SendResult>> outcomes = new ConcurrentHashMap<>();
    private final LatencyStats stats = new LatencyStats(LatencyStats.DEFAULT_CAPACITY);

    private volatile Endpoint endpoint;

    // Owned by the serial queue; transport is volatile only so snapshots can read its queue size.
    private final ConnectionMachine machine;
    private volatile Transport transport;
    private ScheduledFuture<?> timer;
    private long timerAt = ConnectionMachine.NEVER;

    /** Written by the serial queue after every step, read by anyone. */
    private volatile View view;

    private record View(State state, long stateSince, int attempt, String subprotocol, Optional<CloseReport> lastClose,
                        long reconnectAt, Settings settings, boolean wanted, int unconfirmed) {
    }

    MonitoredConnection(String name, Endpoint endpoint, Settings settings, TransportFactory transports,
                        ScheduledExecutorService scheduler, MonotonicClock clock, Backoff backoff,
                        Consumer<ConnectionEvent> monitorListener) {
        this.name = Objects.requireNonNull(name, "name");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.transports = transports;
        this.scheduler = scheduler;
        this.clock = clock;
        this.queue = new SerialExecutor(scheduler, "conn " + name);
        this.machine = new ConnectionMachine(name, settings, backoff, clock.nanoTime());
        this.listeners.add(monitorListener);
        this.view = capture();
    }

    public String name() {
        return name;
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
        Objects.requireNonNull(text, "text");
        long id = nextSendId.getAndIncrement();
        CompletableFuture<SendResult> outcome = new CompletableFuture<>();
        outcomes.put(id, outcome);
        int size = Utf8.length(text);
        queue.execute(() -> {
            long pending = transport == null ? 0 : transport.pendingBytes();
            handle(new Input.Send(id, text, size, pending));
        });
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
        });
        return new SendTicket(id, outcome);
    }

    /** Shutdown: close with 1001 and cause {@code shutdown}; no reconnect. */
    void shutdown() {
        post(new Input.Shutdown());
    }

    /** Runs {@code task} on this connection's queue, after every input posted before it has been handled. */
    void afterQueued(Runnable task) {
        queue.execute(task);
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

    /** RTT percentiles, jitter and loss over the last {@code window}. */
    public LatencySummary latency(Duration window) {
        return stats.summarize(clock.nanoTime(), window);
    }

    public LatencyStats stats() {
        return stats;
    }

    private void post(Input input) {
        queue.execute(() -> handle(input));
    }

    private void handle(Input input) {
        long nanos = clock.nanoTime();
        Step step = machine.handle(input, new Now(nanos, clock.epochMillis()));
        for (Action action : step.actions()) {
            perform(action);
        }
        view = capture();
        for (ConnectionEvent event : step.events()) {
            publish(event); // before completing a send's future, so whoever awaits it finds the event published
            record(event, nanos);
        }
        rearm(nanos);
    }

    private void perform(Action action) {
        if (action instanceof Action.Connect c) {
            transport = transports.create(endpoint, c.settings(), name, new AttemptListener(c.attempt()));
            transport.connect();
        } else if (action instanceof Action.SendText t) {
            if (transport != null) {
                transport.sendText(t.text());
            }
        } else if (action instanceof Action.SendPing p) {
            if (transport != null) {
                transport.sendPing(p.seq());
            }
        } else if (action instanceof Action.SendClose c) {
            if (transport != null) {
                transport.sendClose(c.code(), c.reason());
            }
        } else if (action instanceof Action.Dispose d) {
            if (transport != null) {
                transport.dispose(d.abort());
                transport = null;
            }
        }
    }

    private void record(ConnectionEvent event, long nanos) {
        if (event instanceof LatencySample s) {
            stats.recordRtt(nanos, s.rtt().toNanos());
        } else if (event instanceof PingUnanswered) {
            stats.recordLoss(nanos);
        } else if (event instanceof MessageDelivered d) {
            complete(d.id(), SendResult.delivered(d.id(), d.confirm()));
        } else if (event instanceof SendFailed f) {
            complete(f.id(), SendResult.failed(f.id(), f.reason(), f.detail()));
        }
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
                machine.unconfirmedCount());
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
        public void received(String text, int size) {
            post(new Input.Received(attempt, size, false, text));
        }

        @Override
        public void receivedBinary(int size) {
            post(new Input.Received(attempt, size, true, ""));
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
