package dev.wsmon.app.alerting;

import dev.wsmon.core.event.AlertChanged;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code --alert-command} once per alert, in a shell, with the alert in {@code WSMON_*} environment variables.
 * One command at a time, on a thread of its own, at most {@link #CAPACITY} waiting; each may run
 * {@link #TIMEOUT} before it is killed. Its output (stdout and stderr, the first {@link #OUTPUT_CAP} bytes) goes to
 * wsmon's stderr, prefixed, never to stdout, where the JSON Lines are.
 */
public final class CommandHook implements AutoCloseable {

    static final int CAPACITY = 16;
    static final int OUTPUT_CAP = 4096;
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String command;
    private final Duration timeout;
    private final PrintStream stderr;
    private final RateLimitedReporter reporter;
    private final ThreadPoolExecutor thread;

    CommandHook(String command, Duration timeout, PrintStream stderr, RateLimitedReporter reporter) {
        this.command = command;
        this.timeout = timeout;
        this.stderr = stderr;
        this.reporter = reporter;
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(CAPACITY), r -> {
            Thread t = new Thread(r, "wsmon-alert-command");
            t.setDaemon(true);
            return t;
        }, (r, pool) -> reporter.report("alert command: " + CAPACITY + " runs are already waiting; an alert is dropped"));
    }

    /** Queues a run for the alert; returns at once. */
    public void offer(AlertChanged alert) {
        thread.execute(() -> run(alert));
    }

    /** The variables a run gets, beside wsmon's own environment. */
    public static Map<String, String> environment(AlertChanged e) {
        return Map.of(
                "WSMON_CONN", e.connection(),
                "WSMON_ALERT", e.firing() ? "firing" : "resolved",
                "WSMON_HEALTH", e.health().name(),
                "WSMON_REASONS", AlertText.reasonList(e),
                "WSMON_SINCE", Instant.ofEpochMilli(e.sinceMs()).toString(),
                "WSMON_SINCE_MS", Long.toString(e.sinceMs()),
                "WSMON_TS", Long.toString(e.ts()),
                "WSMON_TEXT", AlertText.sentence(e),
                "WSMON_JSON", AlertText.body(e).toString());
    }

    private void run(AlertChanged alert) {
        boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
        ProcessBuilder pb = new ProcessBuilder(windows ? List.of("cmd.exe", "/c", command) : List.of("/bin/sh", "-c", command))
                .redirectErrorStream(true);
        pb.environment().putAll(environment(alert));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            reporter.report("alert command could not start: " + e.getMessage());
            return;
        }
        try {
            p.getOutputStream().close(); // nothing to read: a command that reads stdin sees its end at once
            Thread reader = new Thread(() -> copyBounded(p.getInputStream(), alert), "wsmon-alert-command-output");
            reader.setDaemon(true);
            reader.start();
            if (!p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                reporter.report("alert command for " + alert.connection() + " still ran after "
                        + dev.wsmon.core.Durations.format(timeout) + "; killed");
                return;
            }
            reader.join(TimeUnit.SECONDS.toMillis(1));
            if (p.exitValue() != 0) {
                reporter.report("alert command for " + alert.connection() + " exited with status " + p.exitValue());
            }
        } catch (IOException e) {
            reporter.report("alert command: " + e.getMessage());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void copyBounded(InputStream in, AlertChanged alert) {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        long total = 0;
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                int room = (int) Math.max(0, OUTPUT_CAP - total);
                kept.write(buffer, 0, Math.min(room, n));
                total += n;
            }
        } catch (IOException e) {
            // the process was killed: show what came
        }
        String text = kept.toString(StandardCharsets.UTF_8).stripTrailing();
        if (!text.isEmpty()) {
            synchronized (stderr) {
                for (String line : text.split("\\R")) {
                    stderr.println("wsmon: alert command (" + alert.connection() + "): " + line);
                }
                if (total > OUTPUT_CAP) {
                    stderr.println("wsmon: alert command (" + alert.connection() + "): … " + (total - OUTPUT_CAP)
                            + " more bytes not shown");
                }
                stderr.flush();
            }
        }
    }

    /** Lets the run in progress finish within {@code grace}, then stops. */
    void close(Duration grace) {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(2));
    }
}
