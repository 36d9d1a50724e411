package dev.wsmon.core.health;

import dev.wsmon.core.HealthReason;
import dev.wsmon.core.State;
import dev.wsmon.core.stats.LatencySummary;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.Optional;

/**
 * The health rules of one connection, pure and fed with monotonic nanoseconds, so that every rule is a plain test on
 * a fake clock. The caller reports what happened (state changes, data messages, heartbeat outcomes), then asks
 * {@link #evaluate} for the status and {@link #nextCheck} for when the status could change with nothing else
 * happening (a watchdog running out, a flap leaving the window).
 *
 * <ul>
 *   <li>{@code closed}: not OPEN, health DOWN;
 *   <li>{@code stale}: OPEN and no data message (pongs are not messages) for stale-after, counted from OPEN;
 *   <li>{@code rtt-high}: keepalive RTT p95 over the last minute above degraded-rtt;
 *   <li>{@code loss}: lost keepalive pings over the last minute above degraded-loss percent;
 *   <li>{@code heartbeat-missed}: an application heartbeat went unanswered, until the next reply or the end of the
 *       connection (the next connection's heartbeat gets a fresh chance);
 *   <li>{@code flapping}: more than 3 ends of an OPEN connection within 5 minutes (also while DOWN).
 * </ul>
 * The keepalive figures come from the connection's own statistics ({@link LatencySummary} over
 * {@link #LATENCY_WINDOW}) and count only while OPEN.
 */
public final class HealthRules {

    public static final Duration LATENCY_WINDOW = Duration.ofMinutes(1);
    public static final Duration FLAP_WINDOW = Duration.ofMinutes(5);
    /** "More than 3 closes in 5 minutes". */
    public static final int FLAP_CLOSES = 4;
    /**
     * While rtt-high or loss holds, how often to look again: samples leave the window with no event to say so, and a
     * long ping interval would otherwise keep an old sample's verdict until the next ping.
     */
    public static final Duration LATENCY_RECHECK = Duration.ofSeconds(5);

    private State state = State.CLOSED;
    /** When the last data message arrived, or the connection opened if none has since. */
    private long lastDataNanos;
    /** When the newest OPEN connections ended, oldest first, at most {@link #FLAP_CLOSES}. */
    private final ArrayDeque<Long> ends = new ArrayDeque<>(FLAP_CLOSES);
    private boolean heartbeatMissed;
    private HealthStatus last;

    /** The connection entered {@code next} at {@code nanos}. */
    public void stateChanged(State next, long nanos) {
        if (state == State.OPEN && next != State.OPEN) {
            ends.addLast(nanos);
            if (ends.size() > FLAP_CLOSES) {
                ends.removeFirst();
            }
            heartbeatMissed = false;
        }
        if (state != State.OPEN && next == State.OPEN) {
            lastDataNanos = nanos; // the watchdog starts afresh with every connection
        }
        state = next;
    }

    /** A data message (text or binary) arrived at {@code nanos}. */
    public void dataReceived(long nanos) {
        lastDataNanos = nanos;
    }

    public void heartbeatMissed() {
        heartbeatMissed = true;
    }

    public void heartbeatAnswered() {
        heartbeatMissed = false;
    }

    /**
     * The status at {@code nanos}.
     *
     * @param lastMinute the keepalive summary over {@link #LATENCY_WINDOW}; {@link LatencySummary#empty} when neither
     *     RTT nor loss is watched
     */
    public HealthStatus evaluate(long nanos, HealthThresholds t, LatencySummary lastMinute) {
        EnumSet<HealthReason> reasons = EnumSet.noneOf(HealthReason.class);
        if (flapping(nanos)) {
            reasons.add(HealthReason.FLAPPING);
        }
        if (state != State.OPEN) {
            reasons.add(HealthReason.CLOSED);
        } else {
            if (t.staleOn() && nanos - lastDataNanos >= t.staleAfter().toNanos()) {
                reasons.add(HealthReason.STALE);
            }
            if (heartbeatMissed) {
                reasons.add(HealthReason.HEARTBEAT_MISSED);
            }
            if (!t.degradedRtt().isZero() && lastMinute.p95().filter(p -> p.compareTo(t.degradedRtt()) > 0).isPresent()) {
                reasons.add(HealthReason.RTT_HIGH);
            }
            if (lastMinute.lossRatio() * 100 > t.degradedLossPercent()) {
                reasons.add(HealthReason.LOSS);
            }
        }
        last = HealthStatus.of(reasons);
        return last;
    }

    /**
     * How long after {@code nanos} the status could change with no further input: the stale watchdog running out, the
     * oldest of the flapping closes leaving the window, or a look again while a keepalive figure is too high. Empty
     * when only an input can change it, so an idle healthy connection needs no timer.
     */
    public Optional<Duration> nextCheck(long nanos, HealthThresholds t) {
        long next = Long.MAX_VALUE;
        if (state == State.OPEN && t.staleOn()) {
            long left = t.staleAfter().toNanos() - (nanos - lastDataNanos);
            if (left > 0) {
                next = left; // once stale, only a message changes it
            }
        }
        if (flapping(nanos)) {
            next = Math.min(next, FLAP_WINDOW.toNanos() - (nanos - ends.peekFirst()));
        }
        if (last != null && state == State.OPEN
                && (last.reasons().contains(HealthReason.RTT_HIGH) || last.reasons().contains(HealthReason.LOSS))) {
            next = Math.min(next, LATENCY_RECHECK.toNanos());
        }
        return next == Long.MAX_VALUE ? Optional.empty() : Optional.of(Duration.ofNanos(next));
    }

    private boolean flapping(long nanos) {
        return ends.size() == FLAP_CLOSES && nanos - ends.peekFirst() < FLAP_WINDOW.toNanos();
    }
}
