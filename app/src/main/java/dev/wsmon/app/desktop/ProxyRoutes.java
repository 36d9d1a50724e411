package dev.wsmon.app.desktop;

import dev.wsmon.app.viewmodel.FaultRoute;
import dev.wsmon.app.viewmodel.FaultRoutes;
import dev.wsmon.core.Durations;
import dev.wsmon.core.MonotonicClock;
import dev.wsmon.core.chaos.FaultMode;
import dev.wsmon.core.chaos.FaultProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Fault routes over the core {@link FaultProxy}. Starting, stopping and timing them happens on one daemon thread of
 * its own, so the UI thread never waits for a socket or a DNS lookup.
 */
final class ProxyRoutes implements FaultRoutes, AutoCloseable {

    /** How often a jittery route draws a new delay; the proxy keeps order across changes. */
    static final Duration JITTER_PERIOD = Duration.ofMillis(200);

    private final ScheduledExecutorService worker;
    private final Set<ProxyRoute> open = ConcurrentHashMap.newKeySet();
    private final MonotonicClock clock;

    ProxyRoutes(MonotonicClock clock) {
        this.clock = clock;
        ScheduledThreadPoolExecutor w = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "wsmon-desktop-faults");
            t.setDaemon(true);
            return t;
        });
        w.setRemoveOnCancelPolicy(true);
        this.worker = w;
    }

    @Override
    public CompletableFuture<FaultRoute> open(String host, int port) {
        return CompletableFuture.supplyAsync(() -> start(new InetSocketAddress(host, port), Duration.ZERO, Duration.ZERO),
                worker);
    }

    /**
     * Starts a route with a network of its own: {@code rtt} round trip, re-drawn within ±{@code jitter} every
     * {@link #JITTER_PERIOD}. Blocks briefly (binds a local port): call it off the UI thread.
     */
    ProxyRoute start(InetSocketAddress target, Duration rtt, Duration jitter) {
        if (target.isUnresolved()) {
            throw new UncheckedIOException(new IOException("cannot resolve " + target.getHostString()));
        }
        try {
            ProxyRoute route = new ProxyRoute(FaultProxy.start(new InetSocketAddress("127.0.0.1", 0), target, clock), target.getHostString() + ":" + target.getPort(),
                    rtt, jitter);
            open.add(route);
            return route;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a fault proxy: " + e.getMessage(), e);
        }
    }

    /** Stops every route; waits at most briefly per proxy. Call off the UI thread. */
    @Override
    public void close() {
        for (ProxyRoute r : open) {
            r.closeNow();
        }
        worker.shutdownNow();
    }

    final class ProxyRoute implements FaultRoute {
        private final FaultProxy proxy;
        private final String target;
        private final Duration baseRtt;
        private final Duration jitter;
        private volatile Duration added = Duration.ZERO;
        /** When the outage ends, in the clock's monotonic nanoseconds; meaningful while {@link #inOutage}. */
        private volatile long outageEndsAt;
        private volatile boolean inOutage;
        private ScheduledFuture<?> outageEnd; // worker thread only
        private final ScheduledFuture<?> jitterTask;

        ProxyRoute(FaultProxy proxy, String target, Duration baseRtt, Duration jitter) {
            this.proxy = proxy;
            this.target = target;
            this.baseRtt = baseRtt;
            this.jitter = jitter;
            applyDelay();
            this.jitterTask = jitter.isZero() ? null : worker.scheduleAtFixedRate(this::applyDelay,
                    JITTER_PERIOD.toMillis(), JITTER_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        }

        private void applyDelay() {
            long j = jitter.toNanos();
            long drawn = j == 0 ? 0 : ThreadLocalRandom.current().nextLong(-j, j + 1);
            long rtt = Math.max(0, baseRtt.toNanos() + drawn + added.toNanos());
            Duration half = Duration.ofNanos(rtt / 2);
            proxy.setDelay(half, Duration.ofNanos(rtt - rtt / 2));
        }

        @Override
        public InetSocketAddress address() {
            return proxy.address();
        }

        @Override
        public String target() {
            return target;
        }

        @Override
        public void outage(Duration length) {
            outageEndsAt = clock.nanoTime() + length.toNanos();
            inOutage = true;
            worker.execute(() -> {
                if (outageEnd != null) {
                    outageEnd.cancel(false);
                }
                proxy.setMode(FaultMode.BLACKHOLE);
                outageEnd = worker.schedule(this::pass, length.toMillis(), TimeUnit.MILLISECONDS);
            });
        }

        @Override
        public void endOutage() {
            inOutage = false;
            worker.execute(() -> {
                if (outageEnd != null) {
                    outageEnd.cancel(false);
                }
                pass();
            });
        }

        private void pass() {
            inOutage = false;
            outageEnd = null;
            proxy.setMode(FaultMode.PASS);
        }

        @Override
        public Duration outageLeft() {
            long left = outageEndsAt - clock.nanoTime();
            return inOutage && left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
        }

        @Override
        public void reset() {
            worker.execute(proxy::resetAll);
        }

        @Override
        public void addLatency(Duration rtt) {
            added = rtt;
            worker.execute(this::applyDelay);
        }

        @Override
        public Duration addedLatency() {
            return added;
        }

        @Override
        public String baseLatency() {
            if (baseRtt.isZero() && jitter.isZero()) {
                return "";
            }
            return Durations.format(baseRtt) + " RTT" + (jitter.isZero() ? "" : " ± " + Durations.format(jitter));
        }

        @Override
        public void close() {
            open.remove(this);
            try {
                worker.execute(this::closeNow);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shutting down: close() of the whole set handles it
            }
        }

        void closeNow() {
            if (jitterTask != null) {
                jitterTask.cancel(false);
            }
            proxy.close();
        }

        FaultProxy proxy() {
            return proxy;
        }
    }
}
