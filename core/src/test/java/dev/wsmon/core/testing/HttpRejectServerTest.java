package dev.wsmon.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpRejectServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private HttpRejectServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void answersWithTheConfiguredStatusAndHeadersThenCloses() throws IOException {
        server = HttpRejectServer.start("503 Service Unavailable", Map.of("Retry-After", "2"));

        String response = exchange();

        assertThat(response).isEqualTo("HTTP/1.1 503 Service Unavailable\r\nRetry-After: 2\r\n"
                + "Content-Length: 0\r\nConnection: close\r\n\r\n");
        assertThat(server.requests()).singleElement().asString().startsWith("GET /chat HTTP/1.1\r\n");
    }

    @Test
    void recordsWhenEachAttemptArrived() throws IOException {
        server = HttpRejectServer.start("503 Service Unavailable", Map.of());
        long before = System.nanoTime();

        exchange();
        exchange();
        long after = System.nanoTime();

        server.awaitRequests(2, TIMEOUT);
        List<Long> times = server.requestTimesNanos();
        assertThat(times).hasSize(2);
        assertThat(times.get(0)).isBetween(before, times.get(1));
        assertThat(times.get(1)).isLessThanOrEqualTo(after);
        assertThat(server.intervals()).containsExactly(Duration.ofNanos(times.get(1) - times.get(0)));
    }

    @Test
    void respondWithChangesTheAnswerForLaterRequests() throws IOException {
        server = HttpRejectServer.start("503 Service Unavailable", Map.of("Retry-After", "2"));
        String date = HttpRejectServer.httpDate(Instant.parse("2030-01-02T03:04:05Z"));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Retry-After", date);
        headers.put("Content-Length", "0");

        server.respondWith("429 Too Many Requests", headers);

        assertThat(date).isEqualTo("Wed, 02 Jan 2030 03:04:05 GMT");
        assertThat(exchange()).isEqualTo("HTTP/1.1 429 Too Many Requests\r\nRetry-After: " + date
                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    }

    @Test
    void aJavaWebSocketClientSeesTheHandshakeRejected() throws Exception {
        server = HttpRejectServer.start("503 Service Unavailable", Map.of("Retry-After", "2"));
        RecordingClient client = new RecordingClient(server.uri());

        assertThat(client.connectBlocking(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isFalse();

        TestServer.Closed closed = client.awaitClose(TIMEOUT);
        assertThat(closed.code()).isEqualTo(1002);
        assertThat(closed.reason()).contains("503");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    /** Sends an upgrade request and reads the whole response up to the server's close. */
    private String exchange() throws IOException {
        try (Socket socket = new Socket(server.uri().getHost(), server.port())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.getOutputStream().write(("GET /chat HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
