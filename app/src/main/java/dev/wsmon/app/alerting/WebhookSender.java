package dev.wsmon.app.alerting;

import dev.wsmon.app.Version;
import dev.wsmon.core.HeaderTemplates;
import dev.wsmon.core.MonotonicClock;
import dev.wsmon.core.event.AlertChanged;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * POSTs alerts to a webhook from a thread of its own: {@link #offer} only queues, so the engine never waits on a slow
 * or dead hook. A failed POST (no answer within {@link #REQUEST_TIMEOUT}, a 5xx, 408 or 429) is retried with doubling
 * delays, {@link #ATTEMPTS} tries in all; at most {@link #CAPACITY} alerts wait, newer ones beyond are dropped (and
 * said so). Failures reach stderr through a {@link RateLimitedReporter}.
 */
public final class WebhookSender implements AutoCloseable {

    static final int ATTEMPTS = 5;
    static final int CAPACITY = 64;
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final String template;
    private final UnaryOperator<String> env;
    private final Duration firstRetry;
    private final RateLimitedReporter reporter;
    private final MonotonicClock clock;
    private final ScheduledThreadPoolExecutor thread;
    private final HttpClient client;
    /** Alerts accepted and not yet delivered or given up. */
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicInteger delivered = new AtomicInteger();

    /**
     * @param template the URL as written, {@code ${ENV}} references included
     * @param firstRetry the delay before the first retry; each further one doubles it
     */
    WebhookSender(String template, UnaryOperator<String> env, Duration firstRetry, RateLimitedReporter reporter,
                  MonotonicClock clock) {
        this.template = template;
        this.clock = clock;
        this.env = env;
        this.firstRetry = firstRetry;
        this.reporter = reporter;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "wsmon-alert-webhook");
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder().executor(thread).connectTimeout(REQUEST_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** Queues the alert; returns at once. */
    public void offer(AlertChanged alert) {
        if (pending.incrementAndGet() > CAPACITY) {
            pending.decrementAndGet();
            reporter.report("alert webhook " + AlertHooks.shownWebhook(template) + ": " + CAPACITY
                    + " alerts are already waiting; the alert for " + alert.connection() + " is dropped");
            return;
        }
        byte[] body = AlertText.body(alert).toString().getBytes(StandardCharsets.UTF_8);
        submit(() -> attempt(alert, body, 1), Duration.ZERO);
    }

    /** Alerts the hook accepted (2xx) so far. */
    int delivered() {
        return delivered.get();
    }

    private void attempt(AlertChanged alert, byte[] body, int n) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(HeaderTemplates.expandValue("alert webhook", template, env).trim()))
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "wsmon/" + Version.current())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
        } catch (IllegalArgumentException e) {
            giveUp(alert, e.getMessage());
            return;
        }
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() / 100 == 2) {
                delivered.incrementAndGet();
                pending.decrementAndGet();
                return;
            }
            String why = error != null ? describe(error) : "HTTP " + response.statusCode();
            boolean retryable = error != null || response.statusCode() >= 500 || response.statusCode() == 408
                    || response.statusCode() == 429;
            if (retryable && n < ATTEMPTS) {
                submit(() -> attempt(alert, body, n + 1), firstRetry.multipliedBy(1L << (n - 1)));
            } else {
                giveUp(alert, why + " after " + n + " attempt" + (n == 1 ? "" : "s"));
            }
        });
    }

    private void giveUp(AlertChanged alert, String why) {
        pending.decrementAndGet();
        reporter.report("alert webhook " + AlertHooks.shownWebhook(template) + " failed for " + alert.connection()
                + " (" + (alert.firing() ? "firing" : "resolved") + "): " + why);
    }

    private void submit(Runnable task, Duration delay) {
        try {
            thread.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            pending.decrementAndGet(); // closed: the run is over
        }
    }

    private static String describe(Throwable t) {
        while (t.getCause() != null && t instanceof java.util.concurrent.CompletionException) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    /** Gives waiting alerts up to {@code grace} to go out, then stops. */
    void close(Duration grace) {
        long deadline = clock.nanoTime() + grace.toNanos();
        while (pending.get() > 0 && clock.nanoTime() - deadline < 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        thread.shutdownNow();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(2));
    }
}
