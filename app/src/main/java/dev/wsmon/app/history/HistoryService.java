package dev.wsmon.app.history;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;

/**
 * The desktop's history: the {@link HistoryRecorder} that writes, and reads for the chart, the backfill and the
 * exports on one background thread of its own with its own connection to the file. Every read returns a future that
 * completes on that thread; the UI takes results through its inbox and never waits. A service without a file
 * ({@link #disabled}) answers every read with nothing.
 */
public final class HistoryService implements AutoCloseable {

    private final Optional<HistoryRecorder> recorder;
    private final Path file;
    private final LongSupplier clock;
    private final ExecutorService reads;
    /** The reader's connection; owned by the reads thread. */
    private HistoryDatabase db;

    private HistoryService(Optional<HistoryRecorder> recorder, Path file, LongSupplier clock) {
        this.recorder = recorder;
        this.file = file;
        this.clock = clock;
        this.reads = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "wsmon-history-reader");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts recording into {@code file} (see {@link HistoryRecorder#start}). */
    public static HistoryService start(Path file, HistoryOptions options, LongSupplier clock,
                                       java.util.function.Consumer<String> warnings) {
        return new HistoryService(Optional.of(HistoryRecorder.start(file, options, clock, warnings)), file, clock);
    }

    /** No history: nothing recorded, every read empty. */
    public static HistoryService disabled() {
        return new HistoryService(Optional.empty(), null, () -> 0L);
    }

    public Optional<HistoryRecorder> recorder() {
        return recorder;
    }

    /** Whether it records (false when off, or while it has not opened the file yet). */
    public boolean recording() {
        return recorder.map(r -> r.status() == HistoryRecorder.Status.RECORDING).orElse(false);
    }

    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** Per-minute rollups of {@code conn}'s keepalive RTT over the range, merged to at most {@code maxPoints}. */
    public CompletableFuture<List<Rollup>> rollups(String conn, long from, long to, int maxPoints) {
        return read(db -> Rollup.downsample(db.rollups(conn, SampleKind.KEEPALIVE, from, to), from, to, maxPoints),
                List.of());
    }

    /** What the live chart needs from before this run: keepalive samples, state and settings lines. */
    public record Recent(List<Sample> samples, List<StoredEvent> events) {
    }

    public CompletableFuture<Recent> recent(String conn, long from, long to) {
        return read(db -> new Recent(db.samples(conn, from, to, Set.of(SampleKind.KEEPALIVE)),
                db.events(conn, from, to).stream().filter(e -> e.type().equals("state") || e.type().equals("settings"))
                        .toList()), new Recent(List.of(), List.of()));
    }

    /** Writes {@code conn}'s RTT CSV, events JSON Lines and chart PNG into {@code dir}; completes with the files. */
    public CompletableFuture<List<Path>> exportFiles(String conn, long from, long to, Path dir, String baseName) {
        return afterFlush(db -> {
            HistoryExport export = new HistoryExport(db);
            Path csv = dir.resolve(baseName + "-rtt.csv");
            Path jsonl = dir.resolve(baseName + "-events.jsonl");
            Path png = dir.resolve(baseName + "-chart.png");
            try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                export.rttCsv(conn, from, to, w);
            }
            try (Writer w = Files.newBufferedWriter(jsonl, StandardCharsets.UTF_8)) {
                export.eventsJsonl(conn, from, to, w);
            }
            try (OutputStream out = Files.newOutputStream(png)) {
                ChartImage.png(db, conn, from, to, out);
            }
            return List.of(csv, jsonl, png);
        });
    }

    /** Writes the evidence bundle of {@code subject} over the range to {@code zip}. */
    public CompletableFuture<Path> bundle(BundleSubject subject, long from, long to, Path zip) {
        return afterFlush(db -> {
            EvidenceBundle.write(db, subject, from, to, clock.getAsLong(), zip);
            return zip;
        });
    }

    @FunctionalInterface
    private interface Query<T> {
        T run(HistoryDatabase db) throws SQLException, IOException;
    }

    /** Runs on the reads thread; no history, or a failed read, gives {@code none}. */
    private <T> CompletableFuture<T> read(Query<T> query, T none) {
        if (file == null) {
            return CompletableFuture.completedFuture(none);
        }
        return CompletableFuture.supplyAsync(() -> {
            try {
                return query.run(db());
            } catch (SQLException | IOException | RuntimeException e) {
                return none;
            }
        }, reads);
    }

    /** After everything recorded so far is on disk; fails with a message a person can read. */
    private <T> CompletableFuture<T> afterFlush(Query<T> query) {
        if (file == null || recorder.isEmpty() || recorder.get().status() == HistoryRecorder.Status.OFF) {
            return CompletableFuture.failedFuture(new IllegalStateException("history is off, so there is nothing to export"
                    + (file == null ? "" : " (" + file + " could not be opened)")));
        }
        return recorder.get().flush().thenApplyAsync(x -> {
            try {
                return query.run(db());
            } catch (SQLException | IOException e) {
                throw new CompletionException(new IOException(e.getMessage(), e));
            }
        }, reads);
    }

    private HistoryDatabase db() throws SQLException {
        if (db == null) {
            db = HistoryDatabase.openForReading(file);
        }
        return db;
    }

    @Override
    public void close() {
        recorder.ifPresent(HistoryRecorder::close);
        reads.submit(() -> {
            if (db != null) {
                db.close();
            }
        });
        reads.shutdown();
    }
}
