package dev.wsmon.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Answers every HTTP request (the WebSocket upgrade included) with a fixed non-101 response, e.g.
 * {@code 503 Service Unavailable} with {@code Retry-After: 2}, then closes. Records when each
 * attempt arrived, so a test can check the client's retry intervals.
 */
public final class HttpRejectServer implements AutoCloseable {

    private static final int DRAIN_TIMEOUT_MILLIS = 1000;
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final List<Long> requestTimes = new CopyOnWriteArrayList<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Signal changed = new Signal();
    private volatile byte[] response;
    private final TcpAcceptor acceptor;

    private HttpRejectServer(String statusLine, Map<String, String> headers) {
        respondWith(statusLine, headers);
        this.acceptor = TcpAcceptor.start("http-reject", this::serve);
    }

    /**
     * @param statusLine status code and reason, e.g. {@code "503 Service Unavailable"}
     * @param headers    response headers in order; {@code Content-Length: 0} and
     *                   {@code Connection: close} are added unless given
     */
    public static HttpRejectServer start(String statusLine, Map<String, String> headers) {
        return new HttpRejectServer(statusLine, headers);
    }

    /** Changes the response for the following connections, e.g. 503 first and 429 later. */
    public void respondWith(String statusLine, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        if (all.keySet().stream().noneMatch("Content-Length"::equalsIgnoreCase)) {
            all.put("Content-Length", "0");
        }
        if (all.keySet().stream().noneMatch("Connection"::equalsIgnoreCase)) {
            all.put("Connection", "close");
        }
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(statusLine).append("\r\n");
        all.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        this.response = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** An IMF-fixdate as used by {@code Retry-After} and {@code Date}, e.g. {@code Sun, 06 Nov 1994 08:49:37 GMT}. */
    public static String httpDate(Instant instant) {
        return HTTP_DATE.format(instant);
    }

    public int port() {
        return acceptor.port();
    }

    public URI uri() {
        return URI.create("ws://127.0.0.1:" + port() + "/");
    }

    /** Number of connections accepted so far. */
    public int requestCount() {
        return requestTimes.size();
    }

    /** {@link System#nanoTime()} at which each connection was accepted, in order. */
    public List<Long> requestTimesNanos() {
        return List.copyOf(requestTimes);
    }

    /** Time between consecutive attempts: one element fewer than {@link #requestTimesNanos()}. */
    public List<Duration> intervals() {
        List<Long> times = requestTimesNanos();
        List<Duration> intervals = new ArrayList<>();
        for (int i = 1; i < times.size(); i++) {
            intervals.add(Duration.ofNanos(times.get(i) - times.get(i - 1)));
        }
        return intervals;
    }

    /** The complete request heads received (request line and headers), in order. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** Waits until at least {@code n} connections have been accepted. */
    public void awaitRequests(int n, Duration timeout) {
        changed.await(() -> n + " requests (got " + requestTimes.size() + ")",
                () -> requestTimes.size() >= n, timeout);
    }

    private void serve(Socket socket, long acceptedAtNanos) throws IOException {
        requestTimes.add(acceptedAtNanos);
        changed.fire();
        try (socket) {
            InputStream in = socket.getInputStream();
            String head = HttpHead.read(in);
            if (head == null) {
                return; // client went away before finishing its request
            }
            requests.add(head);
            OutputStream out = socket.getOutputStream();
            out.write(response);
            out.flush();
            // FIN after the response, then wait for the client's close so ours is not a reset
            socket.shutdownOutput();
            socket.setSoTimeout(DRAIN_TIMEOUT_MILLIS);
            drain(in);
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] sink = new byte[1024];
        try {
            while (in.read(sink) >= 0) {
                // the client may still send bytes before closing: discard them
            }
        } catch (SocketTimeoutException e) {
            // client keeps the connection open: close anyway
        }
    }

    /** Closes every connection and the listening socket; all threads have ended on return. */
    @Override
    public void close() {
        acceptor.close();
    }
}
