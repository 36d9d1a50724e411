package dev.wsmon.app.viewmodel;

import dev.wsmon.core.Health;
import dev.wsmon.core.HealthReason;
import dev.wsmon.core.State;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the latency chart of one connection draws, kept for an hour: RTT points, the intervals where the connection
 * was not OPEN, and the moments its settings changed. Owned by the UI thread. Points carry a sequence number so that
 * the chart can take only what is new on each tick; bands and marks change rarely and carry a revision instead.
 * Bounded by age and by count.
 */
public final class LatencyHistory {

    /** The chart's longest window: the series keep this much, the window selector only sets the axis. */
    public static final Duration KEEP = Duration.ofHours(1);
    public static final int MAX_POINTS = 36_000;
    public static final int MAX_BANDS = 5_000;
    public static final int MAX_MARKS = 1_000;

    /** An RTT sample at wall-clock {@code ts}; NaN marks a gap (the connection left OPEN). */
    public record Point(long seq, long ts, double millis) {
        public boolean gap() {
            return Double.isNaN(millis);
        }
    }

    /**
     * The connection was in {@code state} (never OPEN) from {@code from} to {@code to}; {@code to} is {@link #ONGOING}
     * for the current state.
     */
    public record Band(long from, long to, State state) {
        public static final long ONGOING = Long.MAX_VALUE;

        public boolean ongoing() {
            return to == ONGOING;
        }

        public long end(long now) {
            return ongoing() ? Math.max(from, now) : to;
        }
    }

    /** Settings were applied at {@code ts}; {@code label} says what changed. */
    public record Mark(long ts, String label) {
    }

    /** From {@code ts} on the connection's health was {@code health}, for {@code reasons}. */
    public record HealthMark(long ts, Health health, Set<HealthReason> reasons) {
        public HealthMark {
            Objects.requireNonNull(health, "health");
            reasons = Set.copyOf(reasons);
        }
    }

    private final ArrayDeque<Point> points = new ArrayDeque<>();
    /** Application heartbeat RTTs ({@code app_latency}): the chart's second series, numbered on their own. */
    private final ArrayDeque<Point> appPoints = new ArrayDeque<>();
    private long nextAppSeq;
    private long lastAppTs = Long.MIN_VALUE;
    private final ArrayDeque<Band> bands = new ArrayDeque<>();
    private final ArrayDeque<Mark> marks = new ArrayDeque<>();
    private final ArrayDeque<HealthMark> health = new ArrayDeque<>();
    /** When this history began recording; {@link #backfill} takes only what is older. */
    private final long created;
    private long nextSeq;
    private long lastPointTs = Long.MIN_VALUE;
    private State state;
    private long stateSince;
    private long revision;
    private boolean quietStart;
    /** From when the state is known and shown: a connection's quiet start before its first attempt is not. */
    private long knownSince;

    /**
     * @param initial the connection's state now
     * @param neverStarted the connection has made no attempt yet: its CLOSED until the first one is not a band
     */
    public LatencyHistory(long now, State initial, boolean neverStarted) {
        created = now;
        state(now, initial);
        quietStart = neverStarted && initial == State.CLOSED;
        knownSince = quietStart ? Long.MAX_VALUE : now;
    }

    /** Adds a sample; a sample in the same millisecond as the previous one moves to the next (the chart's time series keeps one per ms). */
    public void add(long ts, Duration rtt) {
        long at = Math.max(ts, lastPointTs == Long.MIN_VALUE ? ts : lastPointTs + 1);
        lastPointTs = at;
        points.addLast(new Point(nextSeq++, at, Formats.millis(rtt)));
        while (points.size() > MAX_POINTS) {
            points.removeFirst();
        }
    }

    /** Adds an application heartbeat RTT; as {@link #add}, one point per millisecond. */
    public void addApp(long ts, Duration rtt) {
        appPoint(ts, Formats.millis(rtt));
    }

    private void appPoint(long ts, double millis) {
        long at = Math.max(ts, lastAppTs == Long.MIN_VALUE ? ts : lastAppTs + 1);
        lastAppTs = at;
        appPoints.addLast(new Point(nextAppSeq++, at, millis));
        while (appPoints.size() > MAX_POINTS) {
            appPoints.removeFirst();
        }
    }

    /** A point without a value, so that the chart's line does not join samples across an outage. */
    private void gap(long ts) {
        long at = Math.max(ts, lastPointTs == Long.MIN_VALUE ? ts : lastPointTs + 1);
        lastPointTs = at;
        points.addLast(new Point(nextSeq++, at, Double.NaN));
        while (points.size() > MAX_POINTS) {
            points.removeFirst();
        }
    }

