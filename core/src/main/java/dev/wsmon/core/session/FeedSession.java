package dev.wsmon.core.session;

import dev.wsmon.core.ConnectionWatcher;
import dev.wsmon.core.HeaderTemplates;
import dev.wsmon.core.SendResult;
import dev.wsmon.core.SendTicket;
import dev.wsmon.core.Settings;
import dev.wsmon.core.State;
import dev.wsmon.core.event.AdviceGiven;
import dev.wsmon.core.event.AlertChanged;
import dev.wsmon.core.event.AppLatency;
import dev.wsmon.core.event.HealthChanged;
import dev.wsmon.core.event.LatencySample;
import dev.wsmon.core.event.MessageDelivered;
import dev.wsmon.core.event.PingUnanswered;
import dev.wsmon.core.event.ReconnectScheduled;
import dev.wsmon.core.event.ConnectionEvent;
import dev.wsmon.core.event.HeartbeatMissed;
import dev.wsmon.core.event.MessageReceived;
import dev.wsmon.core.event.MessageSent;
import dev.wsmon.core.event.SendFailed;
import dev.wsmon.core.event.SettingsApplied;
import dev.wsmon.core.event.StateChanged;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed session of one connection, as a watcher on its queue: after every OPEN it sends the on-open messages in
 * order; it answers received text messages with the first responder that matches; and while OPEN it sends the
 * heartbeat every heartbeat interval, and with an expected reply publishes {@link AppLatency} for each reply (from the
 * heartbeat's write to the reply's arrival) or {@link HeartbeatMissed} when none came within the heartbeat timeout.
 * Interval and timeout are read from the settings in effect, so live tuning applies at once.
 *
 * <p>Replies are matched to heartbeats oldest first; a reply after its heartbeat was missed answers the next one
 * still waiting, if any (a protocol ping carries no id to tell them apart). Leaving OPEN forgets every heartbeat in
 * flight: the close tells that story.
 */
public final class FeedSession implements ConnectionWatcher {

    private static final Logger log = LoggerFactory.getLogger(FeedSession.class);

    /** Told about on-open messages that were not delivered, so a view can say so in plain words. */
    public interface Observer {
        /**
         * @param index 0-based position in the on-open list
         * @param outcome refused ({@code not-open}, …) or unconfirmed; empty when the text could not be expanded
         * @param problem the sentence for people when there is no outcome (an unset variable, never a value)
         */
        void onOpenNotDelivered(int index, int count, Optional<SendResult> outcome, String problem);
    }

    /** Replaced whole by {@link #reconfigure} from any thread; read on the queue. */
    private volatile Active active;
    private final UnaryOperator<String> env;
    private final Observer observer;

    /** A configuration with its expected reply compiled. */
    private record Active(SessionConfig config, Optional<Pattern> expect) {
        Active(SessionConfig config) {
            this(config, config.heartbeat().flatMap(Heartbeat::expectPattern));
        }
    }

    // Confined to the connection's queue.
    /** Bumped whenever OPEN begins or ends, so that tasks of an earlier OPEN do nothing. */
    private int generation;
    private boolean open;
    private Cancellable tick;
    /** Identifies the one heartbeat task that may still run: a cancelled one may already be queued. */
    private long tickToken;
    private long lastBeatAt;
    /** Heartbeat sends not yet seen accepted, by send id. */
    private final Map<Long, Boolean> accepting = new HashMap<>();
    /** Heartbeats written and waiting for their reply, oldest first. */
    private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();

    private record InFlight(long sendId, long writtenAt, Cancellable timeout) {
    }

