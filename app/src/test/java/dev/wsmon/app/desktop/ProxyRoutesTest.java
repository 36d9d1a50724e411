package dev.wsmon.app.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/** Closing fault routes: a route closed just before the whole set stops its proxy all the same. */
class ProxyRoutesTest {

    @Test
    void aRouteClosedWhileTheWorkerIsBusy_isStillClosed_whenTheRoutesStop() throws Exception {
        ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor();
        ProxyRoutes routes = new ProxyRoutes(worker);
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
