package dev.wsmon.bench;

import dev.wsmon.core.Endpoint;
import dev.wsmon.core.Monitor;
import dev.wsmon.core.MonitoredConnection;
import dev.wsmon.core.Settings;
import dev.wsmon.core.State;
import dev.wsmon.core.chaos.FaultProxy;
import dev.wsmon.core.event.ConnectionEvent;
import dev.wsmon.core.event.LatencySample;
import dev.wsmon.core.event.MessageReceived;
import dev.wsmon.core.event.StateChanged;
import dev.wsmon.core.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Benchmark 2: wsmon's ping RTT against the injected truth (2 × the proxy's one-way delay) and against an
 * application-level echo on the same connection: right after each pong, the application sends a text
 * message to the echo server and times it until the echo arrives, so ping and echo never share the wire.
 */
final class RttAccuracy {

    static final List<Integer> DELAYS_MS = List.of(0, 10, 50, 100);
    static final Duration INTERVAL = Duration.ofMillis(500);
    static final int WARMUP = 3;
    static final double TARGET_MS = 1.0;

    private final int pairs;

    RttAccuracy(int pairs) {
        this.pairs = pairs;
    }

    Map<String, Object> run() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("load_avg_1m_start", Sys.loadAvg1());
        out.put("pairs_per_delay", pairs);
        out.put("warmup_pairs_discarded", WARMUP);
        out.put("ping_interval_ms", INTERVAL.toMillis());
        List<Map<String, Object>> rows = new ArrayList<>();
        ExecutorService app = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bench-rtt-app");
            t.setDaemon(true);
            return t;
        });
        try (TestServer server = TestServer.start(); Monitor monitor = Monitor.create()) {
            for (int delay : DELAYS_MS) {
                rows.add(measure(server, monitor, app, delay));
            }
        } finally {
            app.shutdownNow();
        }
        out.put("delays", rows);
        out.put("target_median_abs_error_vs_echo_ms", TARGET_MS);
        out.put("target_met", rows.stream().allMatch(r -> Boolean.TRUE.equals(r.get("target_met"))));
        out.put("load_avg_1m_end", Sys.loadAvg1());
        return out;
    }

    private Map<String, Object> measure(TestServer server, Monitor monitor, ExecutorService app, int delayMs) {
        try (FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", server.port()))) {
            proxy.setDelay(Duration.ofMillis(delayMs), Duration.ofMillis(delayMs));
            Settings settings = Settings.builder().pingInterval(INTERVAL).pingTimeout(Duration.ofSeconds(3))
                    .closeTimeout(Duration.ofSeconds(1)).autoReconnect(false).build();
            String name = "rtt-" + delayMs;
            MonitoredConnection c = monitor.add(name, Endpoint.of("ws://127.0.0.1:" + proxy.port() + "/"), settings);
            Pairing p = new Pairing(c, app, WARMUP + pairs);
            c.addListener(p);
            c.open();
            Duration deadline = INTERVAL.plusMillis(4L * delayMs + 200).multipliedBy(WARMUP + pairs + 10);
            try {
                if (!p.done.await(deadline.toNanos(), TimeUnit.NANOSECONDS)) {
                    throw new IllegalStateException(name + ": only " + p.echo.size() + " echo pairs within " + deadline.toSeconds() + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            monitor.remove(name);
            List<Double> ping = new ArrayList<>();
            List<Double> echo = new ArrayList<>();
            List<Double> diff = new ArrayList<>();
            for (int k = WARMUP; k < WARMUP + pairs; k++) {
                double pk = p.ping.get(k);
                double ek = p.echo.get(k);
                ping.add(pk);
                echo.add(ek);
                diff.add(pk - ek);
            }
            Pct pp = new Pct(ping);
            Pct ep = new Pct(echo);
            Pct dp = new Pct(diff);
            Pct absDiff = new Pct(diff.stream().map(Math::abs).toList());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("one_way_delay_ms", delayMs);
            row.put("truth_rtt_ms", 2.0 * delayMs);
            row.put("ping_rtt_median_ms", pp.median());
            row.put("ping_rtt_p99_ms", pp.p(99));
            row.put("echo_rtt_median_ms", ep.median());
            row.put("echo_rtt_p99_ms", ep.p(99));
            row.put("median_error_vs_truth_ms", pp.median() - 2.0 * delayMs);
            row.put("echo_median_error_vs_truth_ms", ep.median() - 2.0 * delayMs);
            row.put("median_signed_error_vs_echo_ms", dp.median());
            row.put("median_abs_error_vs_echo_ms", absDiff.median());
            row.put("p99_abs_error_vs_echo_ms", absDiff.p(99));
            row.put("target_met", absDiff.median() <= TARGET_MS);
            row.put("ping_samples_ms", ping.stream().map(v -> Math.round(v * 1000) / 1000.0).toList());
            row.put("echo_samples_ms", echo.stream().map(v -> Math.round(v * 1000) / 1000.0).toList());
            return row;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** After each pong, sends one echo from an application thread; keeps the k-th ping RTT and the k-th echo RTT. */
    private static final class Pairing implements Consumer<ConnectionEvent> {
        final List<Double> ping = new ArrayList<>();
        final List<Double> echo = new ArrayList<>();
        final CountDownLatch done = new CountDownLatch(1);
        private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
        private final MonitoredConnection c;
        private final ExecutorService app;
        private final int wanted;
        private int seq;

        Pairing(MonitoredConnection c, ExecutorService app, int wanted) {
            this.c = c;
            this.app = app;
            this.wanted = wanted;
        }

        @Override
        public void accept(ConnectionEvent e) {
            long now = System.nanoTime();
            if (e instanceof MessageReceived m) {
                Long t0 = sentAt.remove(m.text());
                if (t0 != null) {
                    synchronized (this) {
                        echo.add(Pct.ms(now - t0));
                        if (echo.size() >= wanted) {
                            done.countDown();
                        }
                    }
                }
            } else if (e instanceof LatencySample s) {
                synchronized (this) {
                    if (ping.size() >= wanted || ping.size() > echo.size()) {
                        return; // enough, or the previous echo is still out: keep ping k with echo k
                    }
                    ping.add(Pct.ms(s.rtt().toNanos()));
                }
                String text = "echo-" + (seq++);
                app.execute(() -> {
                    sentAt.put(text, System.nanoTime());
                    c.send(text);
                });
            } else if (e instanceof StateChanged s && s.state() == State.CLOSED) {
                done.countDown(); // the caller reports the shortfall
            }
        }
    }
}
