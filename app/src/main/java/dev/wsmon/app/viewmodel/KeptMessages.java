package dev.wsmon.app.viewmodel;

import dev.wsmon.core.ConnectionId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The messages the inspector keeps, whole, over all connections: the newest {@link #maxCount} within {@link #maxBytes}
 * of payload, the oldest dropped first and counted. Paused, it takes no new message (counting those it did not take)
 * while the kept sends still get their outcomes. Owned by the UI thread; plain Java, so it is tested without a toolkit.
 */
public final class KeptMessages {

    /** The desktop's cap: what a few minutes of a busy feed need, within what a desktop can spare. */
    public static final int DEFAULT_MAX_COUNT = 1_000;
    public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;

    private final int maxCount;
    private final long maxBytes;
    /** Kept messages by number, oldest first; an outcome replaces its message in place. */
    private final LinkedHashMap<Long, InspectedMessage> kept = new LinkedHashMap<>();
    /** Kept sends by connection instance and send id, for their outcomes. */
    private final Map<SendKey, Long> sends = new HashMap<>();
    private long nextSeq = 1;
    private long keptBytes;
    private long dropped;
    private boolean paused;
    private long missedWhilePaused;
    /** Changes with every add, drop or outcome: views re-read when it moved. */
    private long version;

    private record SendKey(ConnectionId connection, long sendId) {
    }

    public KeptMessages() {
        this(DEFAULT_MAX_COUNT, DEFAULT_MAX_BYTES);
    }

    public KeptMessages(int maxCount, long maxBytes) {
        if (maxCount < 1) {
            throw new IllegalArgumentException("the inspector must keep at least 1 message, got " + maxCount);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("the inspector must keep at least 1 byte, got " + maxBytes);
        }
        this.maxCount = maxCount;
        this.maxBytes = maxBytes;
    }

    /** The number the next message gets, whether it is kept or not (a log line refers to it either way). */
    public long nextSeq() {
        return nextSeq++;
    }

    /**
     * Keeps {@code message} (numbered by {@link #nextSeq}), dropping the oldest until both caps hold. Not kept while
     * paused, nor when it alone is over the byte cap (counted as dropped).
     *
     * @return whether it is kept
     */
    public boolean add(InspectedMessage message) {
        version++;
        if (paused) {
            missedWhilePaused++;
            return false;
        }
        if (message.bytes() > maxBytes) {
            dropped++;
            return false;
        }
        kept.put(message.seq(), message);
        keptBytes += message.bytes();
        if (message.direction() == InspectedMessage.Direction.SENT) {
            sends.put(new SendKey(message.connectionId(), message.sendId()), message.seq());
        }
        Iterator<InspectedMessage> oldest = kept.values().iterator();
        while (kept.size() > maxCount || keptBytes > maxBytes) {
            InspectedMessage m = oldest.next();
            oldest.remove();
            keptBytes -= m.bytes();
            dropped++;
            if (m.direction() == InspectedMessage.Direction.SENT) {
                sends.remove(new SendKey(m.connectionId(), m.sendId()));
            }
        }
        return true;
    }

    /**
     * Records what became of a kept send; nothing when the send is not kept (dropped, or sent while paused).
     *
     * @return the send's number, 0 when it is not kept
     */
    public long outcome(ConnectionId connection, long sendId, InspectedMessage.Outcome outcome, String detail) {
        Long seq = sends.get(new SendKey(connection, sendId));
        if (seq == null) {
            return 0;
        }
        kept.computeIfPresent(seq, (k, m) -> m.withOutcome(outcome, detail));
        version++;
        return seq;
    }

    /** The kept send {@code sendId} of {@code connection}, if kept. */
    public Optional<InspectedMessage> send(ConnectionId connection, long sendId) {
        Long seq = sends.get(new SendKey(connection, sendId));
        return seq == null ? Optional.empty() : get(seq);
    }

    public Optional<InspectedMessage> get(long seq) {
        return Optional.ofNullable(kept.get(seq));
    }

    /**
     * The first kept message after ({@code forward}) or before {@code fromSeq} that {@code match}es, wrapping around
     * the ends; {@code fromSeq} itself is tried last.
     */
    public Optional<InspectedMessage> find(long fromSeq, boolean forward, Predicate<InspectedMessage> match) {
        List<InspectedMessage> all = new ArrayList<>(kept.values());
        int n = all.size();
        // forward: from the first one after fromSeq; backward: from the last one before it; either way wrapping
        int start = forward ? n : -1;
        for (int i = 0; i < n; i++) {
            if (forward && all.get(i).seq() > fromSeq) {
                start = i;
                break;
            }
            if (!forward && all.get(i).seq() < fromSeq) {
                start = i;
            }
        }
        for (int step = 0; step < n; step++) {
            InspectedMessage m = all.get(Math.floorMod(forward ? start + step : start - step, n));
            if (match.test(m)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** How many kept messages {@code match}, and the position (from 1) of {@code seq} among them, 0 if not one. */
    public int[] countAndPosition(long seq, Predicate<InspectedMessage> match) {
        int count = 0;
        int position = 0;
        for (InspectedMessage m : kept.values()) {
            if (match.test(m)) {
                count++;
                if (m.seq() == seq) {
                    position = count;
                }
            }
        }
        return new int[] {count, position};
    }

    public void setPaused(boolean value) {
        if (paused != value) {
            paused = value;
            missedWhilePaused = value ? 0 : missedWhilePaused;
            version++;
        }
    }

    public boolean paused() {
        return paused;
    }

    /** Messages not kept during the current (or last) pause. */
    public long missedWhilePaused() {
        return missedWhilePaused;
    }

    /** Messages dropped by the caps so far, the oldest first. */
    public long dropped() {
        return dropped;
    }

    public int size() {
        return kept.size();
    }

    public long keptBytes() {
        return keptBytes;
    }

    public int maxCount() {
        return maxCount;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public long version() {
        return version;
    }
}
