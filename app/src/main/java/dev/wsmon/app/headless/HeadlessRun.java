package dev.wsmon.app.headless;

import dev.wsmon.app.ShutdownPolicy;
import dev.wsmon.app.SignalTrap;
import dev.wsmon.app.alerting.Alerting;
import dev.wsmon.app.demo.DemoServer;
import dev.wsmon.app.headless.RunPlan.PlannedConnection;
import dev.wsmon.app.metrics.ConnectionMetrics;
import dev.wsmon.app.metrics.MetricsEndpoint;
import dev.wsmon.core.Endpoint;
import dev.wsmon.core.Monitor;
import dev.wsmon.core.MonitoredConnection;
import dev.wsmon.core.MonotonicClock;
import dev.wsmon.core.Settings;
import dev.wsmon.core.State;
import dev.wsmon.core.event.ConnectionEvent;
import dev.wsmon.core.session.FeedSession;
import dev.wsmon.core.session.SessionLayer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One headless run: monitors the plan's connections, prints their events as JSON Lines on stdout, sends
 * stdin lines to the first connection, serves metrics if asked, and stops on a signal, after
 * {@code --duration}, or with {@code --no-reconnect} once every connection is CLOSED. Then it closes every
 * connection (bounded by their close timeouts), prints their CLOSED events and returns the exit status.
 */
public final class HeadlessRun {

    /** Why the run stops. */
    public enum Stop {
        SIGNAL,
        DURATION,
        ALL_CLOSED,
        OUTPUT_GONE
    }

    /** Time for the last lines to reach stdout after the engine stopped. */
    private static final Duration DRAIN = Duration.ofSeconds(2);

    private final RunPlan plan;
    private final InputStream stdin;
    private final OutputStream stdout;
    private final PrintStream stderr;
    private final boolean handleSignals;
    private final CompletableFuture<Stop> stop = new CompletableFuture<>();
    /** Connections that reached OPEN at least once; written by engine threads. */
    private final Set<String> opened = ConcurrentHashMap.newKeySet();
    /** With --no-reconnect: connections that reached CLOSED (for good); written by engine threads. */
    private final Set<String> finished = ConcurrentHashMap.newKeySet();

    /**
     * @param handleSignals trap SIGINT, SIGTERM and SIGHUP (the real process); in-process tests pass false
     */
    public HeadlessRun(RunPlan plan, InputStream stdin, OutputStream stdout, PrintStream stderr, boolean handleSignals) {
        this.plan = plan;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.handleSignals = handleSignals;
    }

    /** Asks the run to stop; the first reason wins. */
    public void requestStop(Stop reason) {
        stop.complete(reason);
    }

    /**
     * Runs until stopped.
     *
     * @return the exit status: 0, or 1 when with {@code --no-reconnect} a connection never opened
     * @throws UsageException if the metrics port cannot be served or the demo server cannot start (nothing has
     *     been printed on stdout)
     */
    public int run() throws UsageException {
        plan.warnings().forEach(w -> stderr.println("wsmon: " + w));
        PrometheusRegistry registry = new PrometheusRegistry();
        Monitor monitor = Alerting.watchers(Monitor.builder()).build();
        DemoServer demo = null;
        MetricsEndpoint metricsEndpoint = null;
        Alerting alerting = Alerting.start(plan.alerts(), stderr, System::getenv, MonotonicClock.SYSTEM);
        try {
            if (plan.metricsPort().isPresent()) {
                int port = plan.metricsPort().getAsInt();
                try {
                    metricsEndpoint = MetricsEndpoint.start(port, registry);
                } catch (IOException e) {
                    throw new UsageException("--metrics-port " + port + ": cannot listen on 127.0.0.1:" + port + " ("
                            + e.getMessage() + ")");
                }
                stderr.println("wsmon: metrics on http://127.0.0.1:" + metricsEndpoint.port() + "/metrics");
            }
            List<PlannedConnection> all = new ArrayList<>(plan.connections());
            if (plan.demo().isPresent()) {
                try {
                    demo = DemoServer.start();
                } catch (IllegalStateException e) {
                    throw new UsageException("--demo: " + e.getMessage());
                }
                all.add(0, demoConnection(demo, plan.demo().get(), all, plan.options().feed())); // first: stdin lines come back as echoes
                stderr.println("wsmon: --demo: echo server on " + demo.uri() + "; lines typed here are sent to "
                        + all.get(0).name());
            }
            return monitor(monitor, registry, all, alerting);
        } finally {
            monitor.shutdown(Duration.ZERO); // stops the engine's threads if the run never started; else a no-op
            alerting.close();
            if (metricsEndpoint != null) {
                metricsEndpoint.close();
            }
            if (demo != null) {
                demo.close();
            }
        }
    }

