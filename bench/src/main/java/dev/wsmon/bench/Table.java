package dev.wsmon.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The human summary of a results map, as Markdown tables (pasted into docs/benchmarks.md as is). */
final class Table {

    private Table() {
    }

    @SuppressWarnings("unchecked")
    static String render(Map<String, Object> r) {
        StringBuilder out = new StringBuilder();
        if (r.get("detection") instanceof Map<?, ?> d) {
            Map<String, Object> det = (Map<String, Object>) d;
            out.append("### 1. Detection (").append(det.get("trials")).append(" trials each, ")
                    .append(det.get("concurrency")).append(" at a time; load ").append(det.get("load_avg_1m_start"))
                    .append(" → ").append(det.get("load_avg_1m_end")).append(")\n\n");
            List<List<String>> rows = new ArrayList<>();
            rows.add(row(det, "wsmon_half_open", "half-open, wsmon: last pong → CLOSED"));
            rows.add(row(det, "baseline_half_open", "half-open, stock client (lost timer 1 s): last pong → onClose"));
            rows.add(row(det, "wsmon_close_silent_peer", "silent peer, wsmon: close() → CLOSED"));
            rows.add(row(det, "baseline_close_silent_peer_default_timer", "silent peer, stock client (default timer): close() → onClose"));
            rows.add(row(det, "baseline_close_silent_peer_timer_1s", "silent peer, stock client (lost timer 1 s): close() → onClose"));
            table(out, List.of("case", "p50 ms", "p99 ms", "max ms", "ended / trials", "target", "met"), rows);
            Map<String, Object> w = (Map<String, Object>) det.get("wsmon_half_open");
            Map<String, Object> b = (Map<String, Object>) det.get("baseline_half_open");
            Map<String, Object> wc = (Map<String, Object>) det.get("wsmon_close_silent_peer");
            Map<String, Object> bc = (Map<String, Object>) det.get("baseline_close_silent_peer_timer_1s");
            out.append("\nRatios (stock / wsmon): half-open p50 ").append(ratio(b, w, "p50_ms"))
                    .append(", max ").append(ratio(b, w, "max_ms"))
                    .append("; silent-peer close with lost timer 1 s p50 ").append(ratio(bc, wc, "p50_ms"))
                    .append(", max ").append(ratio(bc, wc, "max_ms")).append("\n\n");
        }
        if (r.get("rtt") instanceof Map<?, ?> t) {
            Map<String, Object> rtt = (Map<String, Object>) t;
            out.append("### 2. RTT accuracy (").append(rtt.get("pairs_per_delay")).append(" ping/echo pairs per delay; load ")
                    .append(rtt.get("load_avg_1m_start")).append(" → ").append(rtt.get("load_avg_1m_end")).append(")\n\n");
            List<List<String>> rows = new ArrayList<>();
            for (Map<String, Object> d : (List<Map<String, Object>>) rtt.get("delays")) {
                rows.add(Bench.cells(d.get("one_way_delay_ms"), d.get("truth_rtt_ms"), d.get("ping_rtt_median_ms"),
                        d.get("echo_rtt_median_ms"), d.get("median_error_vs_truth_ms"), d.get("median_abs_error_vs_echo_ms"),
                        d.get("p99_abs_error_vs_echo_ms"), "≤ 1 ms", yes(d.get("target_met"))));
            }
            table(out, List.of("delay each way ms", "truth ms", "wsmon ping RTT p50", "app echo p50", "ping − truth",
                    "abs(ping − echo) p50", "abs(ping − echo) p99", "target", "met"), rows);
            out.append('\n');
        }
        if (r.get("scale") instanceof Map<?, ?> s) {
            Map<String, Object> sc = (Map<String, Object>) s;
            out.append("### 3. Scale (1 s pings; warm-up until the client's JIT uses under ").append(sc.get("warmup_until_jit_below_pct"))
                    .append(" % of a core, ").append(sc.get("warmup_min_s")).append("–").append(sc.get("warmup_max_s")).append(" s; ")
                    .append(sc.get("window_s")).append(" s window; client JVM ").append(sc.get("child_jvm_args")).append(")\n\n");
            List<List<String>> rows = new ArrayList<>();
            for (Map<String, Object> x : (List<Map<String, Object>>) sc.get("runs")) {
                rows.add(Bench.cells(x.get("connections"), x.get("client"), x.get("open_all_ms"), x.get("rss_max_mb"),
                        x.get("heap_after_gc_mb"), x.get("warmup_s"), x.get("cpu_pct_one_core"), x.get("jit_cpu_pct_one_core"),
                        x.get("threads_max"), x.get("pongs_per_s"), x.get("events_per_s"),
                        x.get("open_at_end"), x.get("closes_in_window"),
                        x.get("load_avg_1m_start") + " → " + x.get("load_avg_1m_end")));
            }
            table(out, List.of("conns", "client", "open all ms", "RSS max MB", "heap after GC MB", "warm-up s", "CPU % of a core",
                    "of which JIT %", "threads max", "pongs/s",
                    "events/s", "open at end", "closes in window", "load 1m"), rows);
            if (sc.get("cpu_ratios") instanceof List<?> ratios) {
                out.append("\nCPU against the stock client (target ≤ ").append(sc.get("cpu_ratio_target")).append("×):\n\n");
                List<List<String>> crows = new ArrayList<>();
                for (Map<String, Object> x : (List<Map<String, Object>>) ratios) {
                    crows.add(Bench.cells(x.get("connections"), x.get("wsmon_cpu_pct"), x.get("baseline_cpu_pct"),
                            x.get("ratio"), yes(x.get("met"))));
                }
                table(out, List.of("conns", "wsmon CPU %", "stock CPU %", "wsmon / stock", "met"), crows);
            }
            for (Map.Entry<String, Object> e : sc.entrySet()) {
                if (e.getKey().startsWith("targets_at_")) {
                    out.append("\nTargets at ").append(e.getKey().substring("targets_at_".length())).append(" connections:\n\n");
                    List<List<String>> trows = new ArrayList<>();
                    for (Map.Entry<String, Object> v : ((Map<String, Object>) e.getValue()).entrySet()) {
                        Map<String, Object> m = (Map<String, Object>) v.getValue();
                        trows.add(Bench.cells(v.getKey(), m.get("wsmon"), m.get("limit"), yes(m.get("within_limit")),
                                m.get("baseline"), m.get("ratio_wsmon_to_baseline"), yes(m.get("no_worse_than_baseline"))));
                    }
                    table(out, List.of("measure", "wsmon", "limit", "within", "baseline", "wsmon / baseline", "no worse"), trows);
                }
            }
            out.append('\n');
        }
        if (r.get("ui") instanceof Map<?, ?> u) {
            Map<String, Object> ui = (Map<String, Object>) u;
            Map<String, Object> gap = (Map<String, Object>) ui.get("pulse_gap");
            Map<String, Object> steady = (Map<String, Object>) ui.get("pulse_gap_away_from_actions");
            out.append("### 4. UI responsiveness (desktop app, headless Monocle ").append(ui.get("scene")).append("; ")
                    .append(ui.get("connections")).append(" connections, 1 s pings, ").append(ui.get("history_points_selected"))
                    .append(" points of history on the chart at 1 h; ").append(ui.get("warmup_s")).append(" s warm-up, ")
                    .append(ui.get("window_s")).append(" s window, selection or chart window switched every ")
                    .append(ui.get("action_every_s")).append(" s; ").append(ui.get("sparklines_drawn_at_end"))
                    .append(" sparklines drawn, timeline ").append(Boolean.TRUE.equals(ui.get("timeline_shown")) ? "shown" : "NOT shown")
                    .append("; load ").append(ui.get("load_avg_1m_start")).append(" → ")
                    .append(ui.get("load_avg_1m_end")).append(")\n\n");
            table(out, List.of("pulses", "gap p50 ms", "gap p99 ms", "gap max ms", "max away from actions ms",
                    "max within 1 s of an action ms", "FX thread CPU %", "render thread CPU %", "process CPU %", "GC ms (longest)",
                    "target", "met"), List.of(Bench.cells(ui.get("pulses"), gap.get("p50_ms"), gap.get("p99_ms"), gap.get("max_ms"),
                    steady.get("max_ms"), ui.get("max_gap_after_actions_ms"), ui.get("fx_thread_cpu_pct"),
                    ui.get("render_thread_cpu_pct"), ui.get("process_cpu_pct_one_core"), ui.get("gc_ms") + " (" + ui.get("gc_longest_ms") + ")",
                    "max < " + ui.get("target_max_gap_ms") + " ms", yes(ui.get("target_met")))));
            out.append("\nNominal pulse gap ").append(Bench.f(ui.get("pulse_nominal_ms"))).append(" ms (")
                    .append(ui.get("pulse_nominal_note")).append(").\n\n");
        }
        if (r.get("memory_over_time") instanceof Map<?, ?> m) {
            Map<String, Object> soak = (Map<String, Object>) m;
            out.append("### 5. Memory over time (").append(soak.get("connections")).append(" connections, ")
                    .append(soak.get("minutes")).append(" min, sampled every ").append(soak.get("sample_every_s"))
                    .append(" s; load ").append(soak.get("load_avg_1m_start")).append(" → ").append(soak.get("load_avg_1m_end")).append(")\n\n");
            List<List<String>> rows = new ArrayList<>();
            for (String key : List.of("rss_trend", "heap_after_gc_trend")) {
                Map<String, Object> tr = (Map<String, Object>) soak.get(key);
                rows.add(Bench.cells(key.replace("_trend", ""), tr.get("from_t_s"), tr.get("first_mb"), tr.get("last_mb"),
                        tr.get("min_mb"), tr.get("max_mb"), tr.get("slope_mb_per_min"), tr.get("allowed_growth_mb"), yes(tr.get("flat"))));
            }
            table(out, List.of("series", "from t s", "first MB", "last MB", "min MB", "max MB", "slope MB/min",
                    "allowed growth MB", "flat"), rows);
            out.append('\n');
            if (soak.containsKey("pings_in_soak")) {
                Map<String, Object> cp = (Map<String, Object>) soak.get("client_pauses");
                Map<String, Object> sp = (Map<String, Object>) soak.get("server_pauses");
                out.append("Keepalive (pings every ").append(soak.get("ping_interval_ms")).append(" ms, timeout ")
                        .append(soak.get("ping_timeout_ms")).append(" ms):\n\n");
                table(out, List.of("pings", "keepalive timeouts", "server lost writes repaired", "client RTT > 1 s",
                        "client max RTT ms", "server pongs > 1 s", "longest safepoint client ms", "longest safepoint server ms"),
                        List.of(Bench.cells(soak.get("pings_in_soak"), soak.get("keepalive_timeouts"),
                                soak.get("server_lost_write_wakeups_repaired"), soak.get("client_rtt_over_1s"),
                                soak.get("client_max_rtt_ms"), soak.get("server_pongs_over_1s"),
                                cp.get("longest_safepoint_ms"), sp.get("longest_safepoint_ms"))));
                List<Map<String, Object>> timeouts = (List<Map<String, Object>>) soak.get("timeouts");
                if (!timeouts.isEmpty()) {
                    out.append('\n');
                    List<List<String>> trows = new ArrayList<>();
                    for (Map<String, Object> t : timeouts) {
                        trows.add(Bench.cells(t.get("connection"), t.get("ping_seq"), t.get("waited_ms"),
                                t.getOrDefault("server_read_ms", "—"), t.getOrDefault("server_pong_written_ms", "—"), t.get("verdict")));
                    }
                    table(out, List.of("connection", "ping", "waited ms", "server read ms", "server wrote pong ms", "verdict"), trows);
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static List<String> row(Map<String, Object> det, String key, String label) {
        Map<String, Object> m = (Map<String, Object>) det.get(key);
        Object target = m.containsKey("target_max_ms") ? "max ≤ " + m.get("target_max_ms") : "—";
        return Bench.cells(label, m.get("p50_ms"), m.get("p99_ms"), m.get("max_ms"),
                m.get("ended_within_cap") + " / " + m.get("trials"), target, m.containsKey("target_met") ? yes(m.get("target_met")) : "—");
    }

    private static String ratio(Map<String, Object> a, Map<String, Object> b, String key) {
        double x = ((Number) a.get(key)).doubleValue();
        double y = ((Number) b.get(key)).doubleValue();
        return Double.isNaN(x) || Double.isNaN(y) ? "—" : Bench.f(x / y) + "×";
    }

    private static String yes(Object v) {
        return Boolean.TRUE.equals(v) ? "yes" : Boolean.FALSE.equals(v) ? "**no**" : "—";
    }

    private static void table(StringBuilder out, List<String> head, List<List<String>> rows) {
        out.append("| ").append(String.join(" | ", head)).append(" |\n|");
        head.forEach(h -> out.append("---|"));
        out.append('\n');
        for (List<String> r : rows) {
            out.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
    }
}
