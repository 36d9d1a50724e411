package dev.wsmon.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child JVM spoken to by lines: commands on its standard input, answers on its standard output (each
 * answer starts with a keyword). Standard error goes to a file under target/.
 */
final class ChildJvm implements AutoCloseable {

    private static final String EOF = "\u0000EOF";

    final String name;
    private final Process process;
    private final PrintWriter commands;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Path errFile;

    private ChildJvm(String name, Process process, Path errFile) {
        this.name = name;
        this.process = process;
        this.errFile = errFile;
        this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(this::pump, "bench-child-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code mainClass} on this JVM's class path. {@code shellPrefix}, if not empty, is run by
     * {@code sh -c} before exec'ing java (e.g. to lower a limit).
     */
    static ChildJvm start(String name, String shellPrefix, List<String> jvmArgs, Class<?> mainClass, List<String> args) {
        List<String> java = new ArrayList<>();
        java.add(Sys.javaBin());
        java.addAll(jvmArgs);
        java.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        java.add("-da:org.java_websocket...");
        java.add("-cp");
        java.add(System.getProperty("java.class.path"));
        java.add(mainClass.getName());
        java.addAll(args);
        List<String> command;
        if (shellPrefix.isEmpty()) {
            command = java;
        } else {
            StringBuilder sh = new StringBuilder(shellPrefix).append(" && exec");
            for (String a : java) {
                sh.append(" '").append(a.replace("'", "'\\''")).append('\'');
            }
            command = List.of("sh", "-c", sh.toString());
        }
        try {
            Path dir = Path.of("target", "bench-logs");
            Files.createDirectories(dir);
            Path err = dir.resolve(name + ".err");
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            return new ChildJvm(name, p, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start child JVM " + name, e);
        }
    }

    long pid() {
        return process.pid();
    }

    void send(String command) {
        commands.println(command);
    }

    /** Sends {@code command} and returns the first answer line starting with {@code keyword}. */
    String ask(String command, String keyword, Duration timeout) {
        send(command);
        return await(keyword, timeout);
    }

    /** The next line starting with {@code keyword}; other lines are echoed. Fails if the child ends or the deadline passes. */
    String await(String keyword, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line;
            try {
                line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + keyword + " from " + name, e);
            }
            if (line == null) {
                throw new IllegalStateException(name + ": no '" + keyword + "' within " + timeout.toSeconds() + " s" + errTail());
            }
            if (line.equals(EOF)) {
                lines.add(EOF);
                throw new IllegalStateException(name + " ended before '" + keyword + "'" + errTail());
            }
            if (line.startsWith(keyword)) {
                return line;
            }
            System.out.println("[" + name + "] " + line);
        }
    }

    /**
     * Holds for {@code d} (pacing a steady load), returning early with an error if the child ends meanwhile:
     * a deadline wait on the process itself.
     */
    void hold(Duration d) {
        try {
            process.onExit().get(d.toNanos(), TimeUnit.NANOSECONDS);
            throw new IllegalStateException(name + " exited with " + process.exitValue() + " during a steady window" + errTail());
        } catch (TimeoutException stillRunning) {
            // the expected outcome
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the child is gone
        } finally {
            lines.add(EOF);
        }
    }

    private String errTail() {
        try {
            List<String> all = Files.readAllLines(errFile);
            return all.isEmpty() ? "" : "; stderr: " + String.join(" | ", all.subList(Math.max(0, all.size() - 10), all.size()));
        } catch (IOException e) {
            return "";
        }
    }

    /** Asks the child to quit, then ends it by its own handle if it has not within 10 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        send("quit");
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
