package dev.wsmon.app.alerting;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Writes failure lines on stderr at most once per period; the lines held back in between are counted in the next one.
 * An unreachable webhook must not flood the terminal or the journal with one line per alert and retry.
 */
final class RateLimitedReporter {

    private final PrintStream stderr;
    private final LongSupplier nanos;
    private final long periodNanos;
    private boolean reported;
    private long lastAt;
    private int held;

    RateLimitedReporter(PrintStream stderr, LongSupplier nanos, Duration period) {
        this.stderr = stderr;
        this.nanos = nanos;
        this.periodNanos = period.toNanos();
    }

    synchronized void report(String line) {
        long now = nanos.getAsLong();
        if (reported && now - lastAt < periodNanos) {
            held++;
            return;
        }
        reported = true;
        lastAt = now;
        String more = held == 0 ? "" : " (" + held + " more such failure" + (held == 1 ? "" : "s") + " since the last report)";
        held = 0;
        stderr.println("wsmon: " + line + more);
        stderr.flush();
    }
}
