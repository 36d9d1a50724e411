package dev.wsmon.app.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Labels the operator sets per probe ({@code --metrics-label site=fra1}, the profile's {@code metricsLabels}), added
 * to every series the probe serves, so that the series of a fleet's probes never collide.
 *
 * @param values label name to value, in the order given
 * @throws IllegalArgumentException for a name Prometheus does not allow or one wsmon's own series use
 */
public record MetricsLabels(Map<String, String> values) {

    /** No operator labels. */
    public static final MetricsLabels NONE = new MetricsLabels(Map.of());

    /** Prometheus label names (data model); names starting with {@code __} are reserved for its internal use. */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    /**
     * Label names of wsmon's own series (and of histograms, summaries and the scrape itself): an operator label of
     * the same name would hide or replace them.
     */
    static final List<String> TAKEN = List.of("conn", "state", "code", "cause", "dir", "outcome", "health", "phase",
            "version", "java_version", "le", "quantile", "job", "instance");

    public MetricsLabels {
        Map<String, String> copy = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            check(name, value);
            copy.put(name, value);
        });
        values = Collections.unmodifiableMap(copy);
    }

    /**
     * One {@code name=value} as written on the command line.
     *
     * @throws IllegalArgumentException saying what to write instead
     */
    public static Map.Entry<String, String> parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("write NAME=VALUE, e.g. site=fra1");
        }
        String name = text.substring(0, eq).trim();
        String value = text.substring(eq + 1);
        check(name, value);
        return Map.entry(name, value);
    }

    /** These labels, each replaced by {@code over}'s label of the same name. */
    public MetricsLabels overriddenBy(MetricsLabels over) {
        Map<String, String> merged = new LinkedHashMap<>(values);
        merged.putAll(over.values);
        return new MetricsLabels(merged);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    private static void check(String name, String value) {
        if (name == null || !NAME.matcher(name).matches() || name.startsWith("__")) {
            throw new IllegalArgumentException("label name '" + name + "' is not allowed: use letters, digits and _,"
                    + " not starting with a digit or __ (e.g. site, region, dc)");
        }
        if (TAKEN.contains(name)) {
            throw new IllegalArgumentException("label name '" + name + "' is one of wsmon's own (" + String.join(", ",
                    TAKEN) + "): choose another, e.g. site");
        }
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("label '" + name + "' has no value: write " + name + "=VALUE");
        }
    }
}
