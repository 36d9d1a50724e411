package dev.wsmon.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Benchmarks 3 and 5: N connections with 1 s pings from a client JVM to one echo-server JVM, wsmon and the
 * stock baseline one after the other against the same server; then wsmon alone for a long soak.
 * Everything about a client is read from outside, in /proc/&lt;pid&gt;, except counts of events and the heap
 * after a full GC, which the child reports.
 */
final class Scale {

    /**
     * Warm-up after all connections are open: at least {@link #WARMUP}, then until the client's JIT
     * compiler threads have used under {@link #JIT_QUIET} of a core over the last {@link #JIT_QUIET_OVER},
     * at most {@link #WARMUP_MAX}. At 100 connections the per-ping code reaches the C2 thresholds only
     * after a minute or two (a few thousand calls each) and compiles in bursts: a 10 s warm-up, or a
     * 10 s lull, measured compilation rather than the steady state (docs/benchmarks.md).
     */
    static final Duration WARMUP = Duration.ofSeconds(60);
    static final Duration WARMUP_MAX = Duration.ofSeconds(180);
    static final Duration JIT_QUIET_OVER = Duration.ofSeconds(30);
    static final double JIT_QUIET = 0.005;
    static final Duration WINDOW = Duration.ofSeconds(30);
    static final Duration WINDOW_SAMPLE = Duration.ofSeconds(5);
    static final Duration SOAK_SAMPLE = Duration.ofSeconds(15);
    static final Duration ANSWER = Duration.ofSeconds(60);

    static final long TARGET_RSS_MB = 512;
    static final double TARGET_CPU = 15.0;
    /** wsmon's CPU at most this multiple of the stock client's, at every size. */
    static final double TARGET_CPU_RATIO = 1.2;

    private final List<Integer> sizes;
    private final String childHeap;
    private final Duration warmupMax;

    Scale(List<Integer> sizes, String childHeap, Duration warmupMax) {
        this.sizes = sizes;
        this.childHeap = childHeap;
        this.warmupMax = warmupMax;
    }

    static String serverUri(String portLine) {
        return "ws://127.0.0.1:" + portLine.substring("PORT ".length()).trim() + "/";
    }

