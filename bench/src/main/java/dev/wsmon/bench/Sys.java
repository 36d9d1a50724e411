package dev.wsmon.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The machine, its load and a process's resources, read from /proc (Linux). */
final class Sys {

    private static final long CLK_TCK = clockTicks();

    private Sys() {
    }

    /** A process's resources at one moment. */
    record ProcSample(long nanos, long cpuTicks, long rssKb, int threads) {
        /** CPU used between two samples, in % of one core. */
        double cpuPercentSince(ProcSample earlier) {
            double cpuSeconds = (cpuTicks - earlier.cpuTicks) / (double) CLK_TCK;
            double wallSeconds = (nanos - earlier.nanos) / 1e9;
            return 100.0 * cpuSeconds / wallSeconds;
        }
    }

    static double loadAvg1() {
        return Double.parseDouble(read(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
    }

    static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("cpu", lineValue(Path.of("/proc/cpuinfo"), "model name").orElse("?"));
        long memKb = lineValue(Path.of("/proc/meminfo"), "MemTotal").map(v -> Long.parseLong(v.replace("kB", "").trim())).orElse(0L);
        m.put("ram_gib", Math.round(memKb / 1024.0 / 1024.0 * 10) / 10.0);
        m.put("kernel", read(Path.of("/proc/sys/kernel/osrelease")).trim());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")");
        m.put("clk_tck", CLK_TCK);
        return m;
    }

    static ProcSample sample(long pid) {
        long now = System.nanoTime();
        String stat = read(Path.of("/proc/" + pid + "/stat"));
        // Fields after the command name, which is in parentheses and may contain spaces; field 3 is index 0.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[14 - 3]) + Long.parseLong(f[15 - 3]);
        Path status = Path.of("/proc/" + pid + "/status");
        long rss = lineValue(status, "VmRSS").map(v -> Long.parseLong(v.replace("kB", "").trim())).orElse(0L);
        int threads = lineValue(status, "Threads").map(v -> Integer.parseInt(v.trim())).orElse(0);
        return new ProcSample(now, ticks, rss, threads);
    }

    /** Soft and hard "Max open files" of a process. */
    static long[] fdLimits(long pid) {
        for (String line : read(Path.of("/proc/" + pid + "/limits")).split("\n")) {
            if (line.startsWith("Max open files")) {
                String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                return new long[] {parseLimit(f[0]), parseLimit(f[1])};
            }
        }
        return new long[] {-1, -1};
    }

    static long openFds(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return fds.count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static long parseLimit(String s) {
        return "unlimited".equals(s) ? Long.MAX_VALUE : Long.parseLong(s);
    }

    static Optional<String> lineValue(Path file, String key) {
        for (String line : read(file).split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                return Optional.of(line.substring(colon + 1).trim());
            }
        }
        return Optional.empty();
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Runs a short command and returns its standard output, trimmed. */
    static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long clockTicks() {
        try {
            return Long.parseLong(run(List.of("getconf", "CLK_TCK")));
        } catch (RuntimeException e) {
            return 100;
        }
    }

    /**
     * CPU time of a process's JIT compiler threads ("C1 CompilerThre…", "C2 CompilerThre…" in
     * /proc/&lt;pid&gt;/task/*&#47;comm), from their schedstat: nanoseconds, not clock ticks.
     */
    static long jitCpuNanos(long pid) {
        long sum = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    if (Files.readString(t.resolve("comm"), StandardCharsets.US_ASCII).contains("CompilerThre")) {
                        sum += Long.parseLong(Files.readString(t.resolve("schedstat"), StandardCharsets.US_ASCII).trim().split(" ")[0]);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the threads of " + pid, e);
        }
        return sum;
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
