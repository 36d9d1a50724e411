package dev.wsmon.core;

import dev.wsmon.core.event.ConnectionEvent;
import dev.wsmon.core.health.HealthWatcher;
import dev.wsmon.core.machine.Backoff;
import dev.wsmon.core.transport.TransportFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine: a set of monitored connections sharing one small scheduler. Thread-safe.
 *
 * <pre>{@code
 * try (Monitor monitor = Monitor.create()) {
 *     MonitoredConnection c = monitor.add("feed", Endpoint.of("wss://example.org/feed"), Settings.DEFAULTS);
 *     c.addListener(event -> System.out.println(event));
 *     c.open();
 * }
 * }</pre>
 */
public final class Monitor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Monitor.class);
    private static final AtomicInteger MONITORS = new AtomicInteger();
    /** How long aborted connections get to report CLOSED: an abort does not wait on the peer. */
    private static final Duration ABORT_GRACE = Duration.ofSeconds(1);

    private final ScheduledThreadPoolExecutor scheduler;
    private final TransportFactory transports;
    private final MonotonicClock clock;
    private final Backoff backoff;
    private final Map<String, MonitoredConnection> connections = new LinkedHashMap<>();
    /** The last connection instance handed out; guarded by {@link #connections}. */
    private long lastInstance;
    private final List<Consumer<ConnectionEvent>> listeners = new CopyOnWriteArrayList<>();
    /** Each makes a watcher for every connection added (alerts, advice, …). */
    private final List<Supplier<? extends ConnectionWatcher>> watchers;
    private volatile boolean closed;

    private Monitor(Builder b) {
        int id = MONITORS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.scheduler = new ScheduledThreadPoolExecutor(b.threads, r -> {
            Thread t = new Thread(r, "wsmon-engine-" + id + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true); // watchdogs are re-armed often: don't keep cancelled ones
        this.transports = b.transports;
        this.clock = b.clock;
        this.backoff = new Backoff(b.random);
        this.watchers = List.copyOf(b.watchers);
    }

    /** An engine over Java-WebSocket with the system clock and random jitter. */
    public static Monitor create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Adds a connection, closed until {@link MonitoredConnection#open()}. It gets a new {@link ConnectionId}
     * even when a removed connection had the same name, so that one's late events stay apart.
     *
     * @throws IllegalArgumentException if the name is taken or blank
     */
    public MonitoredConnection add(String name, Endpoint endpoint, Settings settings) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("connection name must not be blank");
        }
        synchronized (connections) {
            if (closed) {
                throw new IllegalStateException("monitor is closed");
            }
            if (connections.containsKey(name)) {
                throw new IllegalArgumentException("a connection named '" + name + "' already exists");
            }
            MonitoredConnection c = new MonitoredConnection(new ConnectionId(name, ++lastInstance), endpoint, settings, transports, scheduler, clock,
                    backoff, this::publish);
            watchers.forEach(w -> c.addWatcher(w.get()));
            c.addWatcher(new HealthWatcher(c::latency)); // health is always on; its thresholds are off by default
            connections.put(name, c);
            return c;
        }
    }

    public Optional<MonitoredConnection> get(String name) {
        synchronized (connections) {
            return Optional.ofNullable(connections.get(name));
        }
    }

    public List<MonitoredConnection> connections() {
        synchronized (connections) {
            return List.copyOf(connections.values());
        }
    }

    /** Closes the connection (its CLOSED event still follows) and forgets it. */
    public void remove(String name) {
        MonitoredConnection c;
        synchronized (connections) {
            c = connections.remove(name);
        }
        if (c != null) {
            c.close(1000, "removed");
        }
    }

    /** Receives every connection's events, on that connection's queue; must return quickly. */
    public void addListener(Consumer<ConnectionEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(Consumer<ConnectionEvent> listener) {
        listeners.remove(listener);
    }

    private void publish(ConnectionEvent event) {
        for (Consumer<ConnectionEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                log.warn("monitor listener failed on {}", event.getClass().getSimpleName(), e);
            }
        }
    }

    /**
     * Closes every connection (cause {@code shutdown}), waits until each is CLOSED or {@code timeout}
     * passes, aborts the sockets of those still closing, then stops the engine's threads. A send after
     * this fails at once as {@code not-open}.
     *
     * @return true if every connection reached CLOSED in time, without an abort
     */
    public boolean shutdown(Duration timeout) {
        List<MonitoredConnection> all;
        synchronized (connections) {
            if (closed) {
                return true;
            }
            closed = true;
            all = new ArrayList<>(connections.values());
        }
        CountDownLatch done = new CountDownLatch(all.size());
        for (MonitoredConnection c : all) {
            AtomicBoolean counted = new AtomicBoolean();
            Runnable countOnce = () -> {
                if (counted.compareAndSet(false, true)) {
                    done.countDown();
                }
            };
            c.addListener(e -> {
                if (e.asStateChange().filter(s -> s.state() == State.CLOSED).isPresent()) {
                    countOnce.run();
                }
            });
            c.shutdown();
            // Looked at on the connection's queue, once the shutdown step has published its events: the
            // snapshot says CLOSED before the listeners have the CLOSED event, and they must have it on return.
            c.afterQueued(() -> {
                if (c.snapshot().state() == State.CLOSED) {
                    countOnce.run(); // closed before, or by the shutdown step itself
                }
            });
        }
        boolean inTime = await(done, timeout);
        if (!inTime) {
            // failure-modes: stuck in CLOSING. The budget is spent: abort what is left rather than leave it open.
            String detail = "close handshake not finished within the shutdown budget of " + Durations.format(timeout)
                    + "; socket aborted";
            for (MonitoredConnection c : all) {
                c.abort(detail);
            }
            if (!await(done, ABORT_GRACE)) {
                log.warn("{} connection(s) not CLOSED {} after aborting them", done.getCount(),
                        Durations.format(ABORT_GRACE));
            }
        }
        scheduler.shutdown();
        return inTime;
    }

    private static boolean await(CountDownLatch latch, Duration timeout) {
        try {
            return latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@link #shutdown} bounded by the longest close timeout plus a margin. */
    @Override
    public void close() {
        Duration longest = connections().stream().map(c -> c.snapshot().settings().closeTimeout())
                .max(Duration::compareTo).orElse(Duration.ZERO);
        shutdown(longest.plusSeconds(1));
    }

    /** How to build a {@link Monitor}; the defaults suit production. */
    public static final class Builder {
        private TransportFactory transports = TransportFactory.javaWebSocket();
        private MonotonicClock clock = MonotonicClock.SYSTEM;
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private int threads = 2;
        private final List<Supplier<? extends ConnectionWatcher>> watchers = new ArrayList<>();

        public Builder transports(TransportFactory value) {
            transports = Objects.requireNonNull(value);
            return this;
        }

        public Builder clock(MonotonicClock value) {
            clock = Objects.requireNonNull(value);
            return this;
        }

        /** Uniform in [0, 1), for reconnect jitter. */
        public Builder random(DoubleSupplier value) {
            random = Objects.requireNonNull(value);
            return this;
        }

        /** Engine threads shared by all connections. */
        public Builder threads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("threads must be ≥ 1, got " + value);
            }
            threads = value;
            return this;
        }

        /** Every connection added gets a watcher of its own from {@code perConnection}. */
        public Builder watcher(Supplier<? extends ConnectionWatcher> perConnection) {
            watchers.add(Objects.requireNonNull(perConnection));
            return this;
        }

        public Monitor build() {
            return new Monitor(this);
        }
    }
}
