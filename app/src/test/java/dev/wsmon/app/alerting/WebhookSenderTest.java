package dev.wsmon.app.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.wsmon.core.ConnectionId;
import dev.wsmon.core.Health;
import dev.wsmon.core.HealthReason;
import dev.wsmon.core.MonotonicClock;
import dev.wsmon.core.event.AlertChanged;
import dev.wsmon.core.testing.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The webhook against a real HTTP server on 127.0.0.1: one that answers, one that is slow, one that fails. */
class WebhookSenderTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream stderr = new PrintStream(err, true, StandardCharsets.UTF_8);
    /** The reporter's clock: a minute passes only when a test says so. */
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private HttpServer server;
    private WebhookSender sender;

    private record Received(String contentType, JsonNode body) {
    }

    @AfterEach
    void stop() {
        if (sender != null) {
            sender.close(Duration.ZERO);
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void anAnsweringHook_getsOnePostWithTextAndTheAlertsFields() throws Exception {
        start(() -> 200, null);
        sender.offer(alert("feed", true));

        Received r = received.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(r).isNotNull();
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(r.body().get("text").asText()).startsWith("wsmon: feed is DEGRADED (stale) since ");
        assertThat(r.body().get("type").asText()).isEqualTo("alert");
        assertThat(r.body().get("conn").asText()).isEqualTo("feed");
        assertThat(r.body().get("alert").asText()).isEqualTo("firing");
        assertThat(r.body().get("health").asText()).isEqualTo("DEGRADED");
        assertThat(r.body().get("reasons").get(0).asText()).isEqualTo("stale");
        assertThat(r.body().get("since_ms").asLong()).isEqualTo(1_700_000_000_000L);
        Await.until("delivered", () -> sender.delivered() == 1, DEADLINE);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aSlowHook_neverHoldsTheCaller_andStillGetsTheAlert() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        start(() -> 200, release);
        long before = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            sender.offer(alert("slow" + i, true));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));
        Await.until("the hook holds the first post", () -> !received.isEmpty(), DEADLINE);
        assertThat(sender.delivered()).isZero();

        release.countDown();
        Await.until("all five delivered", () -> sender.delivered() == 5, DEADLINE);
    }

    @Test
    void aFailingHook_isRetried_untilItAnswers() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        start(() -> calls.incrementAndGet() <= 2 ? 503 : 200, null);
        sender.offer(alert("feed", false));

        Await.until("delivered on the third attempt", () -> sender.delivered() == 1, DEADLINE);
        assertThat(calls.get()).isEqualTo(3);
        assertThat(received).hasSize(3).allSatisfy(r -> assertThat(r.body().get("alert").asText()).isEqualTo("resolved"));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aHookThatKeepsFailing_isGivenUp_andReportedOnStderrAtMostOnceAMinute() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        start(() -> {
            calls.incrementAndGet();
            return 500;
        }, null);
        sender.offer(alert("a", true));
        Await.until("all attempts", () -> calls.get() == WebhookSender.ATTEMPTS && lines() == 1, DEADLINE);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("wsmon: alert webhook http://127.0.0.1:")
                .contains("/… failed for a (firing): HTTP 500 after 5 attempts")
                .doesNotContain("/hook/"); // the path of a hook is its secret

        sender.offer(alert("b", true));
        Await.until("b given up", () -> calls.get() == 2 * WebhookSender.ATTEMPTS, DEADLINE);
        nanos.addAndGet(Duration.ofSeconds(59).toNanos());
        sender.offer(alert("c", true));
        Await.until("c given up", () -> calls.get() == 3 * WebhookSender.ATTEMPTS, DEADLINE);
        Await.stable("stderr", this::lines, Duration.ofMillis(300), DEADLINE);
        assertThat(lines()).as("within the minute: held back").isEqualTo(1);

        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        sender.offer(alert("d", true));
        Await.until("the next report", () -> lines() == 2, DEADLINE);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList().get(1))
                .contains("failed for d").endsWith("(2 more such failures since the last report)");
    }

    @Test
    void aHookThatIsNotListening_isReportedToo() throws Exception {
        start(() -> 200, null);
        int port = server.getAddress().getPort();
        server.stop(0);
        server = null;
        sender.close(Duration.ZERO);
        sender = new WebhookSender("http://127.0.0.1:" + port + "/hook/${HOOK}", Map.of("HOOK", "secret")::get,
                Duration.ofMillis(20), new RateLimitedReporter(stderr, nanos::get, Duration.ofMinutes(1)), MonotonicClock.SYSTEM);
        sender.offer(alert("gone", true));
        Await.until("reported", () -> lines() == 1, DEADLINE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("failed for gone").contains("ConnectException")
                .doesNotContain("secret");
    }

    @Test
    void aFullQueue_dropsTheNewestAlert_andSaysSo() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        start(() -> 200, release);
        for (int i = 0; i < WebhookSender.CAPACITY + 3; i++) {
            sender.offer(alert("q" + i, true));
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(WebhookSender.CAPACITY + " alerts are already waiting;"
                + " the alert for q" + WebhookSender.CAPACITY + " is dropped");
        release.countDown();
        Await.until("the kept ones delivered", () -> sender.delivered() == WebhookSender.CAPACITY, DEADLINE);
    }

    private int lines() {
        return (int) err.toString(StandardCharsets.UTF_8).lines().count();
    }

    private void start(IntSupplier status, CountDownLatch hold) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-hook");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/hook/", (HttpExchange x) -> {
            byte[] body = x.getRequestBody().readAllBytes();
            received.add(new Received(x.getRequestHeaders().getFirst("Content-Type"), JSON.readTree(body)));
            if (hold != null) {
                try {
                    hold.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            x.sendResponseHeaders(status.getAsInt(), -1);
            x.close();
        });
        server.start();
        sender = new WebhookSender("http://127.0.0.1:" + server.getAddress().getPort() + "/hook/${HOOK}",
                Map.of("HOOK", "T0KEN")::get, Duration.ofMillis(20),
                new RateLimitedReporter(stderr, nanos::get, Duration.ofMinutes(1)), MonotonicClock.SYSTEM);
    }

    private static AlertChanged alert(String conn, boolean firing) {
        return new AlertChanged(new ConnectionId(conn, 1), 1_700_000_030_000L, firing,
                firing ? Health.DEGRADED : Health.HEALTHY, firing ? Set.of(HealthReason.STALE) : Set.of(),
                1_700_000_000_000L);
    }
}
