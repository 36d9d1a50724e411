package dev.wsmon.app.headless;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wsmon.core.MonotonicClock;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes JSON Lines to standard output on a thread of its own, one object per line, flushed per line.
 * Engine listeners must return quickly, and a slow or stalled reader of our stdout must not stall the engine
 * (its keepalive timing would then lie): they only enqueue here.
 *
 * <p>The queue is bounded by {@link Limits}: past them the oldest lines are dropped, so memory stays bounded
 * however long the reader stalls. The lines that remain keep their order; in the place of the ones dropped
 * the reader gets, once it reads again, one {@code dropped} line per connection that lost lines, with their
 * {@code count} ({@code conn} as on the lines dropped).
 */
public final class JsonLinesWriter {

    /**
     * Bounds of the lines waiting for the reader.
     *
     * @param maxLines lines queued at most
     * @param maxBytes encoded bytes queued at most (a single larger line is still queued alone)
     */
    public record Limits(int maxLines, long maxBytes) {
        /** About 5 MiB of heap at most: minutes of events of a busy run, hours of a quiet one. */
        public static final Limits DEFAULT = new Limits(10_000, 4L * 1024 * 1024);

        public Limits {
            if (maxLines < 1 || maxBytes < 1) {
                throw new IllegalArgumentException("limits must be positive, got " + maxLines + " lines, " + maxBytes + " bytes");
            }
        }
    }

    /** An encoded line, newline included, and the connection it is about ("" when lines carry no conn). */
    private record Line(byte[] bytes, String conn) {
    }

    private final OutputStream out;
    private final ObjectMapper mapper;
    private final ObjectWriter writer;
    private final Runnable onBroken;
    private final Limits limits;
    private final MonotonicClock clock;
    private final Thread thread;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Lines not yet written, oldest first; guarded by lock. */
    private final ArrayDeque<Line> queue = new ArrayDeque<>();
    /** Lines dropped and not yet reported, by conn in the order of their first drop; guarded by lock. */
    private final Map<String, Long> dropped = new LinkedHashMap<>();
    private long queuedBytes; // guarded by lock
    private boolean finishing; // guarded by lock
    private volatile boolean broken;
    private volatile long droppedTotal;

    /**
     * @param onBroken called once if standard output fails (its reader went away)
     */
    public JsonLinesWriter(OutputStream out, ObjectMapper mapper, Runnable onBroken) {
        this(out, mapper, onBroken, Limits.DEFAULT, MonotonicClock.SYSTEM);
    }

    /**
     * @param limits bounds of the queue while the reader is slower than the events
     * @param clock stamps the {@code dropped} lines
     */
    public JsonLinesWriter(OutputStream out, ObjectMapper mapper, Runnable onBroken, Limits limits, MonotonicClock clock) {
        this.out = out;
        this.mapper = mapper;
        this.writer = mapper.writer();
        this.onBroken = onBroken;
        this.limits = limits;
        this.clock = clock;
        this.thread = new Thread(this::drain, "wsmon-stdout");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues one line, dropping the oldest queued ones past the limits; never blocks on the reader. */
    public void write(ObjectNode line) {
        Line encoded = new Line(encode(line), line.path("conn").asText(""));
        lock.lock();
        try {
            if (finishing || broken) {
                return;
            }
            queue.addLast(encoded);
            queuedBytes += encoded.bytes.length;
            while (queue.size() > limits.maxLines() || (queuedBytes > limits.maxBytes() && queue.size() > 1)) {
                Line oldest = queue.removeFirst();
                queuedBytes -= oldest.bytes.length;
                dropped.merge(oldest.conn, 1L, Long::sum);
                droppedTotal++;
            }
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Lines dropped so far because the reader was too slow. */
    public long droppedCount() {
        return droppedTotal;
    }

    /** Writes what is queued, then stops; waits at most {@code timeout}. */
    public void finish(Duration timeout) {
        lock.lock();
        try {
            finishing = true;
            changed.signal();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeout.toNanos())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        List<byte[]> batch = new ArrayList<>();
        try {
            while (true) {
                lock.lock();
                try {
                    while (queue.isEmpty() && dropped.isEmpty() && !finishing) {
                        changed.await();
                    }
                    if (queue.isEmpty() && dropped.isEmpty()) {
                        return; // finishing, and all is written
                    }
                    // The dropped lines were older than every queued one: their notice comes first.
                    dropped.forEach((conn, count) -> batch.add(droppedLine(conn, count)));
                    dropped.clear();
                    Line next = queue.pollFirst();
                    if (next != null) {
                        queuedBytes -= next.bytes.length;
                        batch.add(next.bytes);
                    }
                } finally {
                    lock.unlock();
                }
                for (byte[] bytes : batch) {
                    if (!broken) {
                        writeLine(bytes);
                    }
                }
                batch.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private byte[] droppedLine(String conn, long count) {
        ObjectNode n = mapper.createObjectNode();
        n.put("ts", clock.epochMillis());
        n.put("type", "dropped");
        if (!conn.isEmpty()) {
            n.put("conn", conn);
        }
        n.put("count", count);
        return encode(n);
    }

    private byte[] encode(ObjectNode line) {
        try {
            byte[] json = writer.writeValueAsBytes(line);
            byte[] bytes = new byte[json.length + 1];
            System.arraycopy(json, 0, bytes, 0, json.length);
            bytes[json.length] = '\n';
            return bytes;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private void writeLine(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            if (out instanceof PrintStream ps && ps.checkError()) {
                fail();
            }
        } catch (IOException e) {
            fail();
        }
    }

    private void fail() {
        if (!broken) {
            broken = true;
            lock.lock();
            try {
                queue.clear(); // nobody reads any more: free the memory
                queuedBytes = 0;
                dropped.clear();
            } finally {
                lock.unlock();
            }
            onBroken.run();
        }
    }
}
