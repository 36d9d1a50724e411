package dev.wsmon.app.headless;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The real application in a child JVM ({@code java -cp <test class path> dev.wsmon.app.Launcher ...}), with
 * its stdout and stderr collected line by line. Tests synchronise by waiting for lines with a deadline.
 */
public final class AppProcess implements AutoCloseable {

    /** A generous bound for "promptly" on a busy 2-core machine, JVM start included. */
    static final Duration PROMPT = Duration.ofSeconds(8);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final List<String> out = new ArrayList<>(); // guarded by this
    private final List<String> err = new ArrayList<>(); // guarded by this
    private int cursor; // next stdout line awaitEvent looks at; guarded by this
    private final CountDownLatch ended = new CountDownLatch(2); // one count per output stream at its EOF
    private final OutputStream stdin;
    /** While set and not counted down, stdout is not read: a stalled reader. */
    private volatile CountDownLatch stdoutHold;

    private AppProcess(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        collect(process.getInputStream(), out, "stdout");
        collect(process.getErrorStream(), err, "stderr");
    }

    static AppProcess start(String... args) {
        return start(Map.of(), args);
    }

    static AppProcess start(Map<String, String> env, String... args) {
        return start(env, List.of(), args);
    }

    /** The launcher in a child JVM with extra JVM arguments, e.g. system properties for headless Monocle. */
    public static AppProcess start(Map<String, String> env, List<String> jvmArgs, String... args) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java,
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto")); // start fast: these runs are short
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.wsmon.app.Launcher"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        // A proxy set on the developer's machine must not route the tests' loopback connections
        for (String v : List.of("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY",
                "no_proxy", "NO_PROXY")) {
            pb.environment().remove(v);
        }
        pb.environment().putAll(env);
        try {
            return new AppProcess(pb.start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
    }

    private void collect(InputStream stream, List<String> lines, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = readUnlessHeld(r, name)) != null) {
                    synchronized (this) {
                        lines.add(line);
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process ended
            } finally {
                ended.countDown();
                synchronized (this) {
                    notifyAll();
                }
            }
        }, "app-" + name);
        t.setDaemon(true);
        t.start();
    }

    private String readUnlessHeld(BufferedReader r, String name) throws IOException {
        CountDownLatch hold = stdoutHold;
        if (hold != null && name.equals("stdout")) {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return r.readLine();
    }

    /** Stops reading stdout (after at most the line being read): the child's writes block once the pipe is full. */
    void holdStdout() {
        stdoutHold = new CountDownLatch(1);
    }

    /** Reads stdout again. */
    void releaseStdout() {
        CountDownLatch hold = stdoutHold;
        if (hold != null) {
            hold.countDown();
        }
    }

    /** The child's process id, e.g. for jcmd. */
    long pid() {
        return process.pid();
    }

    /**
     * Waits for the next stdout event (after the previous match) satisfying {@code match}; every line passed
     * over must be JSON as well.
     */
    synchronized JsonNode awaitEvent(String what, Predicate<JsonNode> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            while (cursor < out.size()) {
                JsonNode event = parse(out.get(cursor++));
                if (match.test(event)) {
                    return event;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || (!process.isAlive() && drained())) {
                return fail("no " + what + " within " + timeout.toMillis() + " ms (alive: " + process.isAlive()
                        + ")\nstdout:\n" + String.join("\n", out) + "\nstderr:\n" + String.join("\n", err));
            }
            waitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
        }
    }

    /** Waits until the stdout events so far (all of them, in order) satisfy {@code condition}. */
    synchronized List<JsonNode> awaitEvents(String what, Predicate<List<JsonNode>> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<JsonNode> events = events();
            if (condition.test(events)) {
                return events;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || (!process.isAlive() && drained())) {
                return fail("no " + what + " within " + timeout.toMillis() + " ms (alive: " + process.isAlive()
                        + ")\nstdout:\n" + String.join("\n", out) + "\nstderr:\n" + String.join("\n", err));
            }
            waitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
        }
    }

    JsonNode awaitEvent(String what, Predicate<JsonNode> match) {
        return awaitEvent(what, match, PROMPT);
    }

    /** Waits for a stderr line containing {@code text}. */
    synchronized String awaitStderr(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : err) {
                if (line.contains(text)) {
                    return line;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || !process.isAlive()) {
                return fail("no stderr line with '" + text + "' within " + timeout.toMillis() + " ms\nstderr:\n"
                        + String.join("\n", err));
            }
            waitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
        }
    }

    /** Waits for the process to end and its output to be read; returns the exit status. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                fail("still running after " + timeout.toMillis() + " ms\nstdout:\n" + stdout() + "\nstderr:\n" + stderr());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
        try {
            if (!ended.await(5, TimeUnit.SECONDS)) {
                fail("output streams still open after the process ended");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
        return process.exitValue();
    }

    /** Whether both output streams reached their end (the reader threads have seen EOF). */
    private boolean drained() {
        return ended.getCount() == 0;
    }

    void send(String line) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            fail("cannot write to the app's stdin", e);
        }
    }

    /** Writes raw bytes to the app's stdin (no newline added). */
    void write(byte[] bytes) {
        try {
            stdin.write(bytes);
        } catch (IOException e) {
            fail("cannot write to the app's stdin", e);
        }
    }

    void closeStdin() {
        try {
            stdin.close();
        } catch (IOException e) {
            // already gone
        }
    }

    /**
     * SIGTERM. Through the process handle: {@link Process#destroy()} sends the same signal but also closes our
     * ends of the child's pipes, so the lines it prints while shutting down would be lost.
     */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** SIGINT, as Ctrl-C sends it. */
    void interrupt() {
        signal("INT");
    }

    /** SIGHUP, as a closed terminal sends it. */
    public void hangup() {
        signal("HUP");
    }

    /** Sends the named signal with kill(1) and waits for kill to return. */
    void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            fail("cannot run kill", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    synchronized List<String> stdoutLines() {
        return List.copyOf(out);
    }

    /** Every stdout line, each parsed (a line that is not JSON fails the test). */
    synchronized List<JsonNode> events() {
        return out.stream().map(AppProcess::parse).toList();
    }

    public synchronized String stdout() {
        return String.join("\n", out);
    }

    synchronized List<String> stderrLines() {
        return List.copyOf(err);
    }

    public synchronized String stderr() {
        return String.join("\n", err);
    }

    private void waitNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.timedWait(this, Math.max(1, nanos));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    static JsonNode parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            if (node == null || !node.isObject()) {
                return fail("stdout line is not a JSON object: " + line);
            }
            return node;
        } catch (JsonProcessingException e) {
            return fail("stdout line is not JSON: " + line);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // ------------------------------------------------------------------------------------ predicates

    static Predicate<JsonNode> type(String type) {
        return e -> type.equals(e.path("type").asText());
    }

    static Predicate<JsonNode> state(String state) {
        return e -> "state".equals(e.path("type").asText()) && state.equals(e.path("state").asText());
    }
}
