package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.event.StateChanged;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * {@link Monitor#shutdown} returns only once its listeners have every connection's CLOSED: the headless mode
 * finishes its output right after it, and a CLOSED published later is never printed.
 */
class MonitorShutdownTest {

    @Test
    void shutdown_waitsForTheClosedEventStillBeingPublished() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        CountDownLatch closedBeingPublished = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        Monitor monitor = Monitor.create();
        monitor.addListener(e -> {
            if (e instanceof StateChanged s && s.state() == State.CLOSED) {
                closedBeingPublished.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS); // a slow listener: the snapshot already says CLOSED
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                }
                order.add("CLOSED published");
            }
        });
        Settings settings = Settings.builder().reconnectInitial(Duration.ofHours(1)).reconnectMax(Duration.ofHours(1)).build();
        monitor.add("refused", Endpoint.of("ws://127.0.0.1:" + port + "/"), settings).open();
        assertThat(closedBeingPublished.await(10, TimeUnit.SECONDS)).as("connect-failed CLOSED").isTrue();

        CompletableFuture<Boolean> shutdown = CompletableFuture.supplyAsync(() -> {
            boolean inTime = monitor.shutdown(Duration.ofSeconds(10));
            order.add("shutdown returned");
            return inTime;
        });
        try {
            shutdown.get(1, TimeUnit.SECONDS);
        } catch (TimeoutException expected) {
            // still waiting for the listener, as it should
        }
        release.countDown();
        assertThat(shutdown.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(order).containsExactly("CLOSED published", "shutdown returned");
    }
}