    private int monitor(Monitor monitor, PrometheusRegistry registry, List<PlannedConnection> all, Alerting alerting) {
        FeedFlags feed = plan.options().feed();
        EventJson json = new EventJson(all.size() > 1, feed.printMessages() ? feed.printMax() : EventJson.NO_CONTENTS);
        JsonLinesWriter out = new JsonLinesWriter(stdout, EventJson.mapper(), () -> requestStop(Stop.OUTPUT_GONE));
        ConnectionMetrics metrics = new ConnectionMetrics(registry,
                () -> monitor.connections().stream().map(MonitoredConnection::snapshot).toList());
        monitor.addListener(event -> {
            json.toJson(event).ifPresent(out::write);
            metrics.accept(event);
            alerting.accept(event);
            track(event, all.size());
        });
        List<MonitoredConnection> connections = new ArrayList<>();
        for (PlannedConnection c : all) {
            MonitoredConnection connection = monitor.add(c.name(), c.endpoint(), c.settings());
            if (!c.session().isEmpty()) {
                connection.addWatcher(new FeedSession(c.session(), System::getenv)); // before open: sees the first OPEN
            }
            if (c.session().heartbeat().flatMap(h -> h.expect()).isPresent()) {
                metrics.trackHeartbeat(c.name());
            }
            connections.add(connection);
            metrics.track(c.name());
        }
        if (handleSignals) {
            SignalTrap.install(() -> requestStop(Stop.SIGNAL), signal -> {
                stderr.println("wsmon: signal " + signal + " again: exiting without waiting for the close handshakes");
                stderr.flush();
                Runtime.getRuntime().halt(128 + signal);
            });
        }
        connections.forEach(MonitoredConnection::open);
        StdinPump.start(stdin, connections.get(0), stop::isDone);

        Stop reason = await(plan.duration());
        ShutdownPolicy.stop(monitor, List.of(), line -> stderr.println("wsmon: " + line)); // endpoints close in run()
        out.finish(DRAIN);
        boolean anyNeverOpened = opened.size() < all.size();
        return switch (reason) {
            case SIGNAL, OUTPUT_GONE -> 0;
            case DURATION, ALL_CLOSED -> plan.noReconnect() && anyNeverOpened ? 1 : 0;
        };
    }

    private void track(ConnectionEvent event, int total) {
        event.asStateChange().ifPresent(s -> {
            if (s.state() == State.OPEN) {
                opened.add(s.connection());
            } else if (s.state() == State.CLOSED && plan.noReconnect()) {
                finished.add(s.connection());
                if (finished.size() == total) {
                    requestStop(Stop.ALL_CLOSED);
                }
            }
        });
    }

    private Stop await(Optional<Duration> duration) {
        try {
            if (duration.isPresent()) {
                return stop.get(duration.get().toNanos(), TimeUnit.NANOSECONDS);
            }
            return stop.get();
        } catch (TimeoutException e) {
            stop.complete(Stop.DURATION);
            return stop.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.complete(Stop.SIGNAL);
            return stop.join();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e); // never completed exceptionally
        }
    }

    /** The demo's connection, with the session flags (an echo server answers a heartbeat with itself). */
    private static PlannedConnection demoConnection(DemoServer demo, Settings settings, List<PlannedConnection> others,
                                                    FeedFlags feed) {
        String name = demo.uri().toString();
        for (int n = 2; others.stream().map(PlannedConnection::name).toList().contains(name); n++) {
            name = demo.uri() + "#" + n;
        }
        return new PlannedConnection(name, Endpoint.of(demo.uri().toString()), settings, false,
                SessionLayer.resolve(List.of(feed.layer())));
    }
}
