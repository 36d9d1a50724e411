package dev.wsmon.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmark 4: the desktop application (headless Monocle, 1400×900) with 100 connections pinging every second and an
 * hour of chart history each, the chart at 1 h, while live updates flow. The longest gap between FX pulses (a stall
 * the operator would see), its 99th percentile and the FX thread's CPU, with the selected connection and the chart
 * window switched every few seconds. The table's sparklines and the state and health timeline above the chart follow the
 * chart's window, so each switch redraws them too. The echo server runs in its own JVM.
 */
final class UiResponsiveness {

    static final int CONNECTIONS = 100;
    static final long TARGET_MAX_GAP_MS = 50;
    /** Monocle's headless screen, so that the window opens at its default 1400×900 (MainWindow) and no larger. */
    static final String SCREEN = "1400x900";
    static final List<String> HEADLESS = List.of("-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
            "-Dprism.order=sw", "-Dprism.text=t2k", "-Djava.awt.headless=true", "-Dheadless.geometry=" + SCREEN);

    private final Duration warmup;
    private final Duration window;
    private final Duration actionEvery;
    private final String heap;
    private final boolean jfr;

    UiResponsiveness(boolean quick, String heap, boolean jfr) {
        this.warmup = Duration.ofSeconds(quick ? 5 : 10);
        this.window = Duration.ofSeconds(quick ? 20 : 60);
        this.actionEvery = Duration.ofMillis(quick ? 2_500 : 5_000);
        this.heap = heap;
        this.jfr = jfr;
    }

