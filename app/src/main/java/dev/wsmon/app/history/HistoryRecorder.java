package dev.wsmon.app.history;

import dev.wsmon.core.event.ConnectionEvent;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Records a monitor's events into the history database. {@link #accept} runs on the engine's threads and only offers
 * the event to a bounded queue: it never blocks and never touches the file. One writer thread of its own opens the
 * database, writes what queued up in one transaction every {@link HistoryOptions#flushEvery()}, and prunes what is
 * older than {@link HistoryOptions#keep()} at start and every {@link HistoryOptions#pruneEvery()}.
 *
 * <p>When the queue is full the newest events are dropped and counted, and a warning names how many, at most once a
 * minute. When the database cannot be opened (unwritable directory, locked by another process, not a database) or a
 * write fails, one warning says so and the recorder turns itself off: the app runs on without history.
 */
public final class HistoryRecorder implements Consumer<ConnectionEvent>, AutoCloseable {

    /** What one transaction takes from the queue at most, so that a backlog is written in bounded steps. */
    static final int MAX_BATCH = 20_000;
    static final long DROP_WARNING_EVERY_MS = 60_000;

    public enum Status { STARTING, RECORDING, OFF }

    private final Path file;
    private final HistoryOptions options;
    private final LongSupplier clock;
    private final Consumer<String> warnings;
    private final BlockingQueue<Object> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread writer;
    private final HistoryRows rows = new HistoryRows();
    private volatile Status status = Status.STARTING;
    /** Written rows since start, for tests and benchmarks; written by the writer thread only. */
    private final AtomicLong written = new AtomicLong();
    // the writer thread's own
    private long droppedWarned;
    private long lastDropWarning = Long.MIN_VALUE;
    private long nextPrune;

    private record Flush(CompletableFuture<Void> done) {
    }

    private HistoryRecorder(Path file, HistoryOptions options, LongSupplier clock, Consumer<String> warnings) {
        this.file = Objects.requireNonNull(file, "file");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.warnings = Objects.requireNonNull(warnings, "warnings");
        this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
        this.writer = new Thread(this::run, "wsmon-history-writer");
        writer.setDaemon(true); // close() flushes on a clean exit; a kill loses at most the last flush interval
    }

    /**
     * Starts recording into {@code file}; opening happens on the writer thread, so a slow or locked file never holds
     * up the caller.
     *
     * @param clock wall-clock epoch milliseconds, for pruning
     * @param warnings told once, from the writer thread, why history is off or what it dropped
     */
    public static HistoryRecorder start(Path file, HistoryOptions options, LongSupplier clock, Consumer<String> warnings) {
        HistoryRecorder r = new HistoryRecorder(file, options, clock, warnings);
        r.writer.start();
        return r;
    }

    /** Offers the event to the writer; never blocks. */
    @Override
    public void accept(ConnectionEvent event) {
        if (status == Status.OFF) {
            return;
        }
        if (!queue.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    public Status status() {
        return status;
    }

    public Path file() {
        return file;
    }

    /** Events dropped because the queue was full, since start. */
    public long dropped() {
        return dropped.get();
    }

    /** Rows (samples and events) written since start. */
    public long written() {
        return written.get();
    }

    /**
     * Completes when everything offered before this call is written (or history is off). Waits for room in the
     * queue if it is full, so call it off the engine's threads.
     */
    public CompletableFuture<Void> flush() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (status == Status.OFF) {
            done.complete(null);
            return done;
        }
        try {
            if (!queue.offer(new Flush(done), 5, TimeUnit.SECONDS)) {
                done.complete(null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done.complete(null);
        }
        if (status == Status.OFF) {
            done.complete(null);
        }
        return done;
    }

    /** Writes what is queued and closes the file; waits at most {@code timeoutMillis}. */
    public void close(long timeoutMillis) {
        closing.countDown();
        try {
            writer.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(5_000);
    }

    // ------------------------------------------------------------------ the writer thread

    private void run() {
        HistoryDatabase db;
        try {
            db = HistoryDatabase.openForWriting(file);
        } catch (SQLException | RuntimeException e) {
            off("history is off: cannot open " + file + " (" + reason(e) + "); wsmon runs on without history");
            return;
        }
        status = Status.RECORDING;
        try (db) {
            prune(db);
            List<Object> batch = new ArrayList<>();
            boolean last = false;
            while (!last) {
                try {
                    last = closing.await(options.flushEvery().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    last = true;
                }
                do {
                    batch.clear();
                    queue.drainTo(batch, MAX_BATCH);
                    write(db, batch);
                } while (batch.size() == MAX_BATCH);
                warnDropped();
                if (clock.getAsLong() >= nextPrune) {
                    prune(db);
                }
            }
        } catch (SQLException | RuntimeException e) {
            off("history stopped recording: writing " + file + " failed (" + reason(e) + "); wsmon runs on without history");
        }
    }

    private void write(HistoryDatabase db, List<Object> batch) throws SQLException {
        List<Sample> samples = new ArrayList<>();
        List<StoredEvent> events = new ArrayList<>();
        List<Flush> flushes = new ArrayList<>();
        for (Object o : batch) {
            if (o instanceof Flush f) {
                flushes.add(f);
            } else if (o instanceof ConnectionEvent e) {
                HistoryRows.Row row = rows.of(e);
                if (row instanceof HistoryRows.SampleRow s) {
                    samples.add(s.sample());
                } else if (row instanceof HistoryRows.EventRow ev) {
                    events.add(ev.event());
                }
            }
        }
        if (!samples.isEmpty() || !events.isEmpty()) {
            db.write(samples, events);
            written.addAndGet(samples.size() + events.size());
        }
        flushes.forEach(f -> f.done().complete(null));
    }

    private void prune(HistoryDatabase db) throws SQLException {
        long now = clock.getAsLong();
        db.prune(now - options.keep().toMillis());
        nextPrune = now + options.pruneEvery().toMillis();
    }

    private void warnDropped() {
        long n = dropped.get();
        long now = clock.getAsLong();
        if (n > droppedWarned && (lastDropWarning == Long.MIN_VALUE || now - lastDropWarning >= DROP_WARNING_EVERY_MS)) {
            warnings.accept("history: " + (n - droppedWarned) + " events were not recorded: the writer fell behind and its"
                    + " queue of " + options.queueCapacity() + " was full");
            droppedWarned = n;
            lastDropWarning = now;
        }
    }

    private void off(String warning) {
        status = Status.OFF;
        List<Object> left = new ArrayList<>();
        queue.drainTo(left);
        queue.clear();
        left.forEach(o -> {
            if (o instanceof Flush f) {
                f.done().complete(null);
            }
        });
        warnings.accept(warning);
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.replaceAll("\\s+", " ").trim();
    }
}
