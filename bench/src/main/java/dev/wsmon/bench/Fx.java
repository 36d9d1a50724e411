package dev.wsmon.bench;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import javafx.application.Platform;

/** The UI benchmark's way onto the FX thread, and its pacing. */
final class Fx {

    static final Duration ANSWER = Duration.ofSeconds(30);

    private Fx() {
    }

    /** Runs {@code work} on the FX thread and returns its result; IllegalStateException before the toolkit runs. */
    static <T> T call(Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Platform.runLater(task);
        try {
            return task.get(ANSWER.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        } catch (TimeoutException e) {
            throw new IllegalStateException("the FX thread did not answer within " + ANSWER.toSeconds() + " s", e);
        }
    }

    /** Holds for {@code d}: benchmark pacing, not synchronisation. */
    static void park(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        for (long left = d.toNanos(); left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
