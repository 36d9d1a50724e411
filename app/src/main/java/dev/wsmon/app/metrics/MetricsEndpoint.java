package dev.wsmon.app.metrics;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetAddress;

/**
 * Serves a registry in the Prometheus text format on {@code http://127.0.0.1:PORT/metrics}: loopback only,
 * since the metrics name hosts; expose it further with a reverse proxy if needed.
 */
public final class MetricsEndpoint implements AutoCloseable {

    private final HTTPServer server;

    private MetricsEndpoint(HTTPServer server) {
        this.server = server;
    }

    /**
     * @param port 0 for a free port
     * @throws IOException if it cannot listen, e.g. the port is taken
     */
    public static MetricsEndpoint start(int port, PrometheusRegistry registry) throws IOException {
        return new MetricsEndpoint(HTTPServer.builder()
                .inetAddress(loopback())
                .port(port)
                .registry(registry)
                .buildAndStart());
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.close();
    }

    /** 127.0.0.1 itself: {@code getLoopbackAddress()} may be ::1 where IPv6 is preferred. */
    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always a valid address
        }
    }
}
