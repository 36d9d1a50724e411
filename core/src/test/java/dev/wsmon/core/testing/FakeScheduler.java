package dev.wsmon.core.testing;

import dev.wsmon.core.MonotonicClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler on virtual time, for timer logic: nothing runs until the test calls {@link #advanceTo} or
 * {@link #runDue}, which run every task that is due, in time order, on the calling thread, with the clock
 * set to each task's due time. Tasks handed to {@code execute} are due at once. Not thread-safe: one test
 * thread drives it.
 */
public final class FakeScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    /** Far from zero, so that nothing passes by treating 0 as "the beginning" or "unknown". */
    public static final long START_NANOS = 5_000_000_000_000L;
    private static final long START_EPOCH_MILLIS = 1_750_000_000_000L;

    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>(
            Comparator.comparingLong((Task<?> t) -> t.dueAt).thenComparingLong(t -> t.order));
    private long now = START_NANOS;
    private long order;
    private boolean shutdown;

    /** The scheduler's time: monotonic nanoseconds, and a wall clock in milliseconds that follows them. */
    public MonotonicClock clock() {
        return new MonotonicClock() {
            @Override
            public long nanoTime() {
                return now;
            }

            @Override
            public long epochMillis() {
                return START_EPOCH_MILLIS + Math.floorDiv(now - START_NANOS, 1_000_000L);
            }
        };
    }

    public long now() {
        return now;
    }

    /** Runs every task due by {@code t}, each at its due time, then sets the clock to {@code t}. */
    public void advanceTo(long t) {
        if (t < now) {
            throw new IllegalArgumentException("virtual time does not go back: " + t + " < " + now);
        }
        Task<?> next;
        while ((next = queue.peek()) != null && next.dueAt <= t) {
            queue.poll();
            now = Math.max(now, next.dueAt);
            next.run();
        }
        now = t;
    }

    public void advance(Duration d) {
        advanceTo(now + d.toNanos());
    }

    /** Runs what is due now. */
    public void runDue() {
        advanceTo(now);
    }

    /** Due times of the timers (tasks given a delay) still waiting: neither run nor cancelled. */
    public List<Long> timers() {
        List<Long> due = new ArrayList<>();
        for (Task<?> t : queue) {
            if (t.timer) {
                due.add(t.dueAt);
            }
        }
        due.sort(Long::compare);
        return due;
    }

    @Override
    public void execute(Runnable command) {
        enqueue(new Task<>(() -> {
            command.run();
            return null;
        }, now, false));
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return enqueue(new Task<>(() -> {
            command.run();
            return null;
        }, now + Math.max(0, unit.toNanos(delay)), true));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return enqueue(new Task<>(callable, now + Math.max(0, unit.toNanos(delay)), true));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException("periodic tasks are not simulated");
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("periodic tasks are not simulated");
    }

    private <V> Task<V> enqueue(Task<V> task) {
        if (shutdown) {
            throw new RejectedExecutionException("scheduler is shut down");
        }
        queue.add(task);
        return task;
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = new ArrayList<>(queue);
        queue.clear();
        return left;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown && queue.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    private final class Task<V> implements ScheduledFuture<V>, Runnable {
        private final Callable<V> body;
        private final long dueAt;
        private final long order = FakeScheduler.this.order++;
        private final boolean timer;
        private boolean done;
        private boolean cancelled;
        private V result;

        Task(Callable<V> body, long dueAt, boolean timer) {
            this.body = body;
            this.dueAt = dueAt;
            this.timer = timer;
        }

        @Override
        public void run() {
            try {
                result = body.call();
            } catch (Exception e) {
                throw new IllegalStateException("a scheduled task failed", e);
            } finally {
                done = true;
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueAt - now, TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (done || cancelled) {
                return false;
            }
            cancelled = true;
            queue.remove(this);
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public V get() {
            if (!done) {
                throw new IllegalStateException("not run yet: virtual time must be advanced past " + dueAt);
            }
            return result;
        }

        @Override
        public V get(long timeout, TimeUnit unit) {
            return get();
        }
    }
}