    public void state(long ts, State next) {
        Objects.requireNonNull(next, "state");
        if (next == state) {
            return;
        }
        if (state == State.OPEN) {
            gap(ts); // the line breaks where the connection stopped being OPEN
            if (!appPoints.isEmpty()) {
                appPoint(ts, Double.NaN);
            }
        }
        if (state != null && state != State.OPEN && !quietStart) {
            bands.addLast(new Band(stateSince, Math.max(stateSince, ts), state));
            while (bands.size() > MAX_BANDS) {
                bands.removeFirst();
            }
        }
        if (quietStart) {
            knownSince = ts;
        }
        quietStart = false;
        state = next;
        stateSince = ts;
        revision++;
    }

    public void mark(long ts, String label) {
        marks.addLast(new Mark(ts, label));
        while (marks.size() > MAX_MARKS) {
            marks.removeFirst();
        }
        revision++;
    }

    /** The connection's health from {@code ts} on; a repeat of the current health and reasons changes nothing. */
    public void health(long ts, Health value, Set<HealthReason> reasons) {
        HealthMark last = health.peekLast();
        if (last != null && last.health() == value && last.reasons().equals(reasons)) {
            return;
        }
        health.addLast(new HealthMark(last == null ? ts : Math.max(ts, last.ts()), value, reasons));
        while (health.size() > MAX_BANDS) {
            health.removeFirst();
        }
        revision++;
    }

    /**
     * Puts {@code older}, history recorded before this one began (kept from an earlier run, or synthetic), in front
     * of what this one holds. Only what is older than everything recorded here is taken, with a gap between the two
     * so that the line does not join them, and the bounds still hold. Every point is numbered afresh past a skipped
     * number: to a reader holding a cursor ({@link #since}) it looks as if points it had not seen were dropped, so it
     * starts over.
     */
    public void backfill(LatencyHistory older) {
        long start = earliest();
        List<Point> merged = new ArrayList<>();
        for (Point p : older.points) {
            if (p.ts() < start) {
                merged.add(p);
            }
        }
        if (!merged.isEmpty() && !merged.get(merged.size() - 1).gap() && merged.get(merged.size() - 1).ts() + 1 < start) {
            merged.add(new Point(0, merged.get(merged.size() - 1).ts() + 1, Double.NaN));
        }
        merged.addAll(points);
        points.clear();
        nextSeq++;
        for (Point p : merged.subList(Math.max(0, merged.size() - MAX_POINTS), merged.size())) {
            points.addLast(new Point(nextSeq++, p.ts(), p.millis()));
        }
        if (lastPointTs == Long.MIN_VALUE && !points.isEmpty()) {
            lastPointTs = points.peekLast().ts();
        }
        List<Band> olderBands = new ArrayList<>();
        for (Band b : older.bands()) {
            if (b.from() < start) {
                olderBands.add(new Band(b.from(), Math.min(b.end(start), start), b.state()));
            }
        }
        prepend(bands, olderBands, MAX_BANDS);
        prepend(marks, older.marks().stream().filter(m -> m.ts() < start).toList(), MAX_MARKS);
        prepend(health, older.healthMarks().stream().filter(m -> m.ts() < start).toList(), MAX_BANDS);
        if (older.knownSince < start) {
            knownSince = Math.min(knownSince, older.knownSince);
        }
        revision++;
    }

    /** The earliest moment this history holds: its start, or an earlier point, band or mark. */
    private long earliest() {
        long t = created;
        if (!points.isEmpty()) {
            t = Math.min(t, points.peekFirst().ts());
        }
        if (!bands.isEmpty()) {
            t = Math.min(t, bands.peekFirst().from());
        }
        if (!marks.isEmpty()) {
            t = Math.min(t, marks.peekFirst().ts());
        }
        if (!health.isEmpty()) {
            t = Math.min(t, health.peekFirst().ts());
        }
        return Math.min(t, stateSince);
    }

    private static <T> void prepend(ArrayDeque<T> into, List<T> older, int max) {
        for (int i = older.size() - 1; i >= 0 && into.size() < max; i--) {
            into.addFirst(older.get(i));
        }
    }

