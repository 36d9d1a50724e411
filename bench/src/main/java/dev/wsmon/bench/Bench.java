package dev.wsmon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs the benchmarks of docs/benchmarks.md, wsmon and its baseline in the same run, writes the results
 * as JSON and prints a table. Run by {@code mvn -B -Pbench verify}; not a test.
 *
 * <p>Arguments: {@code --size=full|quick}, {@code --soak-minutes=M}, {@code --soak-connections=N},
 * {@code --soak-interval-ms=I} (N connections at I ms pings for M minutes: 1000 at 500 ms for 10 minutes is
 * 1.2 million pings), {@code --soak-server-repair=false} (leave the echo server's lost write wake-ups
 * unrepaired, to see them as keepalive timeouts), {@code --scale-sizes=100,1000} (connection counts of the
 * scale benchmark, ascending; the last one is checked against the targets), {@code --child-heap=-Xmx256m},
 * {@code --out=path}, {@code --only=detection,rtt,scale,ui,soak}, {@code --ui-jfr=true} (a flight recording of the UI
 * child in target/bench-logs/ui.jfr).
 */
public final class Bench {

    /** The desktop child holds 100 connections with an hour of chart history each, plus the toolkit. */
    static final String UI_HEAP = "-Xmx512m";

    private Bench() {
    }

    public static void main(String[] argv) throws IOException {
        Map<String, String> args = new LinkedHashMap<>();
        for (String a : argv) {
            if (a.startsWith("--") && a.contains("=")) {
                args.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            }
        }
        boolean quick = "quick".equals(args.getOrDefault("size", "full"));
        String minutesArg = args.getOrDefault("soak-minutes", "");
        double soakMinutes = !minutesArg.isBlank() && !minutesArg.startsWith("${") ? Double.parseDouble(minutesArg) : quick ? 0.5 : 10;
        String childHeap = args.getOrDefault("child-heap", "-Xmx256m");
        Path out = Path.of(args.getOrDefault("out", "results/latest.json"));
        String only = args.getOrDefault("only", "all");
        Set<String> sections = only.isBlank() || only.equals("all") || only.startsWith("${")
                ? Set.of("detection", "rtt", "scale", "ui", "soak") : Set.of(only.split(","));
        boolean uiJfr = Boolean.parseBoolean(args.getOrDefault("ui-jfr", "false"));
        int trials = quick ? 4 : 50;
        int concurrency = quick ? 4 : 10;
        int pairs = quick ? 5 : 30;
        String sizesArg = args.getOrDefault("scale-sizes", "");
        List<Integer> sizes = !sizesArg.isBlank() && !sizesArg.startsWith("${")
                ? Arrays.stream(sizesArg.split(",")).map(String::trim).map(Integer::parseInt).toList()
                : quick ? List.of(10, 50) : List.of(100, 500, 1000);
        int soakConnections = intArg(args, "soak-connections", quick ? 50 : 1000);
        Duration soakInterval = Duration.ofMillis(intArg(args, "soak-interval-ms", 500));

        Map<String, Object> results = new LinkedHashMap<>();
        results.put("started_at", Instant.now().toString());
        results.put("command", "mvn -B -Pbench verify" + (quick ? " -Dbench.size=quick" : ""));
        results.put("size", quick ? "quick" : "full");
        results.put("machine", Sys.machine());
        results.put("orchestrator_jvm_args", ManagementArgs.get());
        results.put("file_descriptors", fdCheck());
        write(out, results);

        if (sections.contains("detection")) {
            System.out.println("detection: " + trials + " trials per case, " + concurrency + " at a time...");
            results.put("detection", new Detection(trials, concurrency).run());
            write(out, results);
        }
        if (sections.contains("rtt")) {
            System.out.println("rtt: " + pairs + " ping/echo pairs per delay...");
            results.put("rtt", new RttAccuracy(pairs).run());
            write(out, results);
        }
        Scale scale = new Scale(sizes, childHeap, quick ? Duration.ofSeconds(30) : Scale.WARMUP_MAX);
        if (sections.contains("scale")) {
            results.put("scale", scale.run());
            write(out, results);
        }
        if (sections.contains("ui")) {
            results.put("ui", new UiResponsiveness(quick, UI_HEAP, uiJfr).run());
            write(out, results);
        }
        if (sections.contains("soak")) {
            System.out.println("soak: " + soakConnections + " connections, pings every " + soakInterval.toMillis() + " ms, for "
                    + soakMinutes + " min...");
            results.put("memory_over_time", scale.soak(soakConnections, soakMinutes, soakInterval,
                    !"false".equals(args.getOrDefault("soak-server-repair", "true"))));
            write(out, results);
        }
        results.put("finished_at", Instant.now().toString());
        write(out, results);
        System.out.println();
        System.out.println(Table.render(results));
        System.out.println("results: " + out.toAbsolutePath());
    }

    /** An integer argument; a Maven property left unset arrives as its own {@code ${name}}, which means the default. */
    private static int intArg(Map<String, String> args, String name, int fallback) {
        String v = args.get(name);
        if (v == null || v.isBlank() || v.startsWith("${")) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + v + "'");
        }
    }

    /** Whether the JVM raises its soft descriptor limit: a child started with the soft limit lowered to 1024. */
    private static Map<String, Object> fdCheck() {
        Map<String, Object> m = new LinkedHashMap<>();
        long[] own = Sys.fdLimits(ProcessHandle.current().pid());
        m.put("this_jvm_soft", own[0]);
        m.put("this_jvm_hard", own[1]);
        m.put("shell_ulimit_soft_then_hard", Sys.run(List.of("sh", "-c", "ulimit -Sn; ulimit -Hn")).replace('\n', ' '));
        try (ChildJvm probe = ChildJvm.start("fd-probe", "ulimit -Sn 1024", List.of("-Xmx32m"), FdProbe.class, List.of())) {
            Map<String, String> r = Scale.parse(probe.await("FD", Scale.ANSWER));
            m.put("child_started_with_soft_1024_sees_soft", Long.parseLong(r.get("soft")));
            m.put("child_hard", Long.parseLong(r.get("hard")));
            m.put("jvm_raises_soft_to_hard", Long.parseLong(r.get("soft")) == Long.parseLong(r.get("hard")));
        }
        try (ChildJvm probe = ChildJvm.start("fd-probe-nomax", "ulimit -Sn 1024", List.of("-Xmx32m", "-XX:-MaxFDLimit"), FdProbe.class, List.of())) {
            Map<String, String> r = Scale.parse(probe.await("FD", Scale.ANSWER));
            m.put("with_XX_minus_MaxFDLimit_soft", Long.parseLong(r.get("soft")));
        }
        return m;
    }

    private static void write(Path out, Map<String, Object> results) throws IOException {
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        Files.writeString(tmp, Json.write(results));
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The JVM arguments of this process. */
    static final class ManagementArgs {
        static List<String> get() {
            return new ArrayList<>(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        }
    }

    static String f(Object v) {
        if (v == null) {
            return "—";
        }
        if (v instanceof Double d) {
            return Double.isNaN(d) ? "—" : String.format(Locale.ROOT, d >= 100 ? "%.0f" : d >= 10 ? "%.1f" : "%.2f", d);
        }
        return String.valueOf(v);
    }

    static List<String> cells(Object... v) {
        return Arrays.stream(v).map(Bench::f).toList();
    }
}