    Map<String, Object> run() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("load_avg_1m_start", Sys.loadAvg1());
        out.put("child_jvm_args", List.of(childHeap));
        out.put("server_jvm_args", List.of("-Xmx512m"));
        out.put("warmup_min_s", WARMUP.toSeconds());
        out.put("warmup_max_s", warmupMax.toSeconds());
        out.put("warmup_until_jit_below_pct", JIT_QUIET * 100);
        out.put("window_s", WINDOW.toSeconds());
        List<Map<String, Object>> rows = new ArrayList<>();
        ChildJvm server = ChildJvm.start("echo-server", "", List.of("-Xmx512m"), ScaleServer.class, List.of());
        try {
            String uri = serverUri(server.await("PORT", ANSWER));
            for (int n : sizes) {
                for (String kind : List.of("wsmon", "baseline")) {
                    rows.add(measure(kind, n, uri));
                }
            }
            out.put("server_after", parse(server.ask("stats", "STATS", ANSWER)));
            out.put("server_pid_fd_limits", limits(server.pid()));
        } finally {
            server.close();
        }
        out.put("runs", rows);
        out.put("cpu_ratio_target", TARGET_CPU_RATIO);
        List<Map<String, Object>> ratios = new ArrayList<>();
        for (int n : sizes) {
            double w = cpuOf(rows, "wsmon", n);
            double b = cpuOf(rows, "baseline", n);
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("connections", n);
            x.put("wsmon_cpu_pct", w);
            x.put("baseline_cpu_pct", b);
            x.put("ratio", w / b);
            x.put("met", w <= TARGET_CPU_RATIO * b);
            ratios.add(x);
        }
        out.put("cpu_ratios", ratios);
        int max = sizes.get(sizes.size() - 1);
        out.put("targets_at_" + max, targets(rows, max));
        out.put("load_avg_1m_end", Sys.loadAvg1());
        return out;
    }

    private Map<String, Object> measure(String kind, int n, String uri) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("client", kind);
        row.put("connections", n);
        row.put("load_avg_1m_start", Sys.loadAvg1());
        System.out.printf("scale: %s with %d connections...%n", kind, n);
        try (ChildJvm c = ChildJvm.start(kind + "-" + n, "", List.of(childHeap), ScaleClient.class,
                List.of(kind, Integer.toString(n), uri))) {
            Map<String, String> opened = parse(c.await("OPENED", ScaleClient.OPEN_ALL_TIMEOUT.plusSeconds(30)));
            row.put("open_all_ms", Long.parseLong(opened.get("ms")));
            row.put("all_opened", Boolean.parseBoolean(opened.get("all")));
            row.put("warmup_s", warmUp(c));
            long jit0 = Sys.jitCpuNanos(c.pid());
            Sys.ProcSample s0 = Sys.sample(c.pid());
            Map<String, String> st0 = parse(c.ask("stats", "STATS", ANSWER));
            long maxRss = s0.rssKb();
            int maxThreads = s0.threads();
            long deadline = System.nanoTime() + WINDOW.toNanos();
            while (deadline - System.nanoTime() > 0) {
                c.hold(Duration.ofNanos(Math.min(WINDOW_SAMPLE.toNanos(), deadline - System.nanoTime())));
                Sys.ProcSample s = Sys.sample(c.pid());
                maxRss = Math.max(maxRss, s.rssKb());
                maxThreads = Math.max(maxThreads, s.threads());
            }
            Sys.ProcSample s1 = Sys.sample(c.pid());
            Map<String, String> st1 = parse(c.ask("stats", "STATS", ANSWER));
            double seconds = (s1.nanos() - s0.nanos()) / 1e9;
            row.put("window_s", Math.round(seconds * 10) / 10.0);
            row.put("rss_mb", s1.rssKb() / 1024.0);
            row.put("rss_max_mb", maxRss / 1024.0);
            row.put("cpu_pct_one_core", s1.cpuPercentSince(s0));
            double jitPct = 100.0 * (Sys.jitCpuNanos(c.pid()) - jit0) / (s1.nanos() - s0.nanos());
            row.put("jit_cpu_pct_one_core", jitPct);
            row.put("threads", s1.threads());
            row.put("threads_max", maxThreads);
            row.put("pongs_per_s", (num(st1, "pongs") - num(st0, "pongs")) / seconds);
            row.put("events_per_s", kind.equals("wsmon") ? (num(st1, "events") - num(st0, "events")) / seconds
                    : (num(st1, "pongs") - num(st0, "pongs")) / seconds);
            row.put("closes_in_window", num(st1, "closes") - num(st0, "closes"));
            row.put("open_at_end", num(st1, "open"));
            row.put("close_causes_since_start", st1.getOrDefault("causes", "-"));
            row.put("heap_used_mb", num(st1, "heapUsed") / 1048576.0);
            row.put("heap_committed_mb", num(st1, "heapCommitted") / 1048576.0);
            // After the window, so the forced full GC stays out of the CPU figure.
            row.put("heap_after_gc_mb", num(parse(c.ask("gc", "GC", ANSWER)), "heapAfterGc") / 1048576.0);
            row.put("open_fds", Sys.openFds(c.pid()));
            row.put("fd_limits", limits(c.pid()));
        }
        row.put("load_avg_1m_end", Sys.loadAvg1());
        System.out.printf("scale: %s %d -> %s%n", kind, n, row);
        return row;
    }

    /** Holds until the client's JIT is quiet (see {@link #WARMUP}); returns the seconds it took. */
    private double warmUp(ChildJvm c) {
        long start = System.nanoTime();
        c.hold(WARMUP);
        long step = Duration.ofSeconds(1).toNanos();
        java.util.ArrayDeque<long[]> jit = new java.util.ArrayDeque<>(); // {nanos, jit cpu nanos}
        while (true) {
            long now = System.nanoTime();
            jit.addLast(new long[] {now, Sys.jitCpuNanos(c.pid())});
            while (now - jit.peekFirst()[0] > JIT_QUIET_OVER.toNanos()) {
                jit.removeFirst();
            }
            long[] first = jit.peekFirst();
            boolean covered = now - first[0] >= JIT_QUIET_OVER.toNanos() - step;
            if (covered && jit.peekLast()[1] - first[1] < JIT_QUIET * (now - first[0])) {
                break;
            }
            if (now - start > warmupMax.toNanos()) {
                break;
            }
            c.hold(Duration.ofNanos(step));
        }
        return Math.round((System.nanoTime() - start) / 1e8) / 10.0;
    }

    private static Map<String, Object> targets(List<Map<String, Object>> rows, int n) {
        Map<String, Object> w = rows.stream().filter(r -> r.get("client").equals("wsmon") && r.get("connections").equals(n)).findFirst().orElseThrow();
        Map<String, Object> b = rows.stream().filter(r -> r.get("client").equals("baseline") && r.get("connections").equals(n)).findFirst().orElseThrow();
        Map<String, Object> t = new LinkedHashMap<>();
        double rss = (double) w.get("rss_max_mb");
        double cpu = (double) w.get("cpu_pct_one_core");
        int threads = (int) w.get("threads_max");
        t.put("rss_max_mb", verdict(rss, TARGET_RSS_MB, (double) b.get("rss_max_mb")));
        t.put("cpu_pct_one_core", verdict(cpu, TARGET_CPU, (double) b.get("cpu_pct_one_core")));
        t.put("threads_max", verdict(threads, 2.0 * n + 50, (int) b.get("threads_max")));
        return t;
    }

    private static double cpuOf(List<Map<String, Object>> rows, String kind, int n) {
        return rows.stream().filter(r -> r.get("client").equals(kind) && r.get("connections").equals(n))
                .mapToDouble(r -> (double) r.get("cpu_pct_one_core")).findFirst().orElse(Double.NaN);
    }

    private static Map<String, Object> verdict(double wsmon, double limit, double baseline) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("wsmon", wsmon);
        v.put("limit", limit);
        v.put("baseline", baseline);
        v.put("ratio_wsmon_to_baseline", wsmon / baseline);
        v.put("within_limit", wsmon <= limit);
        v.put("no_worse_than_baseline", wsmon <= baseline);
        return v;
    }

    /**
     * Benchmark 5: one wsmon child with {@code n} connections pinging every {@code interval}, sampled every
     * 15 s for {@code minutes}: memory over time, and every keepalive timeout placed by the server's ping
     * trace (see {@link #attribute}). Both JVMs log GC pauses and safepoints to target/bench-logs/.
     */
    Map<String, Object> soak(int n, double minutes, Duration interval, boolean repairServer) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("load_avg_1m_start", Sys.loadAvg1());
        out.put("connections", n);
        out.put("minutes", minutes);
        out.put("ping_interval_ms", interval.toMillis());
        out.put("ping_timeout_ms", ScaleClient.PING_TIMEOUT.toMillis());
        out.put("sample_every_s", SOAK_SAMPLE.toSeconds());
        out.put("server_repairs_lost_write_wakeups", repairServer);
        List<String> clientArgs = List.of(childHeap, gcLog("soak-client"));
        List<String> serverArgs = List.of("-Xmx512m", gcLog("soak-server"));
        out.put("child_jvm_args", clientArgs);
        out.put("server_jvm_args", serverArgs);
        List<Map<String, Object>> samples = new ArrayList<>();
        List<Map<String, Object>> timeouts = new ArrayList<>();
        ChildJvm server = ChildJvm.start("soak-server", "", serverArgs, ScaleServer.class,
                repairServer ? List.of() : List.of("norepair"));
        long pongsBefore = 0;
        try (ChildJvm c = ChildJvm.start("soak-wsmon-" + n, "", clientArgs, ScaleClient.class,
                List.of("wsmon", Integer.toString(n), serverUri(server.await("PORT", ANSWER)), Long.toString(interval.toMillis())))) {
            Map<String, String> opened = parse(c.await("OPENED", ScaleClient.OPEN_ALL_TIMEOUT.plusSeconds(30)));
            out.put("open_all_ms", Long.parseLong(opened.get("ms")));
            long start = System.nanoTime();
            long end = start + (long) (minutes * 60e9);
            long next = start;
            Map<String, String> st = Map.of();
            while (true) {
                Sys.ProcSample s = Sys.sample(c.pid());
                st = parse(c.ask("stats", "STATS", ANSWER));
                if (samples.isEmpty()) {
                    pongsBefore = num(st, "pongs");
                }
                if (num(st, "timeouts") > timeouts.size()) {
                    // Asked at once: the server's trace keeps a connection's last 128 pings.
                    traceTimeouts(c, server, timeouts);
                }
                Map<String, String> gc = parse(c.ask("gc", "GC", ANSWER));
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("t_s", Math.round((s.nanos() - start) / 1e8) / 10.0);
                row.put("rss_mb", s.rssKb() / 1024.0);
                row.put("heap_after_gc_mb", num(gc, "heapAfterGc") / 1048576.0);
                row.put("non_heap_mb", num(gc, "nonHeap") / 1048576.0);
                row.put("threads", s.threads());
                row.put("open", num(st, "open"));
                row.put("pongs", num(st, "pongs"));
                row.put("closes", num(st, "closes"));
                row.put("keepalive_timeouts", num(st, "timeouts"));
                row.put("close_causes", st.getOrDefault("causes", "-"));
                row.put("load_avg_1m", Sys.loadAvg1());
                samples.add(row);
                System.out.printf("soak: %s%n", row);
                next += SOAK_SAMPLE.toNanos();
                if (next - end > 0) {
                    break;
                }
                c.hold(Duration.ofNanos(Math.max(0, next - System.nanoTime())));
            }
            long pongs = num(st, "pongs") - pongsBefore;
            out.put("pongs_in_soak", pongs);
            out.put("pings_in_soak", pongs + timeouts.size());
            out.put("keepalive_timeouts", timeouts.size());
            out.put("client_rtt_over_100ms", num(st, "rttOver100ms"));
            out.put("client_rtt_over_1s", num(st, "rttOver1s"));
            out.put("client_max_rtt_ms", num(st, "maxRttUs") / 1000.0);
            Map<String, String> ss = parse(server.ask("stats", "STATS", ANSWER));
            out.put("server_pongs_over_100ms", num(ss, "slowPongs100ms"));
            out.put("server_pongs_over_1s", num(ss, "slowPongs1s"));
            out.put("server_slowest_pong_ms", num(ss, "slowestPongUs") / 1000.0);
            out.put("server_stuck_pong_nudges", num(ss, "nudges"));
            out.put("server_lost_write_wakeups_repaired", num(ss, "repaired"));
            out.put("server_stuck_with_write_interest_cleared", num(ss, "writeInterestLost"));
        } finally {
            server.close();
        }
        out.put("timeouts", timeouts);
        out.put("client_pauses", Pauses.of(gcLogPath("soak-client")));
        out.put("server_pauses", Pauses.of(gcLogPath("soak-server")));
        out.put("samples", samples);
        out.put("rss_trend", trend(samples, "rss_mb", 0.05, 0));
        out.put("heap_after_gc_trend", trend(samples, "heap_after_gc_mb", 0.02, 2.0));
        out.put("threads_first_last", List.of(samples.get(0).get("threads"), samples.get(samples.size() - 1).get("threads")));
        out.put("load_avg_1m_end", Sys.loadAvg1());
        return out;
    }

    static java.nio.file.Path gcLogPath(String name) {
        return java.nio.file.Path.of("target", "bench-logs", name + "-gc.log");
    }

    /** GC pauses and every safepoint (time to reach it and time in it) with wall-clock stamps, to set beside a timeout. */
    private static String gcLog(String name) {
        return "-Xlog:gc,safepoint:file=" + gcLogPath(name) + ":time,uptime";
    }

    /** Fetches the timeouts not yet traced and the server's view of each connection concerned. */
    private static void traceTimeouts(ChildJvm client, ChildJvm server, List<Map<String, Object>> traced) {
        String all = client.ask("timeouts", "TIMEOUTS", ANSWER).substring("TIMEOUTS ".length()).trim();
        if (all.equals("-")) {
            return;
        }
        String[] entries = all.split(",");
        for (int i = traced.size(); i < entries.length; i++) {
            String[] f = entries[i].split(":");
            String conn = f[0];
            String trace = server.ask("trace /" + conn, "TRACE", ANSWER);
            traced.add(attribute(conn, Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                    Long.parseLong(f[4]), Long.parseLong(f[5]), trace));
            System.out.printf("soak: keepalive timeout %s%n", traced.get(traced.size() - 1));
        }
    }

    /**
     * Places one keepalive timeout: where its ping got to, by the server's trace. All times are
     * CLOCK_MONOTONIC (System.nanoTime in both JVMs) and given in ms after the client sent the ping.
     */
    static Map<String, Object> attribute(String conn, long seq, long closedAt, long waitedMs, long lastPongSeq,
                                         long lastPongAt, String traceLine) {
        Map<String, Object> m = new LinkedHashMap<>();
        long sentAt = closedAt - waitedMs * 1_000_000L;
        m.put("connection", conn);
        m.put("ping_seq", seq);
        m.put("waited_ms", waitedMs);
        m.put("previous_pong_seq", lastPongSeq);
        m.put("previous_pong_ms_before_ping", lastPongAt == 0 ? null : (sentAt - lastPongAt) / 1e6);
        String pings = parse(traceLine).getOrDefault("pings", "-");
        long[] hit = null;
        long[] lastBefore = null;
        if (!pings.equals("-") && !pings.isEmpty()) {
            for (String p : pings.split(",")) {
                String[] t = p.split(":");
                long[] e = {Long.parseLong(t[0]), Long.parseLong(t[1]), Long.parseLong(t[2]), Long.parseLong(t[3])};
                if (e[0] == seq) {
                    hit = e;
                } else if (e[0] < seq) {
                    lastBefore = e;
                }
            }
        }
        if (lastBefore != null) {
            m.put("server_previous_seq", lastBefore[0]);
            m.put("server_previous_pong_written_ms", lastBefore[3] == 0 ? null : (lastBefore[3] - sentAt) / 1e6);
        }
        String verdict;
        if (hit == null) {
            verdict = "server never decoded this ping: not written by the client, or not read by the server";
        } else {
            m.put("server_read_ms", (hit[1] - sentAt) / 1e6);
            m.put("server_decoded_ms", (hit[2] - sentAt) / 1e6);
            m.put("server_pong_written_ms", hit[3] == 0 ? null : (hit[3] - sentAt) / 1e6);
            if (hit[1] - sentAt > waitedMs * 1_000_000L) {
                verdict = "server read the ping only after the ping timeout";
            } else if (hit[3] == 0) {
                verdict = "server decoded the ping but never wrote its pong";
            } else if (hit[3] - sentAt > waitedMs * 1_000_000L) {
                verdict = "server wrote the pong after the ping timeout";
            } else {
                verdict = "server wrote the pong in time: late or lost on the client's side";
            }
        }
        m.put("verdict", verdict);
        return m;
    }

    /**
     * Least-squares slope of {@code key} over the samples from t ≥ 60 s (the first minute is warm-up), and
     * whether the growth over that span stays within {@code relative} of the mean or {@code absoluteMb}.
     */
    static Map<String, Object> trend(List<Map<String, Object>> samples, String key, double relative, double absoluteMb) {
        List<double[]> pts = new ArrayList<>();
        for (Map<String, Object> s : samples) {
            double t = ((Number) s.get("t_s")).doubleValue();
            if (t >= 60 || samples.size() < 8) {
                pts.add(new double[] {t, ((Number) s.get(key)).doubleValue()});
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        if (pts.size() < 2) {
            m.put("flat", null);
            return m;
        }
        double mt = pts.stream().mapToDouble(p -> p[0]).average().orElse(0);
        double mv = pts.stream().mapToDouble(p -> p[1]).average().orElse(0);
        double num = 0;
        double den = 0;
        for (double[] p : pts) {
            num += (p[0] - mt) * (p[1] - mv);
            den += (p[0] - mt) * (p[0] - mt);
        }
        double slopePerS = den == 0 ? 0 : num / den;
        double span = pts.get(pts.size() - 1)[0] - pts.get(0)[0];
        double growth = slopePerS * span;
        double allowed = Math.max(relative * mv, absoluteMb);
        m.put("from_t_s", pts.get(0)[0]);
        m.put("first_mb", pts.get(0)[1]);
        m.put("last_mb", pts.get(pts.size() - 1)[1]);
        m.put("min_mb", pts.stream().mapToDouble(p -> p[1]).min().orElse(0));
        m.put("max_mb", pts.stream().mapToDouble(p -> p[1]).max().orElse(0));
        m.put("slope_mb_per_min", slopePerS * 60);
        m.put("fitted_growth_mb", growth);
        m.put("allowed_growth_mb", allowed);
        m.put("flat", Math.abs(growth) <= allowed);
        return m;
    }

    static Map<String, Object> limits(long pid) {
        long[] l = Sys.fdLimits(pid);
        return Map.of("soft", l[0], "hard", l[1]);
    }

    static Map<String, String> parse(String line) {
        Map<String, String> m = new HashMap<>();
        for (String part : line.split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                m.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return m;
    }

    static long num(Map<String, String> m, String key) {
        String v = m.get(key);
        return v == null ? 0 : Long.parseLong(v);
    }
}
