package dev.wsmon.core.machine;

import dev.wsmon.core.CloseCause;
import dev.wsmon.core.CloseReport;
import dev.wsmon.core.ConnectionId;
import dev.wsmon.core.HandshakePhase;
import dev.wsmon.core.HandshakeTiming;
import dev.wsmon.core.Initiator;
import dev.wsmon.core.SendFailure;
import dev.wsmon.core.Settings;
import dev.wsmon.core.State;
import dev.wsmon.core.event.ConnectionEvent;
import dev.wsmon.core.event.LatencySample;
import dev.wsmon.core.event.MessageDelivered;
import dev.wsmon.core.event.MessageReceived;
import dev.wsmon.core.event.MessageSent;
import dev.wsmon.core.event.PingUnanswered;
import dev.wsmon.core.event.ReconnectScheduled;
import dev.wsmon.core.event.SendFailed;
import dev.wsmon.core.event.SettingsApplied;
import dev.wsmon.core.event.StateChanged;
import dev.wsmon.core.transport.TransportEnd;
import dev.wsmon.core.transport.TransportFailure;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The lifecycle of one monitored connection, without threads, sockets or a clock: an input and the
 * current time go in, events and actions come out. Every state has a deadline ({@link #wakeAt()}), so
 * no path waits on the kernel or the peer; this is where the four failure modes of
 * failure-modes.md are decided.
 *
 * <p>Not thread-safe: its driver is its only caller.
 */
public final class ConnectionMachine {

    /** No deadline. */
    public static final long NEVER = Long.MAX_VALUE;

    /** Close frame overhead of a masked client frame with a 64-bit length: 2 + 8 + 4. */
    static final int FRAME_OVERHEAD = 14;

    /** Limits confirming pings under a steady send load to 40 a second. */
    static final long CONFIRM_GAP_NANOS = Duration.ofMillis(25).toNanos();

    private static final int GOING_AWAY = 1001;
    private static final int INTERNAL_ERROR = 1011;
    private static final int SERVICE_RESTART = 1012;
    private static final int TRY_AGAIN_LATER = 1013;
    private static final Duration RETRY_AFTER_CAP = Duration.ofHours(1);

    private final ConnectionId id;
    private final Backoff backoff;
    private Settings settings;

    private State state = State.CLOSED;
    private long stateSince;
    private int attempt;
    /** The user wants the connection up; cleared by a user close. */
    private boolean wanted;
    /** Reconnect without delay after the current attempt (reconnectNow on an open connection). */
    private boolean reconnectImmediately;
    private int consecutiveFailures;
    private long reconnectAt = NEVER;
    private CloseReport lastClose;

    // Per attempt: reset by startAttempt, so nothing of one attempt survives into the next (or reconnect works once, then stops).
    private long attemptStartedAt;
    private long openedAt = -1;
    private String subprotocol = "";
    private String extensions = "";
    private HandshakeTiming timing = HandshakeTiming.NONE;
    /** The phase of the opening in progress, null before the first and once OPEN. */
    private HandshakePhase phase;
    private long nextPingSeq = 1;
    private long inflightSeq = -1;
    private long inflightSentAt;
    /** Keepalive cadence: the last ping, or the moment of OPEN. */
    private long lastPingAt;
    /** The last ping actually sent in this attempt, for the gap between confirming pings. */
    private long lastPingSentAt;
    /** Accepted sends awaiting a pong that confirms them, oldest first. */
    private final ArrayDeque<Unconfirmed> unconfirmed = new ArrayDeque<>();

    // CLOSING
    private Initiator closingBy;
    private CloseCause closingCause;
    private int closingCode;
    private String closingReason = "";
    private long closingSince;

    private record Unconfirmed(long id, long acceptedAt, long lastPingBefore) {
    }

    public ConnectionMachine(ConnectionId id, Settings settings, Backoff backoff, long nowNanos) {
        this.id = Objects.requireNonNull(id, "id");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.stateSince = nowNanos;
    }

    public State state() {
        return state;
    }

    public long stateSince() {
        return stateSince;
    }

    public int attempt() {
        return attempt;
    }

    public Settings settings() {
        return settings;
    }

    public String subprotocol() {
        return subprotocol;
    }

    public Optional<CloseReport> lastClose() {
        return Optional.ofNullable(lastClose);
    }

    /** When the next reconnect attempt starts, or {@link #NEVER}. */
    public long reconnectAt() {
        return reconnectAt;
    }

    public boolean wanted() {
        return wanted;
    }

    /** Accepted sends still waiting for confirmation. */
    public int unconfirmedCount() {
        return unconfirmed.size();
    }

    /** The earliest deadline of the current state; the driver calls {@link Input.Tick} then. */
    public long wakeAt() {
        return switch (state) {
            case CONNECTING -> attemptStartedAt + settings.openTimeout().toNanos();
            case OPEN -> inflightSeq >= 0
                    ? inflightSentAt + settings.pingTimeout().toNanos()
                    : Math.min(lastPingAt + settings.pingInterval().toNanos(),
                            needsConfirmingPing() ? lastPingSentAt + CONFIRM_GAP_NANOS : NEVER);
            case CLOSING -> closingSince + settings.closeTimeout().toNanos();
            case CLOSED -> reconnectAt;
        };
    }

    /** Handles one input at time {@code now}, then acts on every deadline that has passed. */
    public Step handle(Input input, Now now) {
        Output out = new Output(now);
        if (input instanceof Input.FromTransport t && (t.attempt() != attempt || state == State.CLOSED)) {
            return out.step(); // a late callback of an attempt that is already over: ignored
        }
        input.accept(new Dispatch(out));
        runDeadlines(out);
        return out.step();
    }

    private void open(Output out) {
        wanted = true;
        if (state == State.CLOSED) {
            startAttempt(out);
        }
    }

    private void reconnectNow(Output out) {
        wanted = true;
        switch (state) {
            case CLOSED -> startAttempt(out);
            case CONNECTING -> {
                // A stuck handshake is the usual reason to ask: end this attempt and start a fresh one.
                reconnectImmediately = true;
                out.action(new Action.Dispose(true));
                finish(out, CloseReport.abnormal(Initiator.LOCAL, CloseCause.LOCAL_CLOSE, "reconnect requested"));
            }
            case OPEN -> {
                reconnectImmediately = true;
                closeLocally(out, CloseCause.LOCAL_CLOSE, 1000, "reconnect requested");
            }
            case CLOSING -> reconnectImmediately = true;
        }
    }

    private void userClose(Output out, int code, String reason, CloseCause cause) {
        wanted = false;
        reconnectImmediately = false;
        reconnectAt = NEVER;
        switch (state) {
            case CONNECTING -> {
                out.action(new Action.Dispose(true));
                finish(out, CloseReport.abnormal(Initiator.LOCAL, cause, "closed before the connection opened"));
            }
            case OPEN -> closeLocally(out, cause, code, reason);
            default -> { }
        }
    }

    private void closeLocally(Output out, CloseCause cause, int code, String reason) {
        if (inflightSeq < 0 && needsConfirmingPing()) {
            sendPing(out); // lets sends accepted just before the close still be confirmed
        }
        beginClosing(out, Initiator.LOCAL, cause, code, reason);
        out.action(new Action.SendClose(code, reason));
    }

    private void applySettings(Output out, Settings next) {
        Settings previous = settings;
        settings = next;
        if (state == State.CLOSED && !next.autoReconnect() && !reconnectImmediately) {
            reconnectAt = NEVER;
        }
        // Deadlines derive from settings in wakeAt(), so the new timeouts and interval apply at once.
        out.event(new SettingsApplied(id, out.now.epochMillis(), next, previous));
    }

    private void send(Output out, Input.Send s) {
        long ts = out.now.epochMillis();
        if (state != State.OPEN) {
            out.event(new SendFailed(id, ts, s.id(), SendFailure.NOT_OPEN, "connection is " + state));
        } else if (s.payloadBytes() > settings.maxMessageSize()) {
            out.event(new SendFailed(id, ts, s.id(), SendFailure.TOO_BIG, "message of " + s.payloadBytes()
                    + " bytes exceeds the max message size of " + settings.maxMessageSize() + " bytes"));
        } else if (s.pendingBytes() + s.payloadBytes() + FRAME_OVERHEAD > settings.sendQueueCap()) {
            out.event(new SendFailed(id, ts, s.id(), SendFailure.QUEUE_FULL, s.pendingBytes()
                    + " bytes are waiting to be written; the send queue cap is " + settings.sendQueueCap() + " bytes"));
        } else {
            out.action(new Action.SendText(s.id(), s.text()));
            out.event(new MessageSent(id, ts, s.id(), s.payloadBytes(), s.by()));
            unconfirmed.addLast(new Unconfirmed(s.id(), out.now.nanos(), nextPingSeq - 1));
        }
    }

    private void opened(Output out, Input.Opened o) {
        if (state != State.CONNECTING) {
            return;
        }
        openedAt = out.now.nanos();
        lastPingAt = openedAt;
        subprotocol = o.subprotocol() == null ? "" : o.subprotocol();
        extensions = o.extensions() == null ? "" : o.extensions();
        timing = o.timing();
        phase = null;
        transition(out, State.OPEN, Optional.empty(), Optional.empty());
    }

    private void pong(Output out, Input.Pong p) {
        if (inflightSeq < 0 || p.seq() != inflightSeq) {
            return; // unsolicited, or not ours
        }
        long now = out.now.nanos();
        long sentAt = p.writtenAtNanos() > 0 && p.writtenAtNanos() <= now
                ? Math.max(p.writtenAtNanos(), inflightSentAt) : inflightSentAt;
        inflightSeq = -1;
        out.event(new LatencySample(id, out.now.epochMillis(), p.seq(), Duration.ofNanos(now - sentAt)));
        // TCP keeps order and the peer answers pings in order: everything queued before this ping was read.
        confirmUpTo(out, p.seq());
    }

    /** Delivers every unconfirmed send queued before ping {@code seq}. */
    private void confirmUpTo(Output out, long seq) {
        long now = out.now.nanos();
        while (!unconfirmed.isEmpty() && unconfirmed.peekFirst().lastPingBefore() < seq) {
            Unconfirmed u = unconfirmed.removeFirst();
            out.event(new MessageDelivered(id, out.now.epochMillis(), u.id(), Duration.ofNanos(now - u.acceptedAt())));
        }
    }

    private void peerClosing(Output out, Input.PeerClosing p) {
        if (state != State.OPEN) {
            return;
        }
        // RFC 6455 5.5.1: the library has echoed the close frame; the server now closes TCP.
        beginClosing(out, Initiator.REMOTE, CloseCause.REMOTE_CLOSE, p.code(), p.reason());
    }

    private void libraryClosing(Output out, Input.LibraryClosing l) {
        if (state != State.OPEN) {
            return;
        }
        CloseCause cause = l.code() == 1009 ? CloseCause.MESSAGE_TOO_BIG : CloseCause.PROTOCOL_ERROR;
        beginClosing(out, Initiator.LOCAL, cause, l.code(), l.reason());
    }

    private void ended(Output out, TransportEnd end) {
        switch (state) {
            case CONNECTING -> {
                out.action(new Action.Dispose(true));
                finish(out, failedAttempt(end).withPhase(Optional.ofNullable(phase)));
            }
            case OPEN -> {
                if (end.peerCloseFrame()) {
                    out.action(new Action.Dispose(false));
                    finish(out, new CloseReport(end.code(), end.reason(), Initiator.REMOTE, CloseCause.REMOTE_CLOSE,
                            Duration.ZERO, -1, "", 0, Optional.empty(), true));
                } else {
                    out.action(new Action.Dispose(true));
                    finish(out, CloseReport.abnormal(initiatorOf(end), causeOf(end, CloseCause.EOF), end.error()));
                }
            }
            case CLOSING -> {
                // NONE: the library closed TCP itself once close frames were sent, without awaiting the answer.
                boolean completed = end.peerCloseFrame() || closingBy == Initiator.REMOTE
                        || end.failure() == TransportFailure.NONE;
                out.action(new Action.Dispose(!completed));
                if (completed) {
                    if (closingBy == Initiator.LOCAL && end.peerCloseFrame()) {
                        // The peer answered our close frame, so it read everything queued before it (TCP order).
                        confirmUpTo(out, Long.MAX_VALUE);
                    }
                    finish(out, new CloseReport(closingCode, closingReason, closingBy, closingCause,
                            Duration.ofNanos(out.now.nanos() - closingSince), -1, "", 0, Optional.empty(), true));
                } else if (end.failure() == TransportFailure.ABORTED) {
                    // Only the driver reports an abort while CLOSING (shutdown budget spent, a write failed).
                    finish(out, CloseReport.abnormal(closingBy, CloseCause.CLOSE_TIMEOUT, end.error())
                            .withWaited(Duration.ofNanos(out.now.nanos() - closingSince)));
                } else {
                    finish(out, CloseReport.abnormal(closingBy, causeOf(end, CloseCause.EOF), end.error()));
                }
            }
            case CLOSED -> { }
        }
    }

    private CloseReport failedAttempt(TransportEnd end) {
        return switch (end.failure()) {
            case HTTP_REJECTED -> CloseReport.abnormal(Initiator.REMOTE, CloseCause.HTTP_REJECTED, end.error())
                    .withHttp(end.httpStatus(), end.retryAfter());
            case TLS_FAILED -> CloseReport.abnormal(Initiator.LOCAL, CloseCause.TLS_FAILED, end.error());
            case PROXY_FAILED -> CloseReport.abnormal(end.httpStatus() > 0 ? Initiator.REMOTE : Initiator.NETWORK,
                    CloseCause.PROXY_FAILED, end.error()).withHttp(end.httpStatus(), Optional.empty());
            case PROTOCOL_ERROR -> CloseReport.abnormal(Initiator.LOCAL, CloseCause.PROTOCOL_ERROR, end.error());
            case RESET -> CloseReport.abnormal(Initiator.NETWORK, CloseCause.RESET, end.error());
            case EOF, NONE -> CloseReport.abnormal(Initiator.NETWORK, CloseCause.EOF, end.error());
            default -> CloseReport.abnormal(Initiator.NETWORK, CloseCause.CONNECT_FAILED, end.error());
        };
    }

    private static Initiator initiatorOf(TransportEnd end) {
        return switch (end.failure()) {
            case PROTOCOL_ERROR, MESSAGE_TOO_BIG, TLS_FAILED, ABORTED -> Initiator.LOCAL;
            default -> Initiator.NETWORK;
        };
    }

    private static CloseCause causeOf(TransportEnd end, CloseCause fallback) {
        return switch (end.failure()) {
            case RESET, ABORTED -> CloseCause.RESET;
            case EOF -> CloseCause.EOF;
            case PROTOCOL_ERROR -> CloseCause.PROTOCOL_ERROR;
            case MESSAGE_TOO_BIG -> CloseCause.MESSAGE_TOO_BIG;
            case TLS_FAILED -> CloseCause.TLS_FAILED;
            default -> fallback;
        };
    }

    private void runDeadlines(Output out) {
        // Bounded: each branch either changes state or moves its own deadline past now.
        for (int i = 0; i < 4 && out.now.nanos() >= wakeAt(); i++) {
            long now = out.now.nanos();
            switch (state) {
                case CONNECTING -> {
                    out.action(new Action.Dispose(true));
                    finish(out, CloseReport.abnormal(Initiator.LOCAL, CloseCause.OPEN_TIMEOUT, "")
                            .withWaited(Duration.ofNanos(now - attemptStartedAt)).withPhase(Optional.ofNullable(phase)));
                }
                case OPEN -> {
                    if (inflightSeq >= 0) {
                        keepaliveTimeout(out);
                    } else {
                        sendPing(out);
                    }
                }
                case CLOSING -> closeTimeout(out);
                case CLOSED -> startAttempt(out);
            }
        }
    }

    private void keepaliveTimeout(Output out) {
        long seq = inflightSeq;
        Duration waited = Duration.ofNanos(out.now.nanos() - inflightSentAt);
        // Half-open link: fail at once instead of a close handshake that cannot finish on a dead link.
        out.action(new Action.SendClose(INTERNAL_ERROR, "keepalive timeout"));
        out.action(new Action.Dispose(true));
        finish(out, CloseReport.abnormal(Initiator.LOCAL, CloseCause.KEEPALIVE_TIMEOUT, "")
                .withWaited(waited).withPingSeq(seq));
    }

    private void closeTimeout(Output out) {
        Duration waited = Duration.ofNanos(out.now.nanos() - closingSince);
        out.action(new Action.Dispose(true));
        if (closingBy == Initiator.REMOTE) {
            // Close frames went both ways; only the server's TCP close is missing.
            finish(out, new CloseReport(closingCode, closingReason, closingBy, closingCause, waited, -1, "", 0,
                    Optional.empty(), true));
        } else {
            finish(out, CloseReport.abnormal(closingBy, CloseCause.CLOSE_TIMEOUT, "").withWaited(waited));
        }
    }

    private void sendPing(Output out) {
        long seq = nextPingSeq++;
        inflightSeq = seq;
        inflightSentAt = out.now.nanos();
        lastPingAt = inflightSentAt;
        lastPingSentAt = inflightSentAt;
        out.action(new Action.SendPing(seq));
    }

    private boolean needsConfirmingPing() {
        return !unconfirmed.isEmpty() && unconfirmed.peekLast().lastPingBefore() == nextPingSeq - 1;
    }

    private void startAttempt(Output out) {
        attempt++;
        reconnectAt = NEVER;
        reconnectImmediately = false;
        attemptStartedAt = out.now.nanos();
        openedAt = -1;
        subprotocol = "";
        extensions = "";
        timing = HandshakeTiming.NONE;
        phase = null;
        inflightSeq = -1;
        lastPingSentAt = Long.MIN_VALUE / 2;
        unconfirmed.clear();
        out.action(new Action.Connect(attempt, settings));
        transition(out, State.CONNECTING, Optional.empty(), Optional.empty());
    }

    private void beginClosing(Output out, Initiator by, CloseCause cause, int code, String reason) {
        closingBy = by;
        closingCause = cause;
        closingCode = code;
        closingReason = reason == null ? "" : reason;
        closingSince = out.now.nanos();
        transition(out, State.CLOSING, Optional.of(by), Optional.empty());
    }

    /** Ends the attempt: every close is reported exactly once, here. */
    private void finish(Output out, CloseReport report) {
        long now = out.now.nanos();
        long ts = out.now.epochMillis();
        if (inflightSeq >= 0) {
            out.event(new PingUnanswered(id, ts, inflightSeq, Duration.ofNanos(now - inflightSentAt)));
            inflightSeq = -1;
        }
        for (Unconfirmed u : unconfirmed) {
            out.event(new SendFailed(id, ts, u.id(), SendFailure.UNCONFIRMED,
                    "connection ended before delivery was confirmed; the message may or may not have arrived"));
        }
        unconfirmed.clear();
        lastClose = report;
        transition(out, State.CLOSED, Optional.of(report.initiator()), Optional.of(report));
        if (openedAt >= 0 && now - openedAt >= settings.stablePeriod().toNanos()) {
            consecutiveFailures = 0;
        }
        if (wanted && (settings.autoReconnect() || reconnectImmediately)) {
            scheduleReconnect(out, report);
        }
    }

    private void scheduleReconnect(Output out, CloseReport report) {
        Duration delay;
        String basis;
        if (reconnectImmediately) {
            delay = Duration.ZERO;
            basis = "requested";
        } else if (report.retryAfter().isPresent()) {
            Duration asked = report.retryAfter().get();
            delay = asked.compareTo(RETRY_AFTER_CAP) > 0 ? RETRY_AFTER_CAP : asked;
            basis = "retry-after";
        } else if (report.initiator() == Initiator.REMOTE && report.code() == SERVICE_RESTART) {
            consecutiveFailures = 0;
            delay = backoff.jitter(settings.reconnectInitial(), settings);
            basis = "service-restart";
        } else if (report.initiator() == Initiator.REMOTE && report.code() == TRY_AGAIN_LATER) {
            delay = backoff.jitter(settings.reconnectMax(), settings);
            basis = "try-again-later";
        } else {
            delay = backoff.jitter(backoff.base(consecutiveFailures, settings), settings);
            basis = "backoff";
        }
        consecutiveFailures++;
        reconnectAt = out.now.nanos() + delay.toNanos();
        out.event(new ReconnectScheduled(id, out.now.epochMillis(), attempt + 1, delay, basis));
    }

    private void transition(Output out, State next, Optional<Initiator> initiator, Optional<CloseReport> close) {
        State previous = state;
        state = next;
        stateSince = out.now.nanos();
        out.event(new StateChanged(id, out.now.epochMillis(), next, previous, attempt,
                next == State.OPEN ? subprotocol : "", initiator, close, next == State.OPEN ? extensions : "",
                next == State.OPEN ? Optional.of(timing) : Optional.empty()));
    }

    /** Routes each input type to its handler; one method per type, so a new input cannot be left unhandled. */
    private final class Dispatch implements Input.Visitor<Void> {
        private final Output out;

        Dispatch(Output out) {
            this.out = out;
        }

        @Override
        public Void open(Input.Open input) {
            ConnectionMachine.this.open(out);
            return null;
        }

        @Override
        public Void close(Input.Close input) {
            userClose(out, input.code(), input.reason(), CloseCause.LOCAL_CLOSE);
            return null;
        }

        @Override
        public Void shutdown(Input.Shutdown input) {
            userClose(out, GOING_AWAY, "monitor shutting down", CloseCause.SHUTDOWN);
            return null;
        }

        @Override
        public Void reconnectNow(Input.ReconnectNow input) {
            ConnectionMachine.this.reconnectNow(out);
            return null;
        }

        @Override
        public Void applySettings(Input.ApplySettings input) {
            ConnectionMachine.this.applySettings(out, input.settings());
            return null;
        }

        @Override
        public Void send(Input.Send input) {
            ConnectionMachine.this.send(out, input);
            return null;
        }

        @Override
        public Void tick(Input.Tick input) {
            return null; // nothing but the deadlines, which run after every input
        }

        @Override
        public Void opened(Input.Opened input) {
            ConnectionMachine.this.opened(out, input);
            return null;
        }

        @Override
        public Void phaseBegan(Input.PhaseBegan input) {
            if (state == State.CONNECTING) {
                phase = input.phase();
            }
            return null;
        }

        @Override
        public Void received(Input.Received input) {
            out.event(new MessageReceived(id, out.now.epochMillis(), input.size(), input.binary(), input.text(),
                    input.data()));
            return null;
        }

        @Override
        public Void pong(Input.Pong input) {
            ConnectionMachine.this.pong(out, input);
            return null;
        }

        @Override
        public Void peerClosing(Input.PeerClosing input) {
            ConnectionMachine.this.peerClosing(out, input);
            return null;
        }

        @Override
        public Void libraryClosing(Input.LibraryClosing input) {
            ConnectionMachine.this.libraryClosing(out, input);
            return null;
        }

        @Override
        public Void ended(Input.Ended input) {
            ConnectionMachine.this.ended(out, input.end());
            return null;
        }
    }

    /** Collects one step's events and actions. */
    private static final class Output {
        private final Now now;
        private final List<ConnectionEvent> events = new ArrayList<>();
        private final List<Action> actions = new ArrayList<>();

        Output(Now now) {
            this.now = now;
        }

        void event(ConnectionEvent e) {
            events.add(e);
        }

        void action(Action a) {
            actions.add(a);
        }

        Step step() {
            return new Step(events, actions);
        }
    }
}
