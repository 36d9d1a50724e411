package dev.wsmon.app.metrics;

import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * {@code wsmon_build_info{version,java_version} 1}: which build each probe of a fleet runs, to join on or to
 * alert on a probe left behind.
 */
public final class BuildInfo {

    private BuildInfo() {
    }

    /** Registers the series in {@code registry}. */
    public static void register(PrometheusRegistry registry, String version, String javaVersion) {
        Info info = Info.builder()
                .name("wsmon_build_info")
                .help("The wsmon build and the Java runtime it runs on; the value is always 1")
                .labelNames("version", "java_version")
                .register(registry);
        info.setLabelValues(version, javaVersion);
    }
}
