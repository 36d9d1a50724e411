package dev.wsmon.bench;

import dev.wsmon.core.CloseReport;
import dev.wsmon.core.Endpoint;
import dev.wsmon.core.Monitor;
import dev.wsmon.core.MonitoredConnection;
import dev.wsmon.core.Settings;
import dev.wsmon.core.State;
import dev.wsmon.core.chaos.FaultMode;
import dev.wsmon.core.chaos.FaultProxy;
import dev.wsmon.core.event.ConnectionEvent;
import dev.wsmon.core.event.LatencySample;
import dev.wsmon.core.event.MessageReceived;
import dev.wsmon.core.event.StateChanged;
import dev.wsmon.core.testing.SilentPeer;
import dev.wsmon.core.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Benchmark 1: how long a dead link or a peer that never answers a close goes unnoticed, for wsmon and for
 * a stock Java-WebSocket client, trial by trial. Trials run {@code concurrency} at a time, each connection
 * through its own fault proxy: the bound is per connection.
 */
final class Detection {

    static final Duration INTERVAL = Duration.ofSeconds(1);
    static final Duration PING_TIMEOUT = Duration.ofSeconds(1);
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(1);
    static final Duration MARGIN = Duration.ofMillis(100);
    /** A baseline trial that has not ended by then is reported as not detected. */
    static final Duration CAP = Duration.ofSeconds(10);
    private static final Duration PROMPT = Duration.ofSeconds(15);

    /** One trial: whether the end came within the cap, and its timings in ms (NaN when not detected). */
    record Trial(boolean ended, double silentToClosedMs, double faultToClosedMs, double phaseMs, String outcome) {
    }

