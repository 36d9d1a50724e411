package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** The per-ping path of the serial queue: what it costs the engine's threads (docs/benchmarks.md, CPU). */
class SerialExecutorHotPathTest {

    /** Runs hand-overs later, on demand, on the test's thread. */
    private static final class ManualPool implements Executor {
        final List<Runnable> pending = new ArrayList<>();

        @Override
        public void execute(Runnable command) {
            pending.add(command);
        }

        void runAll() {
            while (!pending.isEmpty()) {
                pending.remove(0).run();
            }
        }
    }

    @Test
    void drainingLeavesThePoolThreadsNameAlone() {
        ManualPool pool = new ManualPool();
        SerialExecutor queue = new SerialExecutor(pool, "conn a");
        String before = Thread.currentThread().getName();
        List<String> seen = new ArrayList<>();

        queue.execute(() -> seen.add(Thread.currentThread().getName()));
        pool.runAll();

        // A rename costs two strings and two system calls per batch of tasks, twice per ping.
        assertThat(seen).containsExactly(before);
        assertThat(Thread.currentThread().getName()).isEqualTo(before);
    }
}
