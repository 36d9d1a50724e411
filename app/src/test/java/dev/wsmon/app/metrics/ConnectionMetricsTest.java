package dev.wsmon.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.CloseCause;
import dev.wsmon.core.CloseReport;
import dev.wsmon.core.ConnectionId;
import dev.wsmon.core.ConnectionSnapshot;
import dev.wsmon.core.Initiator;
import dev.wsmon.core.SendFailure;
import dev.wsmon.core.Settings;
import dev.wsmon.core.State;
import dev.wsmon.core.testing.Events;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ConnectionMetricsTest {

    private static ConnectionSnapshot snapshot(State state, Duration inState) {
        return new ConnectionSnapshot("feed", URI.create("ws://h/"), state, inState, 2, "", Optional.empty(), Optional.empty(),
                Settings.DEFAULTS, true, 0, 0);
    }

    private static String scrape(MetricsEndpoint endpoint) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + endpoint.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    @Test
    void events_andSnapshots_becomeSeriesLabelledByConnection() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        AtomicReference<ConnectionSnapshot> now = new AtomicReference<>(snapshot(State.OPEN, Duration.ofMillis(1500)));
        ConnectionMetrics metrics = new ConnectionMetrics(registry, () -> List.of(now.get()));
        metrics.track("feed");
        long ts = 1L;
        Events feed = Events.of("feed");
        metrics.accept(feed.state(ts, State.CONNECTING, State.CLOSED, 2));
        metrics.accept(feed.latency(ts, 1, Duration.ofMillis(3)));
        metrics.accept(feed.latency(ts, 2, Duration.ofMillis(30)));
        metrics.accept(feed.unanswered(ts, 3, Duration.ofMillis(200)));
        metrics.accept(feed.received(ts, 100, "x"));
        metrics.accept(feed.sent(ts, 1, 7));
        metrics.accept(feed.delivered(ts, 1, Duration.ofMillis(2)));
        metrics.accept(feed.failed(ts, 2, SendFailure.NOT_OPEN, ""));
        metrics.accept(feed.closed(ts, State.OPEN, 2, CloseReport.abnormal(Initiator.LOCAL, CloseCause.KEEPALIVE_TIMEOUT, "")));

        try (MetricsEndpoint endpoint = MetricsEndpoint.start(0, registry)) {
            String text = scrape(endpoint);
            assertThat(text)
                    .contains("wsmon_connection_state{conn=\"feed\",state=\"OPEN\"} 1")
                    .contains("wsmon_connection_state{conn=\"feed\",state=\"CLOSED\"} 0")
                    .contains("wsmon_connection_state_seconds{conn=\"feed\"} 1.5")
                    .contains("wsmon_rtt_seconds_count{conn=\"feed\"} 2")
                    .contains("wsmon_rtt_seconds_bucket{conn=\"feed\",le=\"0.005\"} 1")
                    .contains("wsmon_closes_total{cause=\"keepalive-timeout\",code=\"1006\",conn=\"feed\"} 1")
                    .contains("wsmon_reconnects_total{conn=\"feed\"} 1")
                    .contains("wsmon_pings_unanswered_total{conn=\"feed\"} 1")
                    .contains("wsmon_messages_total{conn=\"feed\",dir=\"in\"} 1")
                    .contains("wsmon_message_bytes_total{conn=\"feed\",dir=\"in\"} 100")
                    .contains("wsmon_message_bytes_total{conn=\"feed\",dir=\"out\"} 7")
                    .contains("wsmon_send_outcomes_total{conn=\"feed\",outcome=\"delivered\"} 1")
                    .contains("wsmon_send_outcomes_total{conn=\"feed\",outcome=\"not-open\"} 1")
                    .contains("# TYPE wsmon_rtt_seconds histogram");

            now.set(snapshot(State.CLOSED, Duration.ofMillis(250)));
            assertThat(scrape(endpoint)).as("state is read at scrape time")
                    .contains("wsmon_connection_state{conn=\"feed\",state=\"CLOSED\"} 1")
                    .contains("wsmon_connection_state_seconds{conn=\"feed\"} 0.25");
        }
    }

    @Test
    void trackedConnection_hasZeroSeries_beforeAnyEvent() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        new ConnectionMetrics(registry, List::of).track("quiet");
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(0, registry)) {
            assertThat(scrape(endpoint)).contains("wsmon_reconnects_total{conn=\"quiet\"} 0")
                    .contains("wsmon_messages_total{conn=\"quiet\",dir=\"out\"} 0");
        }
    }

    @Test
    void instancesOfOneName_shareItsSeries() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        ConnectionMetrics metrics = new ConnectionMetrics(registry, List::of);
        metrics.accept(Events.of(new ConnectionId("feed", 1)).latency(1, 1, Duration.ofMillis(3)));
        metrics.accept(Events.of(new ConnectionId("feed", 2)).latency(2, 1, Duration.ofMillis(3)));
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(0, registry)) {
            assertThat(scrape(endpoint)).contains("wsmon_rtt_seconds_count{conn=\"feed\"} 2");
        }
    }

    @Test
    void alertsFiring_isOneWhileTheAlertFires_andZeroBeforeAndAfter() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        ConnectionMetrics metrics = new ConnectionMetrics(registry, List::of);
        metrics.track("feed");
        ConnectionId id = new ConnectionId("feed", 1);
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(0, registry)) {
            assertThat(scrape(endpoint)).contains("wsmon_alerts_firing{conn=\"feed\"} 0");
            metrics.accept(new dev.wsmon.core.event.AlertChanged(id, 1, true, dev.wsmon.core.Health.DOWN,
                    java.util.Set.of(dev.wsmon.core.HealthReason.CLOSED), 0));
            assertThat(scrape(endpoint)).contains("wsmon_alerts_firing{conn=\"feed\"} 1");
            metrics.accept(new dev.wsmon.core.event.AlertChanged(id, 2, false, dev.wsmon.core.Health.HEALTHY,
                    java.util.Set.of(), 1));
            assertThat(scrape(endpoint)).contains("wsmon_alerts_firing{conn=\"feed\"} 0");
        }
    }
}