    private final int trials;
    private final int concurrency;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "bench-detection-timer");
        t.setDaemon(true);
        return t;
    });

    Detection(int trials, int concurrency) {
        this.trials = trials;
        this.concurrency = concurrency;
    }

    static Settings settings() {
        return Settings.builder().pingInterval(INTERVAL).pingTimeout(PING_TIMEOUT).closeTimeout(CLOSE_TIMEOUT)
                .openTimeout(Duration.ofSeconds(10)).autoReconnect(false).build();
    }

    Map<String, Object> run() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("load_avg_1m_start", Sys.loadAvg1());
        out.put("trials", trials);
        out.put("concurrency", concurrency);
        out.put("settings", Map.of("ping_interval_ms", INTERVAL.toMillis(), "ping_timeout_ms", PING_TIMEOUT.toMillis(),
                "close_timeout_ms", CLOSE_TIMEOUT.toMillis()));
        out.put("baseline_cap_ms", CAP.toMillis());
        try (TestServer server = TestServer.builder().echo(false).start()) {
            out.put("wsmon_half_open", halfOpenWsmon(server));
            out.put("baseline_half_open", halfOpenBaseline(server));
        }
        try (SilentPeer peer = SilentPeer.start(true)) {
            out.put("wsmon_close_silent_peer", closeWsmon(peer));
            out.put("baseline_close_silent_peer_default_timer", closeBaseline(peer, -1));
            out.put("baseline_close_silent_peer_timer_1s", closeBaseline(peer, 1));
        }
        out.put("load_avg_1m_end", Sys.loadAvg1());
        timer.shutdownNow();
        return out;
    }

    // ---- half-open link (proxy blackhole) ----

    private Map<String, Object> halfOpenWsmon(TestServer server) {
        long bound = INTERVAL.plus(PING_TIMEOUT).plus(MARGIN).toMillis();
        try (Monitor monitor = Monitor.create()) {
            List<Trial> results = runTrials(i -> halfOpenWsmonTrial(monitor, server, i));
            return summarize(results, "last pong received -> CLOSED (keepalive-timeout)", bound);
        }
    }

    private Trial halfOpenWsmonTrial(Monitor monitor, TestServer server, int i) {
        try (FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", server.port()))) {
            String name = "half-open-" + i;
            MonitoredConnection c = monitor.add(name, Endpoint.of("ws://127.0.0.1:" + proxy.port() + "/"), settings());
            Watch w = new Watch();
            c.addListener(w);
            c.open();
            await(w.twoSamples, PROMPT, name + ": two pongs");
            double phase = ThreadLocalRandom.current().nextDouble() * INTERVAL.toMillis();
            long faultAt = blackholeAfter(proxy, phase);
            boolean ended = await(w.closed, CAP, null);
            monitor.remove(name);
            if (!ended) {
                return new Trial(false, Double.NaN, Double.NaN, phase, "not closed within cap");
            }
            CloseReport report = w.closedEvent.close().orElseThrow();
            return new Trial(true, Pct.ms(w.closedNanos - w.lastFrameAtClose), Pct.ms(w.closedNanos - faultAt), phase,
                    report.code() + " " + report.cause().name().toLowerCase().replace('_', '-'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Object> halfOpenBaseline(TestServer server) {
        List<Trial> results = runTrials(i -> halfOpenBaselineTrial(server, i));
        return summarize(results, "last pong received -> onClose (stock client, setConnectionLostTimeout(1))", -1);
    }

    private Trial halfOpenBaselineTrial(TestServer server, int i) {
        try (FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", server.port()))) {
            StockClient client = new StockClient(URI.create("ws://127.0.0.1:" + proxy.port() + "/"), 1, null);
            client.connect();
            await(client.opened, PROMPT, "baseline " + i + ": open");
            await(client.twoPongs, PROMPT, "baseline " + i + ": two pongs");
            double phase = ThreadLocalRandom.current().nextDouble() * INTERVAL.toMillis();
            long faultAt = blackholeAfter(proxy, phase);
            boolean ended = await(client.closed, CAP, null);
            long lastFrame = client.lastFrameNanos;
            if (!ended) {
                client.forceDrop();
                return new Trial(false, Double.NaN, Double.NaN, phase, "not closed within cap");
            }
            return new Trial(true, Pct.ms(client.closedNanos - lastFrame), Pct.ms(client.closedNanos - faultAt), phase,
                    Integer.toString(client.closeCode));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Blackholes the link after {@code phaseMs} (a random point of the ping cycle); returns when it did. */
    private long blackholeAfter(FaultProxy proxy, double phaseMs) {
        return after(phaseMs, () -> proxy.setMode(FaultMode.BLACKHOLE));
    }

    /** Runs {@code action} after {@code phaseMs} on the timer; returns the moment just before it ran. */
    private long after(double phaseMs, Runnable action) {
        Future<Long> at = timer.schedule(() -> {
            long now = System.nanoTime();
            action.run();
            return now;
        }, (long) (phaseMs * 1_000_000), TimeUnit.NANOSECONDS);
        try {
            return at.get(PROMPT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("timed action did not run", e);
        }
    }

    // ---- a peer that never answers a close ----

    private Map<String, Object> closeWsmon(SilentPeer peer) {
        long bound = CLOSE_TIMEOUT.plus(MARGIN).toMillis();
        try (Monitor monitor = Monitor.create()) {
            List<Trial> results = runTrials(i -> {
                String name = "silent-" + i;
                MonitoredConnection c = monitor.add(name, Endpoint.of(peer.uri().toString()), settings());
                Watch w = new Watch();
                c.addListener(w);
                c.open();
                await(w.firstSample, PROMPT, name + ": a pong");
                double phase = ThreadLocalRandom.current().nextDouble() * INTERVAL.toMillis();
                long t0 = after(phase, c::close);
                boolean ended = await(w.closed, CAP, null);
                monitor.remove(name);
                if (!ended) {
                    return new Trial(false, Double.NaN, Double.NaN, 0, "not closed within cap");
                }
                CloseReport report = w.closedEvent.close().orElseThrow();
                return new Trial(true, Pct.ms(w.closedNanos - t0), Pct.ms(w.closedNanos - t0), phase,
                        report.code() + " " + report.cause().name().toLowerCase().replace('_', '-'));
            });
            return summarize(results, "close() -> CLOSED, peer never answers the close frame", bound);
        }
    }

    /** {@code lostTimeout} -1: the library's default timer (60 s); otherwise that many seconds. */
    private Map<String, Object> closeBaseline(SilentPeer peer, int lostTimeout) {
        List<Trial> results = runTrials(i -> {
            StockClient client = new StockClient(peer.uri(), lostTimeout, null);
            client.connect();
            await(client.opened, PROMPT, "baseline close " + i + ": open");
            if (lostTimeout > 0) {
                await(client.twoPongs, PROMPT, "baseline close " + i + ": pongs");
            }
            double phase = ThreadLocalRandom.current().nextDouble() * INTERVAL.toMillis();
            long t0 = after(phase, client::close);
            boolean ended = await(client.closed, CAP, null);
            if (!ended) {
                client.forceDrop();
                return new Trial(false, Double.NaN, Double.NaN, 0, "not closed within cap");
            }
            return new Trial(true, Pct.ms(client.closedNanos - t0), Pct.ms(client.closedNanos - t0), phase,
                    Integer.toString(client.closeCode));
        });
        return summarize(results, "close() -> onClose, stock client, "
                + (lostTimeout < 0 ? "default lost-connection timer (60 s)" : "setConnectionLostTimeout(" + lostTimeout + ")"), -1);
    }

    // ---- plumbing ----

    private List<Trial> runTrials(IntFunction<Trial> trial) {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "bench-trial");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Trial>> futures = new ArrayList<>();
            for (int i = 0; i < trials; i++) {
                int n = i;
                futures.add(pool.submit(() -> trial.apply(n)));
            }
            List<Trial> results = new ArrayList<>();
            for (Future<Trial> f : futures) {
                try {
                    results.add(f.get(5, TimeUnit.MINUTES));
                } catch (ExecutionException e) {
                    throw new IllegalStateException("trial failed: " + e.getCause(), e.getCause());
                } catch (InterruptedException | TimeoutException e) {
                    throw new IllegalStateException("trial did not finish", e);
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, Object> summarize(List<Trial> results, String measures, long boundMs) {
        List<Double> silent = results.stream().filter(Trial::ended).map(Trial::silentToClosedMs).toList();
        List<Double> fault = results.stream().filter(Trial::ended).map(Trial::faultToClosedMs).toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("measures", measures);
        m.put("trials", results.size());
        m.put("ended_within_cap", silent.size());
        m.put("not_ended_within_cap", results.size() - silent.size());
        Pct p = new Pct(silent);
        m.putAll(p.summary());
        m.put("fault_to_closed", new Pct(fault).summary());
        Map<String, Integer> outcomes = new TreeMap<>();
        results.forEach(t -> outcomes.merge(t.outcome(), 1, Integer::sum));
        m.put("outcomes", outcomes);
        if (boundMs > 0) {
            m.put("target_max_ms", boundMs);
            m.put("target_met", silent.size() == results.size() && p.max() <= boundMs);
        }
        m.put("samples_ms", silent.stream().map(v -> Math.round(v * 10) / 10.0).toList());
        return m;
    }

    /** Waits on a latch; with a null {@code what}, returns false at the deadline instead of failing. */
    private static boolean await(CountDownLatch latch, Duration timeout, String what) {
        try {
            boolean done = latch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (!done && what != null) {
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            return done;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Records when a wsmon connection's frames and states were seen, on its own queue. */
    static final class Watch implements Consumer<ConnectionEvent> {
        final CountDownLatch firstSample = new CountDownLatch(1);
        final CountDownLatch twoSamples = new CountDownLatch(2);
        final CountDownLatch closed = new CountDownLatch(1);
        volatile long lastFrameNanos;
        volatile long lastFrameAtClose;
        volatile long closedNanos;
        volatile StateChanged closedEvent;

        @Override
        public void accept(ConnectionEvent e) {
            long now = System.nanoTime();
            if (e instanceof LatencySample || e instanceof MessageReceived) {
                lastFrameNanos = now;
                if (e instanceof LatencySample) {
                    firstSample.countDown();
                    twoSamples.countDown();
                }
            } else if (e instanceof StateChanged s && s.state() == State.CLOSED && closedEvent == null) {
                lastFrameAtClose = lastFrameNanos;
                closedNanos = now;
                closedEvent = s;
                closed.countDown();
            }
        }
    }
}
