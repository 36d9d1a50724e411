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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Fault routes over the core {@link FaultProxy}. Starting, stopping and timing them happens on one daemon thread of
 * its own, so the UI thread never waits for a socket or a DNS lookup.
 */
final class ProxyRoutes implements FaultRoutes, AutoCloseable {

    /** How long a jittery route's drawn delay holds; the proxy draws again with the next traffic after it, keeping order. */
    static final Duration JITTER_PERIOD = Duration.ofMillis(200);

    private final ScheduledExecutorService worker;
    private final Set<ProxyRoute> open = ConcurrentHashMap.newKeySet();
    private final MonotonicClock clock;

    ProxyRoutes(MonotonicClock clock) {
        this(clock, worker());
    }

    /** @param worker runs every start, stop and timer of the routes; one thread, so they happen in order */
    ProxyRoutes(MonotonicClock clock, ScheduledExecutorService worker) {
        this.clock = clock;
        this.worker = worker;
    }

    private static ScheduledExecutorService worker() {
        ScheduledThreadPoolExecutor w = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "wsmon-desktop-faults");
            t.setDaemon(true);
            return t;
        });
        w.setRemoveOnCancelPolicy(true);
        return w;
    }

    @Override
    public CompletableFuture<FaultRoute> open(String host, int port) {
        return CompletableFuture.supplyAsync(() -> start(new InetSocketAddress(host, port), Duration.ZERO, Duration.ZERO),
                worker);
    }

    /**
     * Starts a route with a network of its own: {@code rtt} round trip, varied within ±{@code jitter} by a draw that holds
     * for {@link #JITTER_PERIOD}. Blocks briefly (binds a local port): call it off the UI thread.
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
        worker.shutdownNow(); // drops queued route closes: those routes are still in the set, closed here
        for (ProxyRoute r : open) {
            r.closeNow();
        }
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

        ProxyRoute(FaultProxy proxy, String target, Duration baseRtt, Duration jitter) {
            this.proxy = proxy;
            this.target = target;
            this.baseRtt = baseRtt;
            this.jitter = jitter;
            applyDelay();
            proxy.setJitter(jitter, JITTER_PERIOD);
        }

        private void applyDelay() {
            long rtt = Math.max(0, baseRtt.toNanos() + added.toNanos());
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
            try {
                worker.execute(this::closeNow);
            } catch (RejectedExecutionException e) {
                closeNow(); // the worker has stopped
            }
        }

        /** Idempotent; stays in the set until done, so that closing the whole set never misses it. */
        void closeNow() {
            proxy.close();
            open.remove(this);
        }

        FaultProxy proxy() {
            return proxy;
        }
    }
}