    /** @param env looks a variable up for {@code ${ENV}} in on-open and heartbeat texts; null when unset */
    public FeedSession(SessionConfig config, UnaryOperator<String> env, Observer observer) {
        this.active = new Active(Objects.requireNonNull(config, "config"));
        this.env = Objects.requireNonNull(env, "env");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    public FeedSession(SessionConfig config, UnaryOperator<String> env) {
        this(config, env, (index, count, outcome, problem) -> { });
    }

    public SessionConfig config() {
        return active.config();
    }

    /**
     * Changes what the session does: responders and the expected reply at once, on-open messages from the next OPEN,
     * a heartbeat's text at its next send (a heartbeat turned on starts with the next OPEN).
     */
    public void reconfigure(SessionConfig value) {
        active = new Active(Objects.requireNonNull(value, "config"));
    }

    /** The dispatch of this connection's context; made once, as every event of the connection passes here. */
    private Dispatch dispatch;

    @Override
    public void onEvent(ConnectionEvent event, Context ctx) {
        if (dispatch == null || dispatch.ctx != ctx) {
            dispatch = new Dispatch(ctx);
        }
        event.accept(dispatch);
    }

    /** What the session does with each event type; most it ignores. */
    private final class Dispatch implements ConnectionEvent.Visitor<Void> {
        private final Context ctx;

        Dispatch(Context ctx) {
            this.ctx = ctx;
        }

        @Override
        public Void stateChanged(StateChanged e) {
            FeedSession.this.stateChanged(e, ctx);
            return null;
        }

        @Override
        public Void messageReceived(MessageReceived e) {
            received(e, ctx);
            return null;
        }

        @Override
        public Void messageSent(MessageSent e) {
            accepted(e, ctx);
            return null;
        }

        @Override
        public Void sendFailed(SendFailed e) {
            accepting.remove(e.id());
            return null;
        }

        @Override
        public Void settingsApplied(SettingsApplied e) {
            retune(e, ctx);
            return null;
        }

        @Override
        public Void latencySample(LatencySample e) {
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
        public Void messageDelivered(MessageDelivered e) {
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
    }

    private void stateChanged(StateChanged s, Context ctx) {
        boolean nowOpen = s.state() == State.OPEN;
        if (nowOpen == open) {
            return;
        }
        open = nowOpen;
        generation++;
        stopHeartbeat();
        if (nowOpen) {
            sendOnOpen(ctx);
            if (active.config().heartbeat().isPresent()) {
                lastBeatAt = ctx.clock().nanoTime();
                scheduleBeat(ctx, ctx.settings().heartbeatInterval());
            }
        }
    }

    private void sendOnOpen(Context ctx) {
        List<String> messages = active.config().onOpen();
        for (int i = 0; i < messages.size(); i++) {
            int index = i;
            String text;
            try {
                text = HeaderTemplates.expandMessage("on-open message " + (i + 1), messages.get(i), env);
            } catch (IllegalArgumentException e) {
                log.warn("{}: {}; not sent", ctx.id().name(), e.getMessage());
                observer.onOpenNotDelivered(index, messages.size(), Optional.empty(), e.getMessage() + "; not sent");
                continue;
            }
            SendTicket ticket = ctx.send(text);
            ticket.outcome().thenAccept(r -> {
                if (!r.delivered()) {
                    observer.onOpenNotDelivered(index, messages.size(), Optional.of(r), "");
                }
            });
        }
    }

    private void received(MessageReceived m, Context ctx) {
        if (m.binary()) {
            return;
        }
        String text = m.text();
        Active a = active;
        if (a.expect().isPresent() && a.expect().get().matcher(text).matches()) {
            answered(ctx);
        }
        List<Responder> responders = a.config().responders();
        for (int i = 0; i < responders.size(); i++) {
            Optional<String> reply = responders.get(i).answer(text);
            if (reply.isPresent()) {
                ctx.sendAutomatic(reply.get(), SessionConfig.responderLabel(i));
                return;
            }
        }
    }

    private void answered(Context ctx) {
        InFlight beat = inFlight.poll();
        if (beat == null) {
            return; // unsolicited, or the reply to a heartbeat already reported missed with none after it
        }
        beat.timeout().cancel();
        long rtt = Math.max(0, ctx.clock().nanoTime() - beat.writtenAt());
        ctx.publish(new AppLatency(ctx.id(), ctx.clock().epochMillis(), Duration.ofNanos(rtt)));
    }

    /** A heartbeat was accepted and handed to the transport: its reply is timed from now. */
    private void accepted(MessageSent m, Context ctx) {
        if (accepting.remove(m.id()) == null || active.expect().isEmpty() || !open) {
            return;
        }
        Duration timeout = ctx.settings().effectiveHeartbeatTimeout();
        int gen = generation;
        long id = m.id();
        Cancellable t = ctx.schedule(timeout, () -> missed(ctx, gen, id, timeout));
        inFlight.add(new InFlight(id, ctx.clock().nanoTime(), t));
    }

    private void missed(Context ctx, int gen, long sendId, Duration timeout) {
        if (gen != generation || !inFlight.removeIf(b -> b.sendId() == sendId)) {
            return;
        }
        ctx.publish(new HeartbeatMissed(ctx.id(), ctx.clock().epochMillis(), timeout));
    }

    private void scheduleBeat(Context ctx, Duration delay) {
        long token = ++tickToken;
        tick = ctx.schedule(delay, () -> beat(ctx, token));
    }

    private void beat(Context ctx, long token) {
        if (token != tickToken || !open || ctx.state() != State.OPEN) {
            return;
        }
        Optional<Heartbeat> current = active.config().heartbeat();
        if (current.isEmpty()) {
            return; // turned off: no more beats until it is turned on again
        }
        Heartbeat h = current.get();
        lastBeatAt = ctx.clock().nanoTime();
        try {
            String text = HeaderTemplates.expandMessage("heartbeat", h.text(), env);
            SendTicket ticket = ctx.sendAutomatic(text, SessionConfig.HEARTBEAT);
            accepting.put(ticket.id(), Boolean.TRUE);
        } catch (IllegalArgumentException e) {
            log.warn("{}: {}; heartbeat not sent", ctx.id().name(), e.getMessage());
        }
        scheduleBeat(ctx, ctx.settings().heartbeatInterval());
    }

    /** A new heartbeat interval applies from the last heartbeat, not from the next one that the old one planned. */
    private void retune(SettingsApplied a, Context ctx) {
        Settings next = a.settings();
        if (!open || active.config().heartbeat().isEmpty() || next.heartbeatInterval().equals(a.previous().heartbeatInterval())) {
            return;
        }
        if (tick != null) {
            tick.cancel();
        }
        long due = lastBeatAt + next.heartbeatInterval().toNanos();
        scheduleBeat(ctx, Duration.ofNanos(Math.max(0, due - ctx.clock().nanoTime())));
    }

    private void stopHeartbeat() {
        tickToken++;
        if (tick != null) {
            tick.cancel();
            tick = null;
        }
        inFlight.forEach(b -> b.timeout().cancel());
        inFlight.clear();
        accepting.clear();
    }
}