    Map<String, Object> run() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("load_avg_1m_start", Sys.loadAvg1());
        out.put("connections", CONNECTIONS);
        out.put("ping_interval_s", 1);
        out.put("history_per_connection", "1 h: a sample a second, " + SyntheticHistory.OUTAGES + " outages (bands), "
                + SyntheticHistory.MARKS + " settings marks");
        out.put("chart_window", "1 h, switched to 1 min, back to 1 h and to 7 d (rollups of a week in the history database) during the window");
        out.put("at_a_glance", "the table's RTT sparkline column and the state and health timeline of all "
                + CONNECTIONS + " connections follow the chart's window");
        out.put("selection", "a jump " + WindowActions.JUMP + " rows on, TableView.scrollTo to it");
        out.put("screen", SCREEN + " (Monocle headless, prism sw)");
        out.put("warmup_s", warmup.toSeconds());
        out.put("window_s", window.toSeconds());
        out.put("action_every_s", actionEvery.toMillis() / 1000.0);
        out.put("after_action_s", UiClient.AFTER_ACTION.toMillis() / 1000.0);
        List<String> jvm = new ArrayList<>(List.of(heap));
        jvm.addAll(HEADLESS);
        // JavaFX's 60 pulses a second, not the desktop's 30 (ADR 0175): gaps measure FX-thread stalls in 16 ms steps
        jvm.add("-Djavafx.animation.pulse=60");
        if (jfr) {
            jvm.add("-XX:FlightRecorderOptions:stackdepth=512"); // JavaFX's CSS and layout recurse deeper than the default 64
            // samples every 1 ms, not 10–20: a stall is a few tens of ms (read with jfr print --stack-depth 300)
            jvm.add("-XX:StartFlightRecording=filename=target/bench-logs/ui.jfr,settings=profile,jdk.ExecutionSample#period=1ms,"
                    + "dumponexit=true");
        }
        out.put("ui_jvm_args", jvm);
        System.out.println("ui: the desktop app with " + CONNECTIONS + " connections and an hour of history each, "
                + warmup.toSeconds() + " s warm-up, " + window.toSeconds() + " s window...");
        ChildJvm server = ChildJvm.start("ui-echo-server", "", List.of("-Xmx256m"), UiServer.class, List.of());
        try {
            String uri = server.await("URI", Scale.ANSWER).substring("URI ".length()).trim();
            try (ChildJvm ui = ChildJvm.start("ui-desktop", "", jvm, UiClient.class, List.of(uri,
                    Integer.toString(CONNECTIONS), Long.toString(warmup.toSeconds()), Long.toString(window.toSeconds()),
                    Long.toString(actionEvery.toMillis())))) {
                Map<String, String> opened = Scale.parse(ui.await("OPENED", UiClient.OPEN_ALL_TIMEOUT.plusSeconds(60)));
                out.put("open_all_ms", Long.parseLong(opened.get("ms")));
                out.put("all_opened", Boolean.parseBoolean(opened.get("all")));
                Map<String, String> ready = Scale.parse(ui.await("READY", Scale.ANSWER));
                out.put("backfill_all_ms", Double.parseDouble(ready.get("backfill_ms")));
                out.put("history_points_selected", Long.parseLong(ready.get("points")));
                out.put("scene", ready.get("scene"));
                Map<String, String> r = Scale.parse(ui.await("RESULT", warmup.plus(window).plus(Scale.ANSWER)));
                out.putAll(results(r));
            }
        } finally {
            server.close();
        }
        out.put("load_avg_1m_end", Sys.loadAvg1());
        System.out.println("ui: " + out);
        return out;
    }

    private static Map<String, Object> results(Map<String, String> r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("measured_s", d(r, "window_s"));
        m.put("pulses", Long.parseLong(r.get("pulses")));
        long hz = Long.parseLong(r.get("pulse_setting_hz"));
        m.put("pulse_nominal_ms", 1000 / hz);
        m.put("pulse_nominal_note", "JavaFX pulses at " + hz + " Hz, asked of the glass timer as a whole-ms period: 1000/"
                + hz + " = " + 1000 / hz + " ms; a gap of two periods is one missed pulse");
        Map<String, Object> gaps = new LinkedHashMap<>();
        gaps.put("p50_ms", d(r, "gap_p50_ms"));
        gaps.put("p99_ms", d(r, "gap_p99_ms"));
        gaps.put("max_ms", d(r, "gap_max_ms"));
        m.put("pulse_gap", gaps);
        Map<String, Object> steady = new LinkedHashMap<>();
        steady.put("p50_ms", d(r, "steady_p50_ms"));
        steady.put("p99_ms", d(r, "steady_p99_ms"));
        steady.put("max_ms", d(r, "steady_max_ms"));
        m.put("pulse_gap_away_from_actions", steady);
        m.put("max_gap_after_actions_ms", d(r, "action_max_ms"));
        List<Map<String, Object>> longest = new ArrayList<>();
        for (String g : r.getOrDefault("longest", "").split(",")) {
            String[] f = g.split("/");
            if (f.length == 2) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("ended_at_s", Double.parseDouble(f[0]));
                x.put("gap_ms", Double.parseDouble(f[1]));
                longest.add(x);
            }
        }
        m.put("longest_gaps", longest);
        m.put("window_started_epoch_ms", Long.parseLong(r.get("start_epoch_ms"))); // to find a gap in a flight recording
        List<Map<String, Object>> actions = new ArrayList<>();
        for (String a : r.getOrDefault("actions", "").split(",")) {
            String[] f = a.split("/");
            if (f.length == 4) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("action", f[0]);
                x.put("target", f[1]);
                x.put("t_s", Double.parseDouble(f[2]));
                x.put("max_gap_within_1s_ms", Double.parseDouble(f[3]));
                actions.add(x);
            }
        }
        m.put("actions", actions);
        m.put("fx_thread", r.get("fx_thread").replace('_', ' ')); // Monocle's FX thread is "Event Thread"
        m.put("fx_thread_cpu_pct", d(r, "fx_cpu_pct"));
        m.put("render_thread_cpu_pct", d(r, "render_cpu_pct"));
        m.put("process_cpu_pct_one_core", d(r, "process_cpu_pct"));
        m.put("gc_count", Long.parseLong(r.get("gc_count")));
        m.put("gc_ms", Long.parseLong(r.get("gc_ms")));
        m.put("gc_longest_ms", Long.parseLong(r.get("gc_longest_ms")));
        m.put("heap_used_mb", d(r, "heap_used_mb"));
        m.put("selected_points_at_end", Long.parseLong(r.get("selected_points")));
        m.put("open_at_end", Long.parseLong(r.get("open_at_end")));
        m.put("sparklines_drawn_at_end", Long.parseLong(r.get("sparklines_drawn")));
        m.put("timeline_shown", Boolean.parseBoolean(r.get("timeline_shown")));
        m.put("target_max_gap_ms", TARGET_MAX_GAP_MS);
        m.put("target_met", d(r, "gap_max_ms") < TARGET_MAX_GAP_MS);
        return m;
    }

    private static double d(Map<String, String> r, String key) {
        return Double.parseDouble(r.get(key));
    }
}
