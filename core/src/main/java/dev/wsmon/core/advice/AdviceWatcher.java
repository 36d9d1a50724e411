package dev.wsmon.core.advice;

import dev.wsmon.core.CloseReport;
import dev.wsmon.core.ConnectionWatcher;
import dev.wsmon.core.Durations;
import dev.wsmon.core.State;
import dev.wsmon.core.event.AdviceGiven;
import dev.wsmon.core.event.ConnectionEvent;
import dev.wsmon.core.event.LatencySample;
import dev.wsmon.core.event.MessageReceived;
import dev.wsmon.core.event.SettingsApplied;
import dev.wsmon.core.event.StateChanged;
import java.time.Duration;
import java.util.Map;

/**
 * Gives {@link AdviceGiven} for one connection: kind {@value #IDLE_TIMEOUT} from an {@link IdleTimeoutDetector}, kind
 * {@value #PING_TIMEOUT} from a {@link PingTimeoutAdvisor}. The time with no frame received is measured here from the
 * events that carry a received frame: the OPEN (the upgrade response), messages and pongs.
 */
public final class AdviceWatcher implements ConnectionWatcher {

    public static final String IDLE_TIMEOUT = "idle-timeout";
    public static final String PING_TIMEOUT = "ping-timeout";
    /** The keys of {@link AdviceGiven#suggest()}, in the contract's spelling. */
    public static final String PING_INTERVAL_KEY = "ping_interval";
    public static final String PING_TIMEOUT_KEY = "ping_timeout";

    private final IdleTimeoutDetector idle = new IdleTimeoutDetector();
    private final PingTimeoutAdvisor pings = new PingTimeoutAdvisor();
    /** Monotonic time of the last frame received in the current attempt; meaningful while {@link #opened}. */
    private long lastFrame;
    /** When the current attempt's end began (the server's close frame, or the end itself); 0 while none. */
    private long endBegan;
    private boolean opened;

    @Override
    public void onEvent(ConnectionEvent event, Context ctx) {
        long now = ctx.clock().nanoTime();
        if (event instanceof StateChanged s) {
            stateChanged(s, now, ctx);
        } else if (event instanceof MessageReceived || event instanceof LatencySample) {
            lastFrame = now;
            if (event instanceof LatencySample l) {
                pings.sample(l.rtt(), ctx.settings().pingTimeout()).ifPresent(f -> ctx.publish(pingTimeoutAdvice(f, ctx)));
            }
        } else if (event instanceof SettingsApplied a
                && !a.settings().pingInterval().equals(a.previous().pingInterval())) {
            idle.reset();
        }
    }

    private void stateChanged(StateChanged s, long now, Context ctx) {
        switch (s.state()) {
            case CONNECTING -> {
                opened = false;
                endBegan = 0;
            }
            case OPEN -> {
                opened = true;
                lastFrame = now;
            }
            case CLOSING -> {
                if (endBegan == 0) {
                    endBegan = now;
                }
            }
            case CLOSED -> {
                if (opened && s.close().isPresent()) {
                    CloseReport r = s.close().get();
                    Duration quiet = Duration.ofNanos(Math.max(0, (endBegan != 0 ? endBegan : now) - lastFrame));
                    idle.attemptEnded(quiet, IdleTimeoutDetector.looksLikeIdleKill(r))
                            .filter(f -> ctx.settings().pingInterval().compareTo(f.idle().multipliedBy(9).dividedBy(10)) >= 0)
                            .ifPresent(f -> ctx.publish(idleAdvice(f, r, ctx)));
                }
                opened = false;
                endBegan = 0;
            }
        }
    }

    private static AdviceGiven idleAdvice(IdleTimeoutDetector.Finding f, CloseReport last, Context ctx) {
        Duration suggest = IdleTimeoutDetector.suggestPingInterval(f.idle());
        String how = last.cause().token() + (last.code() == CloseReport.ABNORMAL ? "" : " " + last.code());
        String detail = f.attempts() + " attempts in a row ended (" + how + ") after " + Durations.measured(f.idle())
                + " with no frame received: the signature of an idle timeout in a proxy or load balancer in between."
                + " Ping more often than that: ping interval " + Durations.toSyntax(suggest) + " instead of "
                + Durations.toSyntax(ctx.settings().pingInterval()) + ".";
        return new AdviceGiven(ctx.id(), ctx.clock().epochMillis(), IDLE_TIMEOUT, detail,
                Map.of(PING_INTERVAL_KEY, Durations.toSyntax(suggest)));
    }

    private static AdviceGiven pingTimeoutAdvice(PingTimeoutAdvisor.Finding f, Context ctx) {
        String detail = "ping timeout " + Durations.format(f.current()) + " is shorter than 3 × the p99 RTT ("
                + Durations.measured(f.p99()) + "): an ordinary slow pong would end a healthy connection as"
                + " keepalive-timeout. Ping timeout " + Durations.toSyntax(f.suggest()) + " avoids these false alarms.";
        return new AdviceGiven(ctx.id(), ctx.clock().epochMillis(), PING_TIMEOUT, detail,
                Map.of(PING_TIMEOUT_KEY, Durations.toSyntax(f.suggest())));
    }
}
