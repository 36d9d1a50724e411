package dev.wsmon.app.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.core.MonotonicClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Fault routes: an outage's countdown runs on the app's one injected clock; a closed route's proxy is closed. */
class ProxyRoutesTest {

    private final AtomicLong nanos = new AtomicLong(7_000_000_000_000L);
    private final MonotonicClock clock = new MonotonicClock() {
        @Override
        public long nanoTime() {
            return nanos.get();
        }

        @Override
        public long epochMillis() {
            return 1_750_000_000_000L + nanos.get() / 1_000_000L;
        }
    };

    @Test
    void outageLeft_followsTheInjectedClock() {
        ProxyRoutes routes = new ProxyRoutes(clock);
        try {
            ProxyRoutes.ProxyRoute route = routes.start(new InetSocketAddress("127.0.0.1", 9), Duration.ZERO, Duration.ZERO);
            assertThat(route.outageLeft()).isEqualTo(Duration.ZERO);

            route.outage(Duration.ofSeconds(3));
            assertThat(route.outageLeft()).isEqualTo(Duration.ofSeconds(3));
            nanos.addAndGet(Duration.ofSeconds(1).toNanos());
            assertThat(route.outageLeft()).isEqualTo(Duration.ofSeconds(2));
            nanos.addAndGet(Duration.ofSeconds(2).toNanos());
            assertThat(route.outageLeft()).as("over exactly at its end").isEqualTo(Duration.ZERO);

            route.outage(Duration.ofSeconds(5));
            route.endOutage();
            assertThat(route.outageLeft()).isEqualTo(Duration.ZERO);
        } finally {
            routes.close();
        }
    }

    @Test
    void aJitteryRoute_leavesNothingScheduled_itsTrafficDrawsTheDelay() throws Exception {
        ScheduledThreadPoolExecutor worker = new ScheduledThreadPoolExecutor(1);
        ProxyRoutes routes = new ProxyRoutes(MonotonicClock.SYSTEM, worker);
        try {
            ProxyRoutes.ProxyRoute route = routes.start(new InetSocketAddress("127.0.0.1", 9), Duration.ofMillis(30),
                    Duration.ofMillis(25));

            assertThat(worker.getQueue()).as("tasks waiting on the routes' worker of an idle demo").isEmpty();
            assertThat(route.baseLatency()).isEqualTo("30 ms RTT ± 25 ms");
        } finally {
            routes.close();
            worker.shutdownNow();
        }
    }

    @Test
    void aRouteClosedWhileTheWorkerIsBusy_isStillClosed_whenTheRoutesStop() throws Exception {
        ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor();
        ProxyRoutes routes = new ProxyRoutes(MonotonicClock.SYSTEM, worker);
        try (ServerSocket target = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            ProxyRoutes.ProxyRoute route = routes.start(
                    new InetSocketAddress("127.0.0.1", target.getLocalPort()), Duration.ZERO, Duration.ZERO);
            InetSocketAddress proxy = route.address();
            try (Socket ok = new Socket(proxy.getAddress(), proxy.getPort())) {
                assertThat(ok.isConnected()).as("the proxy listens").isTrue();
            }
            CountDownLatch busy = new CountDownLatch(1);
            worker.execute(() -> {
                try {
                    busy.await(); // holds the worker: the route's close task waits in the queue
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });

            route.close();
            routes.close(); // shutdownNow drops the queued close task

            assertThatThrownBy(() -> new Socket(proxy.getAddress(), proxy.getPort()).close())
                    .as("the proxy's port is closed").isInstanceOf(IOException.class);
        } finally {
            worker.shutdownNow();
        }
    }
}