    /** Drops what is older than {@link #KEEP} before {@code now}. */
    public void age(long now) {
        long oldest = now - KEEP.toMillis();
        while (!points.isEmpty() && points.peekFirst().ts() < oldest) {
            points.removeFirst();
        }
        while (!appPoints.isEmpty() && appPoints.peekFirst().ts() < oldest) {
            appPoints.removeFirst();
        }
        boolean changed = false;
        while (!bands.isEmpty() && bands.peekFirst().to() < oldest) {
            bands.removeFirst();
            changed = true;
        }
        while (!marks.isEmpty() && marks.peekFirst().ts() < oldest) {
            marks.removeFirst();
            changed = true;
        }
        // the health at the oldest moment kept stays known: drop a change only once a later one is also old
        while (health.size() > 1) {
            var it = health.iterator();
            it.next();
            if (it.next().ts() > oldest) {
                break;
            }
            health.removeFirst();
            changed = true;
        }
        if (changed) {
            revision++;
        }
    }

    /** Points with a sequence number ≥ {@code seq}, oldest first. */
    public List<Point> since(long seq) {
        return since(points, seq);
    }

    /** Application RTT points with a sequence number ≥ {@code seq}, oldest first. */
    public List<Point> appSince(long seq) {
        return since(appPoints, seq);
    }

    public List<Point> appPoints() {
        return List.copyOf(appPoints);
    }

    /** The sequence number the next application RTT point will get. */
    public long appNextSeq() {
        return nextAppSeq;
    }

    /** The oldest kept application RTT point's sequence number, or {@link #appNextSeq()} when there is none. */
    public long appFirstSeq() {
        return appPoints.isEmpty() ? nextAppSeq : appPoints.peekFirst().seq();
    }

    /**
     * The application RTT at quantile {@code q} (0.5, 0.95; nearest rank) of the points in [{@code from}, {@code to}],
     * or NaN when there is none.
     */
    public double appQuantile(long from, long to, double q) {
        List<Double> values = new ArrayList<>();
        var it = appPoints.descendingIterator();
        while (it.hasNext()) {
            Point p = it.next();
            if (p.ts() < from) {
                break;
            }
            if (p.ts() <= to && !p.gap()) {
                values.add(p.millis());
            }
        }
        if (values.isEmpty()) {
            return Double.NaN;
        }
        java.util.Collections.sort(values);
        int rank = (int) Math.ceil(q * values.size());
        return values.get(Math.max(0, Math.min(values.size() - 1, rank - 1)));
    }

    private static List<Point> since(ArrayDeque<Point> series, long seq) {
        List<Point> out = new ArrayList<>();
        var it = series.descendingIterator();
        while (it.hasNext()) {
            Point p = it.next();
            if (p.seq() < seq) {
                break;
            }
            out.add(p);
        }
        java.util.Collections.reverse(out);
        return out;
    }

    public List<Point> points() {
        return List.copyOf(points);
    }

    /** The sequence number the next point will get. */
    public long nextSeq() {
        return nextSeq;
    }

    /** The oldest kept point's sequence number, or {@link #nextSeq()} when there is none. */
    public long firstSeq() {
        return points.isEmpty() ? nextSeq : points.peekFirst().seq();
    }

    public int size() {
        return points.size();
    }

    /** Every not-OPEN interval, the current one last and {@linkplain Band#ongoing ongoing}. */
    public List<Band> bands() {
        List<Band> out = new ArrayList<>(bands);
        if (state != State.OPEN && !quietStart) {
            out.add(new Band(stateSince, Band.ONGOING, state));
        }
        return out;
    }

    public List<Mark> marks() {
        return List.copyOf(marks);
    }

    /** Every change of health, oldest first; before the first one the health is not known. */
    public List<HealthMark> healthMarks() {
        return List.copyOf(health);
    }

    /** From when the state is known ({@link Long#MAX_VALUE} while a connection has not made its first attempt). */
    public long knownSince() {
        return knownSince;
    }

    /** Changes whenever {@link #bands()}, {@link #marks()} or {@link #healthMarks()} would list something else. */
    public long revision() {
        return revision;
    }

    /** The largest RTT in [{@code from}, {@code to}], keepalive or application, or NaN when there is none. */
    public double maxMillis(long from, long to) {
        double a = maxMillis(points, from, to);
        double b = maxMillis(appPoints, from, to);
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }

    private static double maxMillis(ArrayDeque<Point> series, long from, long to) {
        double max = Double.NaN;
        var it = series.descendingIterator();
        while (it.hasNext()) {
            Point p = it.next();
            if (p.ts() < from) {
                break;
            }
            if (p.ts() <= to && !p.gap() && !(p.millis() <= max)) {
                max = p.millis();
            }
        }
        return max;
    }
}
