package dev.wsmon.app.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a registry in the Prometheus text format on {@code http://127.0.0.1:PORT/metrics}: loopback by default,
 * since the metrics name hosts; a probe that a remote Prometheus scrapes listens on the address it is given
 * ({@code --metrics-address}). {@code /} answers with a pointer to {@code /metrics}; every other path is 404.
 *
 * <p>Local clients cannot blind it: the listen backlog is real, a request must arrive within
 * {@link #REQUEST_TIME} (a client trickling its request is cut off), a fixed pool of {@link #WORKERS} serves the
 * requests, and a client that goes away mid-request is logged at debug level, without a trace.
 */
public final class MetricsEndpoint implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MetricsEndpoint.class);

    /** Connections the kernel queues before we accept them: scrapes arriving together are not refused. */
    static final int BACKLOG = 256;
    /** Threads that read requests and write scrapes; a request holds one until it is whole or timed out. */
    static final int WORKERS = 16;
    /** Time a client has to send its whole request, and to take the whole response. */
    static final Duration REQUEST_TIME = Duration.ofSeconds(5);

    private static final byte[] POINTER = "wsmon: Prometheus metrics are at /metrics\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NOT_FOUND = "not found: wsmon serves /metrics only\n".getBytes(StandardCharsets.UTF_8);
    private static final String TEXT = "text/plain; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService workers;
    private final PrometheusRegistry registry;
    private final LabelledScrape labelled;
    /** As asked: the server reports 0.0.0.0 as :: on a dual-stack socket. */
    private final InetAddress address;
    private final ExpositionFormats formats = ExpositionFormats.init();

    private MetricsEndpoint(HttpServer server, ExecutorService workers, PrometheusRegistry registry, MetricsLabels labels,
                            InetAddress address) {
        this.server = server;
        this.address = address;
        this.workers = workers;
        this.registry = registry;
        this.labelled = new LabelledScrape(labels);
    }

    /**
     * @param port 0 for a free port
     * @throws IOException if it cannot listen, e.g. the port is taken
     */
    public static MetricsEndpoint start(int port, PrometheusRegistry registry) throws IOException {
        return start(port, registry, MetricsLabels.NONE);
    }

    /**
     * @param port 0 for a free port
     * @param labels added to every series served
     * @throws IOException if it cannot listen, e.g. the port is taken
     */
    public static MetricsEndpoint start(int port, PrometheusRegistry registry, MetricsLabels labels) throws IOException {
        return start(loopback(), port, registry, labels);
    }

    /**
     * @param address where to listen: {@link #loopback()}, or an address other hosts reach
     * @param port 0 for a free port
     * @param labels added to every series served
     * @throws IOException if it cannot listen, e.g. the port is taken
     */
    public static MetricsEndpoint start(InetAddress address, int port, PrometheusRegistry registry, MetricsLabels labels)
            throws IOException {
        limitRequestTimes();
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), BACKLOG);
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor workers = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "wsmon-metrics-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        workers.allowCoreThreadTimeOut(true); // no idle threads between scrapes
        MetricsEndpoint endpoint = new MetricsEndpoint(server, workers, registry, labels, address);
        server.setExecutor(workers);
        server.createContext("/", endpoint::handle);
        server.start();
        return endpoint;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://ADDRESS:PORT/metrics}, IPv6 addresses in brackets. */
    public String url() {
        String host = address instanceof java.net.Inet6Address ? "[" + address.getHostAddress() + "]"
                : address.getHostAddress();
        return "http://" + host + ":" + port() + "/metrics";
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                respond(exchange, 405, TEXT, new byte[0]);
            } else if ("/metrics".equals(path)) {
                scrape(exchange);
            } else if ("/".equals(path)) {
                respond(exchange, 200, TEXT, POINTER);
            } else {
                respond(exchange, 404, TEXT, NOT_FOUND);
            }
        } catch (IOException e) {
            log.debug("metrics client went away: {}", e.toString());
        } catch (RuntimeException e) {
            log.warn("metrics request failed: {}", e.toString());
        }
    }

    private void scrape(HttpExchange exchange) throws IOException {
        ExpositionFormatWriter writer = formats.findWriter(exchange.getRequestHeaders().getFirst("Accept"));
        ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
        writer.write(body, labelled.apply(registry.scrape()));
        respond(exchange, 200, writer.getContentType(), body.toByteArray());
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /**
     * The JDK server cuts off a request or response that takes longer than these (in seconds), checked every
     * {@code timerMillis}. They are read once, when the first server is made: set them unless the user did.
     */
    private static void limitRequestTimes() {
        setIfAbsent("sun.net.httpserver.maxReqTime", Long.toString(REQUEST_TIME.toSeconds()));
        setIfAbsent("sun.net.httpserver.maxRspTime", Long.toString(REQUEST_TIME.toSeconds()));
        setIfAbsent("sun.net.httpserver.timerMillis", "500");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** 127.0.0.1 itself: {@code getLoopbackAddress()} may be ::1 where IPv6 is preferred. */
    public static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always a valid address
        }
    }
}
