package dev.wsmon.core.advice;

import dev.wsmon.core.CloseReport;
import dev.wsmon.core.ConnectionWatcher;
import dev.wsmon.core.Durations;
import dev.wsmon.core.State;
import dev.wsmon.core.event.AdviceGiven;
import dev.wsmon.core.event.AlertChanged;
import dev.wsmon.core.event.AppLatency;
import dev.wsmon.core.event.ConnectionEvent;
import dev.wsmon.core.event.HealthChanged;
import dev.wsmon.core.event.HeartbeatMissed;
import dev.wsmon.core.event.LatencySample;
import dev.wsmon.core.event.MessageDelivered;
import dev.wsmon.core.event.MessageReceived;
import dev.wsmon.core.event.MessageSent;
import dev.wsmon.core.event.PingUnanswered;
import dev.wsmon.core.event.ReconnectScheduled;
import dev.wsmon.core.event.SendFailed;
import dev.wsmon.core.event.SettingsApplied;
import dev.wsmon.core.event.StateChanged;
import java.time.Duration;
import java.util.Map;

/**
 * Gives {@link AdviceGiven} for one connection: kind {@value #IDLE_TIMEOUT} from an {@link IdleTimeoutDetector}, kind
 * {@value #PING_TIMEOUT} from a {@link PingTimeoutAdvisor}. The time with no frame received is measured here from the
 * events that carry a received frame: the OPEN (the upgrade response), messages and pongs.
 */
public final class AdviceWatcher implements ConnectionWatcher, ConnectionEvent.Visitor<Void> {

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
    /** The context of the event being handled, and the time it is handled. */
    private Context ctx;
    private long now;

    @Override
    public void onEvent(ConnectionEvent event, Context context) {
        ctx = context;
        now = context.clock().nanoTime();
        event.accept(this);
    }

    @Override
    public Void messageReceived(MessageReceived e) {
        lastFrame = now;
        return null;
    }

    @Override
    public Void latencySample(LatencySample l) {
        lastFrame = now;
        pings.sample(l.rtt(), ctx.settings().pingTimeout()).ifPresent(f -> ctx.publish(pingTimeoutAdvice(f, ctx)));
        return null;
    }

    @Override
    public Void settingsApplied(SettingsApplied a) {
        if (!a.settings().pingInterval().equals(a.previous().pingInterval())) {
            idle.reset();
        }
        return null;
    }

    @Override
    public Void pingUnanswered(PingUnanswered e) {
        return null;
    }

    @Override
    public Void reconnectScheduled(ReconnectScheduled e) {
        return null;
    }

    @Override
    public Void messageSent(MessageSent e) {
        return null;
    }

    @Override
    public Void messageDelivered(MessageDelivered e) {
        return null;
    }

    @Override
    public Void sendFailed(SendFailed e) {
        return null;
    }

    @Override
    public Void healthChanged(HealthChanged e) {
        return null;
    }

    @Override
    public Void appLatency(AppLatency e) {
        return null;
    }

    @Override
    public Void heartbeatMissed(HeartbeatMissed e) {
        return null;
    }

    @Override
    public Void alertChanged(AlertChanged e) {
        return null;
    }

    @Override
    public Void adviceGiven(AdviceGiven e) {
        return null;
    }

    @Override
    public Void stateChanged(StateChanged s) {
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
        return null;
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
