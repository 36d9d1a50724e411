package dev.wsmon.app.headless;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes JSON Lines to standard output on a thread of its own, one object per line, flushed per line.
 * Engine listeners must return quickly, and a slow or stalled reader of our stdout must not stall the engine
 * (its keepalive timing would then lie): they only enqueue here.
 */
public final class JsonLinesWriter {

    private static final Object END = new Object();

    private final OutputStream out;
    private final ObjectWriter writer;
    private final Runnable onBroken;
    /** Lines not yet written, in the order they were enqueued; END last. */
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean broken;

    /**
     * @param onBroken called once if standard output fails (its reader went away)
     */
    public JsonLinesWriter(OutputStream out, ObjectMapper mapper, Runnable onBroken) {
        this.out = out;
        this.writer = mapper.writer();
        this.onBroken = onBroken;
        this.thread = new Thread(this::drain, "wsmon-stdout");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues one line; never blocks. */
    public void write(ObjectNode line) {
        queue.add(line);
    }

    /** Writes what is queued, then stops; waits at most {@code timeout}. */
    public void finish(Duration timeout) {
        queue.add(END);
        try {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeout.toNanos())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        try {
            while (true) {
                Object next = queue.take();
                if (next == END) {
                    return;
                }
                if (!broken) {
                    writeLine((ObjectNode) next);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeLine(ObjectNode line) {
        try {
            byte[] json = writer.writeValueAsBytes(line);
            byte[] bytes = new byte[json.length + 1];
            System.arraycopy(json, 0, bytes, 0, json.length);
            bytes[json.length] = '\n';
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
            onBroken.run();
        }
    }
}
