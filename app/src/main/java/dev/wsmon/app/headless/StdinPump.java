package dev.wsmon.app.headless;

import dev.wsmon.core.MonitoredConnection;
import dev.wsmon.core.SendTicket;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * Sends each line of standard input as one text message to a connection. End of input ends only the
 * pump, not the run: monitoring goes on.
 *
 * <p>Memory stays bounded whatever arrives: stdin is read in chunks, a line is held only up to the max
 * message size (a longer one is discarded as it streams and refused as {@code too-big}, with an id like any
 * send), and at most {@link #MAX_IN_FLIGHT} sends wait for their outcome before stdin is read further.
 */
final class StdinPump {

    /** Bytes read from stdin at a time. */
    static final int CHUNK = 64 * 1024;
    /** Sends without an outcome yet; past this the pump stops reading, so a fast writer waits on the pipe. */
    static final int MAX_IN_FLIGHT = 1024;
    /** A line buffer grown past this for one long line is let go afterwards. */
    private static final int KEPT_BUFFER = 64 * 1024;

    /** Where the lines read go. */
    interface Sink {
        /** A complete line, without its terminator. */
        void line(String text);

        /** A line of {@code bytes} bytes that was over the limit and was discarded. */
        void oversized(long bytes);
    }

    private StdinPump() {
    }

    /** Starts a daemon thread reading {@code in}; lines read once {@code stopping} holds are dropped. */
    static Thread start(InputStream in, MonitoredConnection target, BooleanSupplier stopping) {
        Thread t = new Thread(() -> pump(in, target, stopping), "wsmon-stdin");
        t.setDaemon(true); // a blocked read must not keep the JVM alive
        t.start();
        return t;
    }

    private static void pump(InputStream in, MonitoredConnection target, BooleanSupplier stopping) {
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        Sink sink = new Sink() {
            @Override
            public void line(String text) {
                // the outcome is an event: message out + delivered, or send_failed
                track(target.send(text));
            }

            @Override
            public void oversized(long bytes) {
                track(target.refuseOversized(bytes));
            }

            private void track(SendTicket ticket) {
                ticket.outcome().whenComplete((result, failure) -> inFlight.release());
            }
        };
        IntSupplier maxBytes = () -> target.snapshot().settings().maxMessageSize();
        BooleanSupplier mayGoOn = () -> awaitRoom(inFlight, stopping);
        try (in) {
            readLines(in, maxBytes, sink, mayGoOn);
        } catch (IOException e) {
            // standard input closed or unreadable: nothing more to send
        }
    }

    /** Takes a send permit, waiting as long as needed; false once the run stops. */
    private static boolean awaitRoom(Semaphore inFlight, BooleanSupplier stopping) {
        try {
            while (!stopping.getAsBoolean()) {
                if (inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /**
     * Splits {@code in} into lines ending in LF, CR LF or CR (as {@code BufferedReader.readLine} does, a last line
     * without one included), holding at most {@code maxBytes} bytes of a line.
     *
     * @param mayGoOn asked before each line is handed on: false ends the reading (the line is dropped)
     */
    static void readLines(InputStream in, IntSupplier maxBytes, Sink sink, BooleanSupplier mayGoOn) throws IOException {
        LineBuffer line = new LineBuffer(maxBytes);
        byte[] chunk = new byte[CHUNK];
        boolean afterCr = false;
        int n;
        while ((n = in.read(chunk)) != -1) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                byte b = chunk[i];
                if (afterCr) {
                    afterCr = false;
                    if (b == '\n') {
                        start = i + 1; // the LF of a CR LF: that line has ended already
                        continue;
                    }
                }
                if (b == '\n' || b == '\r') {
                    line.append(chunk, start, i - start);
                    if (!line.handOn(sink, mayGoOn)) {
                        return;
                    }
                    afterCr = b == '\r';
                    start = i + 1;
                }
            }
            line.append(chunk, start, n - start);
        }
        if (line.started()) {
            line.handOn(sink, mayGoOn);
        }
    }

    /** The line being read: its bytes up to the limit, or only its length once it is over. */
    private static final class LineBuffer {
        private final IntSupplier maxBytes;
        private int max;
        private byte[] bytes = new byte[8192];
        private int length;
        /** Bytes of a line over the limit, counted as it is discarded; -1 while the line is within it. */
        private long discarded = -1;
        private boolean started;

        LineBuffer(IntSupplier maxBytes) {
            this.maxBytes = maxBytes;
            this.max = maxBytes.getAsInt();
        }

        boolean started() {
            return started;
        }

        void append(byte[] src, int off, int count) {
            if (count == 0) {
                return;
            }
            started = true;
            if (discarded >= 0) {
                discarded += count;
            } else if ((long) length + count > max) {
                discarded = (long) length + count; // over the limit: let go of what was held
                length = 0;
                bytes = new byte[8192];
            } else {
                if (length + count > bytes.length) {
                    bytes = java.util.Arrays.copyOf(bytes, (int) Math.min(max, Math.max(2L * bytes.length, length + count)));
                }
                System.arraycopy(src, off, bytes, length, count);
                length += count;
            }
        }

        boolean handOn(Sink sink, BooleanSupplier mayGoOn) {
            if (!mayGoOn.getAsBoolean()) {
                return false;
            }
            if (discarded >= 0) {
                sink.oversized(discarded);
            } else {
                sink.line(new String(bytes, 0, length, StandardCharsets.UTF_8));
            }
            length = 0;
            discarded = -1;
            started = false;
            if (bytes.length > KEPT_BUFFER) {
                bytes = new byte[8192];
            }
            max = maxBytes.getAsInt();
            return true;
        }
    }
}
