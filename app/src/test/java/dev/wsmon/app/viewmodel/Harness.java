package dev.wsmon.app.viewmodel;

import dev.wsmon.app.demo.DemoServer;
import dev.wsmon.core.Monitor;
import dev.wsmon.core.Settings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * View models over a real engine, without the FX toolkit: the test thread plays the UI thread and calls
 * {@link MainViewModel#tick()} itself. Waiting ticks until a condition holds, woken by the engine's events, with a
 * deadline; never a fixed sleep.
 */
final class Harness implements AutoCloseable {

    static final Settings FAST = Settings.builder()
            .pingInterval(Duration.ofMillis(200))
            .pingTimeout(Duration.ofMillis(500))
            .closeTimeout(Duration.ofMillis(500))
            .openTimeout(Duration.ofSeconds(2))
            .reconnectInitial(Duration.ofMillis(100))
            .reconnectMax(Duration.ofMillis(500))
            .build();

    final Monitor monitor = Monitor.create();
    final EventInbox inbox = new EventInbox();
    final AtomicLong clock = new AtomicLong(System.currentTimeMillis());
    final MemoryProfiles profiles = new MemoryProfiles();
    final FakeRoutes routes = new FakeRoutes();
    final MainViewModel main = new MainViewModel(monitor, inbox, profiles, routes, clock::get);
    private final Object signal = new Object();
    private DemoServer server;

    Harness() {
        monitor.addListener(e -> {
            synchronized (signal) {
                signal.notifyAll();
            }
        });
    }

    String echoUrl(String path) {
        if (server == null) {
            server = DemoServer.start();
        }
        return server.uri().resolve(path).toString();
    }

    /** Ticks until {@code condition} holds; fails after {@code timeout} saying {@code what}. */
    void tickUntil(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            clock.set(System.currentTimeMillis());
            main.tick();
            if (condition.getAsBoolean()) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            synchronized (signal) {
                try {
                    signal.wait(Math.max(1, Math.min(50, left / 1_000_000))); // woken by the next engine event
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    @Override
    public void close() {
        monitor.shutdown(Duration.ofSeconds(2));
        if (server != null) {
            server.close();
        }
    }

    /** Profiles in memory. */
    static final class MemoryProfiles implements ProfileGateway {
        final Map<Path, List<ConnectionSpec>> files = new HashMap<>();

        @Override
        public Loaded load(Path file) throws IOException {
            List<ConnectionSpec> specs = files.get(file);
            if (specs == null) {
                throw new IOException(file + ": no such file");
            }
            return new Loaded(specs, List.of());
        }

        @Override
        public void save(Path file, List<ConnectionSpec> connections) {
            files.put(file, List.copyOf(connections));
        }
    }

    /** Routes that record what was asked of them. */
    static final class FakeRoutes implements FaultRoutes {
        final List<FakeRoute> opened = new ArrayList<>();

        @Override
        public CompletableFuture<FaultRoute> open(String host, int port) {
            FakeRoute r = new FakeRoute(host + ":" + port);
            opened.add(r);
            return CompletableFuture.completedFuture(r);
        }
    }

    static final class FakeRoute implements FaultRoute {
        final String target;
        final List<String> calls = new ArrayList<>();
        Duration outageLeft = Duration.ZERO;
        Duration added = Duration.ZERO;
        boolean closed;

        FakeRoute(String target) {
            this.target = target;
        }

        @Override
        public InetSocketAddress address() {
            return new InetSocketAddress("127.0.0.1", 40_000);
        }

        @Override
        public String target() {
            return target;
        }

        @Override
        public void outage(Duration length) {
            calls.add("outage " + length.toSeconds());
            outageLeft = length;
        }

        @Override
        public void endOutage() {
            calls.add("endOutage");
            outageLeft = Duration.ZERO;
        }

        @Override
        public Duration outageLeft() {
            return outageLeft;
        }

        @Override
        public void reset() {
            calls.add("reset");
        }

        @Override
        public void addLatency(Duration rtt) {
            calls.add("latency " + rtt.toMillis());
            added = rtt;
        }

        @Override
        public Duration addedLatency() {
            return added;
        }

        @Override
        public String baseLatency() {
            return "";
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
