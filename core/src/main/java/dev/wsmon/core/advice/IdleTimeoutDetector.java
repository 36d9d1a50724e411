package dev.wsmon.core.advice;

import dev.wsmon.core.CloseCause;
import dev.wsmon.core.CloseReport;
import dev.wsmon.core.Initiator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recognises an idle timeout in a proxy or load balancer between wsmon and the server: two or more attempts in a row
 * that were OPEN and ended without a close frame (or with 1001/1006 from the server) after the same time with no
 * frame received, within {@link #TOLERANCE}. Pure: the caller says how each opened attempt ended.
 */
public final class IdleTimeoutDetector {

    /** Idle times this close together (relative to the first of the run) count as the same. */
    public static final double TOLERANCE = 0.10;
    /** Attempts in a row with the signature before it is advice. */
    public static final int IN_A_ROW = 2;
    /** Below this the server drops the connection at once: that is no idle timer. */
    static final Duration MIN_IDLE = Duration.ofMillis(200);

    /** The signature was seen: {@code attempts} in a row ended after about {@code idle} without a frame. */
    public record Finding(Duration idle, int attempts) {
    }

    /** Idle times of the current run of attempts with the signature. */
    private final List<Duration> run = new ArrayList<>();
    private boolean reported;

    /**
     * Whether an attempt that ended so is part of the signature: no close frame (EOF, reset), or the server's close
     * with 1001 (going away: what proxies send) or 1006.
     */
    public static boolean looksLikeIdleKill(CloseReport r) {
        boolean noCloseFrame = !r.handshakeCompleted() && r.code() == CloseReport.ABNORMAL
                && (r.cause() == CloseCause.EOF || r.cause() == CloseCause.RESET);
        boolean serverGoingAway = r.initiator() == Initiator.REMOTE && r.cause() == CloseCause.REMOTE_CLOSE
                && (r.code() == 1001 || r.code() == CloseReport.ABNORMAL);
        return noCloseFrame || serverGoingAway;
    }

    /**
     * An attempt that was OPEN ended.
     *
     * @param idle the time from the last frame received to the end
     * @param signature whether it ended as {@link #looksLikeIdleKill} says
     * @return the finding, once per run, when the run reaches {@link #IN_A_ROW}
     */
    public Optional<Finding> attemptEnded(Duration idle, boolean signature) {
        if (!signature || idle.compareTo(MIN_IDLE) < 0) {
            reset();
            return Optional.empty();
        }
        if (!run.isEmpty() && !same(run.get(0), idle)) {
            reset();
        }
        run.add(idle);
        if (run.size() >= IN_A_ROW && !reported) {
            reported = true;
            return Optional.of(new Finding(mean(), run.size()));
        }
        return Optional.empty();
    }

    /** Forgets the run: after a change of the ping interval, the next attempts tell afresh. */
    public void reset() {
        run.clear();
        reported = false;
    }

    private static boolean same(Duration reference, Duration d) {
        return Math.abs(d.toNanos() - reference.toNanos()) <= TOLERANCE * reference.toNanos();
    }

    private Duration mean() {
        long sum = 0;
        for (Duration d : run) {
            sum += d.toNanos();
        }
        return Duration.ofNanos(sum / run.size());
    }

    /**
     * A ping interval comfortably below an idle timeout: half of it, rounded down to whole seconds from 2 s, else to
     * 100 ms, never below 10 ms (half leaves room for a late ping and its pong).
     */
    public static Duration suggestPingInterval(Duration idle) {
        long half = idle.toMillis() / 2;
        long rounded = half >= 2000 ? half / 1000 * 1000 : half >= 200 ? half / 100 * 100 : half;
        return Duration.ofMillis(Math.max(10, rounded));
    }
}
