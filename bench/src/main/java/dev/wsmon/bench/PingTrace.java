package dev.wsmon.bench;

/**
 * The echo server's record of one connection's recent pings: for each, when the bytes carrying it were
 * read off the socket, when the library decoded it and queued the pong, and when the pong was written.
 * Times are {@link System#nanoTime()}, which on Linux is CLOCK_MONOTONIC and so comparable with the
 * client JVM's on the same machine. A ring: the newest {@link #CAPACITY} pings are kept.
 */
final class PingTrace {

    static final int CAPACITY = 128;

    private final long[] seq = new long[CAPACITY];
    private final long[] readAt = new long[CAPACITY];
    private final long[] decodedAt = new long[CAPACITY];
    private final long[] writtenAt = new long[CAPACITY];
    private int head;
    private int count;
    private volatile long lastReadAt;

    /** The selector thread read bytes of this connection. */
    void read(long now) {
        lastReadAt = now;
    }

    /** The worker thread decoded ping {@code s} and has queued its pong. */
    synchronized void pinged(long s, long now) {
        seq[head] = s;
        readAt[head] = lastReadAt;
        decodedAt[head] = now;
        writtenAt[head] = 0;
        head = next(head);
        count = Math.min(count + 1, CAPACITY);
    }

    /**
     * The selector thread has written the pong of ping {@code s}.
     *
     * @return its read → write delay in ns, or -1 if the ping is not in the ring
     */
    synchronized long written(long s, long now) {
        for (int i = 0; i < count; i++) {
            int k = Math.floorMod(head - 1 - i, CAPACITY);
            if (seq[k] == s && writtenAt[k] == 0) {
                writtenAt[k] = now;
                return now - readAt[k];
            }
        }
        return -1;
    }

    /** {@code seq:read:decoded:written} for each kept ping, oldest first; 0 for a pong not written yet. */
    synchronized String dump() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            int k = Math.floorMod(head - count + i, CAPACITY);
            b.append(i == 0 ? "" : ",").append(seq[k]).append(':').append(readAt[k]).append(':').append(decodedAt[k])
                    .append(':').append(writtenAt[k]);
        }
        return b.toString();
    }

    private static int next(int i) {
        return (i + 1) % CAPACITY;
    }
}
