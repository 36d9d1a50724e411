package dev.wsmon.app.viewmodel;

import dev.wsmon.core.Health;
import dev.wsmon.core.HealthReason;
import dev.wsmon.core.State;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One connection's state and health over a span of time, as the segments of a timeline row: not OPEN shows the state
 * (CONNECTING, CLOSING, CLOSED); OPEN shows the health (OPEN while healthy or not reported, DEGRADED, DOWN). Read from
 * the connection's {@link LatencyHistory}, so a history kept from an earlier run shows too.
 */
public final class StateTimeline {

    private StateTimeline() {
    }

    /** What a segment shows, worst last. */
    public enum Kind {
        OPEN, DEGRADED, CONNECTING, CLOSING, CLOSED, DOWN;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind of(State state, Health health) {
            return switch (state) {
                case CONNECTING -> CONNECTING;
                case CLOSING -> CLOSING;
                case CLOSED -> CLOSED;
                case OPEN -> health == Health.DEGRADED ? DEGRADED : health == Health.DOWN ? DOWN : OPEN;
            };
        }
    }

    /** From {@code from} to {@code to} the connection was {@code kind}, for {@code reasons} (empty unless a health). */
    public record Segment(long from, long to, Kind kind, Set<HealthReason> reasons) {
        public Segment {
            Objects.requireNonNull(kind, "kind");
            reasons = Set.copyOf(reasons);
            if (to < from) {
                throw new IllegalArgumentException("a segment ends before it starts: " + from + " > " + to);
            }
        }
    }

    /** One row of the timeline: a connection's segments over the span and how many times it closed within it. */
    public record Row(ConnectionViewModel connection, List<Segment> segments, int closes) {
        public Row {
            segments = List.copyOf(segments);
        }

        /** The segment at {@code ts}, if any. */
        public java.util.Optional<Segment> at(long ts) {
            return segments.stream().filter(s -> s.from() <= ts && ts < s.to()).findFirst();
        }
    }

    private record Change(long ts, State state, LatencyHistory.HealthMark health) {
    }

    /**
     * The segments of {@code history} within [{@code from}, {@code to}], in order, adjacent ones of the same kind and
     * reasons merged; none before the state is known (a connection that has not made its first attempt).
     */
    public static List<Segment> segments(LatencyHistory history, long from, long to) {
        long start = Math.max(from, history.knownSince());
        List<Segment> out = new ArrayList<>();
        if (start >= to) {
            return out;
        }
        List<Change> changes = new ArrayList<>();
        for (LatencyHistory.Band b : history.bands()) {
            changes.add(new Change(b.from(), b.state(), null));
            if (!b.ongoing()) {
                changes.add(new Change(b.to(), State.OPEN, null)); // a band that follows at once comes later in the list
            }
        }
        for (LatencyHistory.HealthMark h : history.healthMarks()) {
            changes.add(new Change(h.ts(), null, h));
        }
        changes.sort(Comparator.comparingLong(Change::ts)); // stable: at one moment the later change wins
        State state = State.OPEN;
        LatencyHistory.HealthMark health = null;
        Kind kind = null;
        Set<HealthReason> reasons = Set.of();
        long since = start;
        for (Change c : changes) {
            if (c.ts() >= to) {
                break;
            }
            if (c.ts() > start && kind == null) {
                kind = Kind.of(state, health == null ? null : health.health());
                reasons = reasons(kind, health);
            }
            if (c.state() != null) {
                state = c.state();
            } else {
                health = c.health();
            }
            if (kind == null) {
                continue;
            }
            Kind k = Kind.of(state, health == null ? null : health.health());
            Set<HealthReason> r = reasons(k, health);
            if (k != kind || !r.equals(reasons)) {
                if (c.ts() > since) {
                    out.add(new Segment(since, c.ts(), kind, reasons));
                    since = c.ts();
                }
                kind = k;
                reasons = r;
            }
        }
        if (kind == null) {
            kind = Kind.of(state, health == null ? null : health.health());
            reasons = reasons(kind, health);
        }
        out.add(new Segment(since, to, kind, reasons));
        return merge(out);
    }

    /** How many times the connection closed within [{@code from}, {@code to}]: each CLOSED that began then. */
    public static int closes(LatencyHistory history, long from, long to) {
        int n = 0;
        for (LatencyHistory.Band b : history.bands()) {
            if (b.state() == State.CLOSED && b.from() >= from && b.from() <= to) {
                n++;
            }
        }
        return n;
    }

    private static Set<HealthReason> reasons(Kind kind, LatencyHistory.HealthMark health) {
        return (kind == Kind.DEGRADED || kind == Kind.DOWN) && health != null ? health.reasons() : Set.of();
    }

    private static List<Segment> merge(List<Segment> in) {
        List<Segment> out = new ArrayList<>();
        for (Segment s : in) {
            Segment prev = out.isEmpty() ? null : out.get(out.size() - 1);
            if (prev != null && prev.kind() == s.kind() && prev.reasons().equals(s.reasons()) && prev.to() == s.from()) {
                out.set(out.size() - 1, new Segment(prev.from(), s.to(), s.kind(), s.reasons()));
            } else {
                out.add(s);
            }
        }
        return out;
    }
}
