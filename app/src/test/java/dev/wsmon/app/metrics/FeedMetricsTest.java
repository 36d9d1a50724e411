package dev.wsmon.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionId;
import dev.wsmon.core.event.AppLatency;
import dev.wsmon.core.event.HeartbeatMissed;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The feed session's series: application RTT as a histogram, missed heartbeats as a counter, both by connection. */
class FeedMetricsTest {

    @Test
    void appLatencyAndMissedHeartbeats_areExported_from0() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        ConnectionMetrics metrics = new ConnectionMetrics(registry, List::of);
        metrics.trackHeartbeat("feed");
        ConnectionId feed = new ConnectionId("feed", 1);
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(0, registry)) {
            assertThat(scrape(endpoint)).contains("wsmon_heartbeats_missed_total{conn=\"feed\"} 0")
                    .contains("wsmon_app_rtt_seconds_count{conn=\"feed\"} 0");

            metrics.accept(new AppLatency(feed, 1, Duration.ofMillis(40)));
            metrics.accept(new AppLatency(feed, 2, Duration.ofMillis(300)));
            metrics.accept(new HeartbeatMissed(feed, 3, Duration.ofSeconds(5)));

            String text = scrape(endpoint);
            assertThat(text).contains("wsmon_heartbeats_missed_total{conn=\"feed\"} 1")
                    .contains("wsmon_app_rtt_seconds_count{conn=\"feed\"} 2")
                    .contains("wsmon_app_rtt_seconds_bucket{conn=\"feed\",le=\"0.05\"} 1")
                    .contains("wsmon_app_rtt_seconds_bucket{conn=\"feed\",le=\"0.5\"} 2");
        }
    }

    private static String scrape(MetricsEndpoint endpoint) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + endpoint.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        return r.body();
    }
}
