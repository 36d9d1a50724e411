package dev.wsmon.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The metrics endpoint against real local clients, well-behaved and not. */
class MetricsEndpointTest {

    /** Longer than any scrape should take here, shorter than the server's request time limit. */
    private static final int PROMPT_MS = 4000;
    /** Prometheus' default scrape timeout. */
    private static final int SCRAPE_TIMEOUT_MS = 10_000;

    private static PrometheusRegistry registry() {
        PrometheusRegistry registry = new PrometheusRegistry();
        Counter.builder().name("wsmon_test_total").help("a test counter").register(registry).inc();
        return registry;
    }

    /** One request on its own connection: the status line and the body. */
    record Response(String statusLine, String body) {
        int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    static Response get(int port, String path, int timeoutMs) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), timeoutMs);
            s.setSoTimeout(timeoutMs);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headersEnd = response.indexOf("\r\n\r\n");
            return new Response(response.substring(0, response.indexOf("\r\n")), response.substring(headersEnd + 4));
        }
    }

    @Test
    void servesMetrics_pointsThereFromRoot_and404sEverythingElse() throws IOException {
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(0, registry())) {
            int port = endpoint.port();
            Response metrics = get(port, "/metrics", PROMPT_MS);
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.body()).contains("wsmon_test_total 1");
            Response root = get(port, "/", PROMPT_MS);
            assertThat(root.status()).isEqualTo(200);
            assertThat(root.body()).contains("/metrics");
            for (String other : List.of("/other", "/metrics/", "/metricsx", "/-/healthy", "/favicon.ico")) {
                Response r = get(port, other, PROMPT_MS);
                assertThat(r.status()).as(other).isEqualTo(404);
                assertThat(r.body()).as(other).doesNotContain("wsmon_test_total");
            }
        }
    }

    @Test
    void listensOnLoopbackByDefault_andOnTheAddressGiven_forARemotePrometheus() throws IOException {
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(0, registry())) {
            assertThat(endpoint.url()).isEqualTo("http://127.0.0.1:" + endpoint.port() + "/metrics");
        }
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(java.net.InetAddress.getByName("0.0.0.0"), 0, registry(),
                MetricsLabels.NONE)) {
            assertThat(endpoint.url()).isEqualTo("http://0.0.0.0:" + endpoint.port() + "/metrics");
            assertThat(get(endpoint.port(), "/metrics", PROMPT_MS).body()).contains("wsmon_test_total 1");
        }
    }

    @Test
    void clientsTricklingTheirRequest_doNotBlockAScrape_andAreCutOff() throws Exception {
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        List<Socket> slow = new ArrayList<>();
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(0, registry())) {
            int port = endpoint.port();
            for (int i = 0; i < 12; i++) {
                Socket s = new Socket("127.0.0.1", port);
                s.getOutputStream().write('G'); // the request has begun: a worker now waits for the rest
                slow.add(s);
            }
            trickle.scheduleAtFixedRate(() -> slow.forEach(s -> {
                try {
                    s.getOutputStream().write('E'); // one byte a second, never a whole request
                } catch (IOException e) {
                    // cut off by the server: as it should
                }
            }), 1, 1, TimeUnit.SECONDS);

            for (int i = 0; i < 3; i++) {
                assertThat(get(port, "/metrics", PROMPT_MS).status()).isEqualTo(200);
            }
            for (Socket s : slow) {
                s.setSoTimeout(20_000); // the request time limit is 5 s, checked every 0.5 s
                assertThat(endOfStream(s)).as("slow client cut off by the server").isTrue();
            }
        } finally {
            trickle.shutdownNow();
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    private static boolean endOfStream(Socket s) throws IOException {
        try {
            InputStream in = s.getInputStream();
            while (true) {
                if (in.read() == -1) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset: cut off as well
        }
    }

    @Test
    void aThousandConcurrentScrapes_onAFreshStart_allSucceed() throws Exception {
        int clients = 1000; // the issue saw 21 of 200 time out; here the old backlog of 3 needed more to show
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(0, registry())) {
            int port = endpoint.port();
            CountDownLatch ready = new CountDownLatch(clients);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                statuses.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    long start = System.nanoTime();
                    int status = get(port, "/metrics", SCRAPE_TIMEOUT_MS).status();
                    long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    // a SYN dropped by a full backlog is sent again after 1 s, 3 s, 7 s...: Prometheus gives up at 10 s
                    return ms <= SCRAPE_TIMEOUT_MS ? status : -1;
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<String> failed = new ArrayList<>();
            for (Future<Integer> f : statuses) {
                try {
                    int status = f.get(60, TimeUnit.SECONDS);
                    if (status != 200) {
                        failed.add(status == -1 ? "over " + SCRAPE_TIMEOUT_MS + " ms" : "status " + status);
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    failed.add(e.getCause().toString());
                }
            }
            assertThat(failed).as("failed scrapes of %d", clients).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }
}
