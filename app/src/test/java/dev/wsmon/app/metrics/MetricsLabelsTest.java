package dev.wsmon.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Operator labels: checked when given, and on every series of a real scrape, whoever registered the metric. */
class MetricsLabelsTest {

    private static final int PROMPT_MS = 4000;

    @Test
    void everySeries_carriesTheOperatorLabels_histogramBucketsAndBuildInfoIncluded() throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        BuildInfo.register(registry, "1.2.3", "17.0.9");
        ConnectionMetrics metrics = new ConnectionMetrics(registry, List::of);
        metrics.track("feed");
        // a metric registered by some other part of the app, unaware of the labels
        Histogram.builder().name("wsmon_other_seconds").help("other").labelNames("conn").classicOnly()
                .classicUpperBounds(0.1, 1).register(registry).labelValues("feed").observe(0.05);
        Counter.builder().name("wsmon_plain_total").help("no labels of its own").register(registry).inc();

        MetricsLabels labels = new MetricsLabels(Map.of("site", "fra1"));
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(0, registry, labels)) {
            String body = MetricsEndpointTest.get(endpoint.port(), "/metrics", PROMPT_MS).body();
            List<String> samples = Arrays.stream(body.split("\n")).filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
            assertThat(samples).isNotEmpty().allMatch(l -> l.contains("site=\"fra1\""), "carries site=\"fra1\"");
            assertThat(body)
                    .contains("wsmon_build_info{java_version=\"17.0.9\",site=\"fra1\",version=\"1.2.3\"} 1")
                    .contains("wsmon_other_seconds_bucket{conn=\"feed\",site=\"fra1\",le=\"0.1\"} 1")
                    .contains("wsmon_other_seconds_sum{conn=\"feed\",site=\"fra1\"} 0.05")
                    .contains("wsmon_plain_total{site=\"fra1\"} 1.0")
                    .contains("wsmon_reconnects_total{conn=\"feed\",site=\"fra1\"} 0.0");
        }
    }

    @Test
    void withoutLabels_theScrapeIsUnchanged() throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        Counter.builder().name("wsmon_plain_total").help("plain").register(registry).inc();
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(0, registry)) {
            assertThat(MetricsEndpointTest.get(endpoint.port(), "/metrics", PROMPT_MS).body())
                    .contains("wsmon_plain_total 1.0");
        }
    }

    @Test
    void parse_takesNameEqualsValue_andSaysWhatToWrite() {
        assertThat(MetricsLabels.parse("site=fra1")).isEqualTo(Map.entry("site", "fra1"));
        assertThat(MetricsLabels.parse("note=a=b")).isEqualTo(Map.entry("note", "a=b"));
        assertThatThrownBy(() -> MetricsLabels.parse("site")).hasMessage("write NAME=VALUE, e.g. site=fra1");
        assertThatThrownBy(() -> MetricsLabels.parse("=fra1")).hasMessage("write NAME=VALUE, e.g. site=fra1");
        assertThatThrownBy(() -> MetricsLabels.parse("site=")).hasMessage("label 'site' has no value: write site=VALUE");
        assertThatThrownBy(() -> MetricsLabels.parse("data-centre=x")).hasMessageStartingWith(
                "label name 'data-centre' is not allowed: use letters, digits and _");
        assertThatThrownBy(() -> MetricsLabels.parse("__name__=x")).hasMessageContaining("is not allowed");
        assertThatThrownBy(() -> MetricsLabels.parse("conn=x")).hasMessageStartingWith(
                "label name 'conn' is one of wsmon's own (conn, state,");
        assertThatThrownBy(() -> MetricsLabels.parse("instance=x")).hasMessageContaining("one of wsmon's own");
    }

    @Test
    void overriddenBy_replacesByName_andKeepsTheRest() {
        MetricsLabels profile = new MetricsLabels(Map.of("site", "fra1", "env", "prod"));
        MetricsLabels flags = new MetricsLabels(Map.of("site", "ams2"));
        assertThat(profile.overriddenBy(flags).values()).containsOnly(Map.entry("site", "ams2"), Map.entry("env", "prod"));
    }
}
