package dev.wsmon.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Captures standard error and uncaught exceptions while a fault is injected, so a test can prove that a
 * network condition produced no stack trace and no exception anywhere (failure mode: crash on reset).
 */
public final class QuietConsole implements AutoCloseable {

    private final PrintStream originalErr = System.err;
    private final Thread.UncaughtExceptionHandler originalHandler = Thread.getDefaultUncaughtExceptionHandler();
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();

    public QuietConsole() {
        PrintStream tee = new PrintStream(captured, true, StandardCharsets.UTF_8) {
            @Override
            public void write(byte[] buf, int off, int len) {
                super.write(buf, off, len);
                originalErr.write(buf, off, len);
            }
        };
        System.setErr(tee);
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
    }

    /** Lines that look like a stack trace or an exception report. */
    public List<String> stackTraceLines() {
        String text;
        synchronized (captured) {
            text = captured.toString(StandardCharsets.UTF_8);
        }
        return text.lines().filter(l -> l.startsWith("\tat ") || l.contains("Exception") || l.contains("Error:")).toList();
    }

    public List<Throwable> uncaught() {
        return List.copyOf(uncaught);
    }

    @Override
    public void close() {
        System.setErr(originalErr);
        Thread.setDefaultUncaughtExceptionHandler(originalHandler);
    }
}
