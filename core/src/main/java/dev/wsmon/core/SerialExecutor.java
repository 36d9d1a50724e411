package dev.wsmon.core;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one connection's tasks one at a time, in order, on a shared pool: a serial queue per connection
 * instead of a thread per connection (Java-WebSocket already spends two threads per connection). Once the
 * pool refuses work (the engine stopped), each task's fallback runs instead, so no caller waits forever.
 */
final class SerialExecutor implements Executor {

    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);
    private static final Runnable NOTHING = () -> { };

    private record Task(Runnable run, Runnable ifStopped) {
    }

    private final Queue<Task> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Executor pool;
    private final String name;

    SerialExecutor(Executor pool, String name) {
        this.pool = pool;
        this.name = name;
    }

    @Override
    public void execute(Runnable task) {
        execute(task, NOTHING);
    }

    /** Queues {@code task}; if the engine has stopped before it could run, runs {@code ifStopped} instead. */
    void execute(Runnable task, Runnable ifStopped) {
        tasks.add(new Task(task, ifStopped));
        schedule();
    }

    private void schedule() {
        if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
            try {
                pool.execute(this::drain);
            } catch (RejectedExecutionException e) {
                int dropped = refuseAll();
                scheduled.set(false);
                log.debug("{}: engine stopped, {} task(s) not run", name, dropped);
                if (!tasks.isEmpty()) {
                    schedule(); // added while refusing: refuse those too
                }
            }
        }
    }

    private int refuseAll() {
        int n = 0;
        Task task;
        while ((task = tasks.poll()) != null) {
            n++;
            try {
                task.ifStopped().run();
            } catch (RuntimeException e) {
                log.error("{}: fallback of a refused task failed", name, e);
            }
        }
        return n;
    }

    // The pool thread keeps its name: a rename per drain costs two strings and two prctl calls, twice per ping.
    private void drain() {
        try {
            Task task;
            while ((task = tasks.poll()) != null) {
                try {
                    task.run().run();
                } catch (RuntimeException e) {
                    log.error("{}: task failed", name, e);
                }
            }
        } finally {
            scheduled.set(false);
        }
        schedule(); // a task added between the last poll and the reset
    }
}
