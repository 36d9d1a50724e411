package dev.wsmon.app.desktop;

import dev.wsmon.app.demo.DemoServer;
import dev.wsmon.app.viewmodel.ConnectionSpec;
import dev.wsmon.app.viewmodel.FaultRoute;
import dev.wsmon.core.Settings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The embedded demo: the headless mode's echo server ({@link DemoServer}, which also sends a tick a second) on
 * 127.0.0.1 and, in front of it, one fault proxy per demo connection whose delay is the simulated network (a fixed
 * RTT, varied within ± jitter by a draw that holds 200 ms, order kept). With 1 s pings, timeouts and close timeout
 * the chart fills within seconds and outage, reset and tuning can be tried offline.
 */
final class DemoEnvironment implements AutoCloseable {

    /** The demo's keepalive: fast enough to see every effect within seconds. */
    static final Settings SETTINGS = Settings.builder()
            .pingInterval(Duration.ofSeconds(1))
            .pingTimeout(Duration.ofSeconds(1))
            .closeTimeout(Duration.ofSeconds(1))
            .openTimeout(Duration.ofSeconds(3))
            .reconnectInitial(Duration.ofMillis(500))
            .reconnectMax(Duration.ofSeconds(5))
            .build();

    /** One demo connection: its name and its simulated network. */
    record Link(String name, Duration rtt, Duration jitter) {
    }

    static final List<Link> LINKS = List.of(
            new Link("demo-fast", Duration.ZERO, Duration.ZERO),
            new Link("demo-slow", Duration.ofMillis(80), Duration.ofMillis(4)),
            new Link("demo-jittery", Duration.ofMillis(30), Duration.ofMillis(25)));

    /** A demo connection ready to add: its definition and the route it goes through. */
    record Connection(ConnectionSpec spec, FaultRoute route) {
    }

    private final DemoServer server;
    private final List<Connection> connections;

    private DemoEnvironment(DemoServer server, List<Connection> connections) {
        this.server = server;
        this.connections = List.copyOf(connections);
    }

    /** Starts the server and the proxies. Blocks briefly (binds local ports): call it off the UI thread. */
    static DemoEnvironment start(ProxyRoutes routes) {
        DemoServer server = DemoServer.start();
        List<Connection> out = new ArrayList<>();
        try {
            InetSocketAddress target = new InetSocketAddress(server.uri().getHost(), server.uri().getPort());
            for (Link link : LINKS) {
                FaultRoute route = routes.start(target, link.rtt(), link.jitter());
                ConnectionSpec spec = new ConnectionSpec(link.name(), server.uri().resolve("/" + link.name()).toString(), Map.of(), List.of(), false,
                        SETTINGS, true);
                out.add(new Connection(spec, route));
            }
        } catch (RuntimeException e) {
            out.forEach(c -> c.route().close());
            server.close();
            throw e;
        }
        return new DemoEnvironment(server, out);
    }

    List<Connection> connections() {
        return connections;
    }

    /** Stops the echo server (the routes close with their connections or with {@link ProxyRoutes#close()}). */
    @Override
    public void close() {
        server.close();
    }
}
