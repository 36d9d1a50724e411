package dev.wsmon.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a connection ended, as data: who ended it, the close code and reason, the cause, and what the
 * engine observed (the numbers a person needs to understand it). {@link
 * dev.wsmon.core.diagnosis.CloseDiagnosis} turns it into sentences.
 *
 * @param code the close code sent or received; 1006 for every end without a close handshake
 * @param reason the close reason from the close frame, or empty
 * @param initiator who ended the connection
 * @param cause the cause token
 * @param waited how long the engine waited before acting (ping or close timeout), or zero
 * @param pingSeq the keepalive ping that went unanswered, or -1
 * @param error the error the transport saw (exception message), or empty
 * @param httpStatus the HTTP status of a rejected upgrade, or 0
 * @param retryAfter the server's Retry-After, if it sent one
 * @param handshakeCompleted whether close frames went both ways before the TCP connection ended
 * @param phase for an attempt that never opened, the phase of the opening it ended in
 */
public record CloseReport(
        int code,
        String reason,
        Initiator initiator,
        CloseCause cause,
        Duration waited,
        long pingSeq,
        String error,
        int httpStatus,
        Optional<Duration> retryAfter,
        boolean handshakeCompleted,
        Optional<HandshakePhase> phase) {

    /** RFC 6455 7.4.1: reserved for an end without a close frame; never sent on the wire. */
    public static final int ABNORMAL = 1006;

    public CloseReport {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(initiator, "initiator");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(waited, "waited");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(phase, "phase");
    }

    /** A report without a phase: the attempt opened, or ended before its opening began. */
    public CloseReport(int code, String reason, Initiator initiator, CloseCause cause, Duration waited, long pingSeq,
                       String error, int httpStatus, Optional<Duration> retryAfter, boolean handshakeCompleted) {
        this(code, reason, initiator, cause, waited, pingSeq, error, httpStatus, retryAfter, handshakeCompleted,
                Optional.empty());
    }

    /** An end without a close handshake: code 1006. */
    public static CloseReport abnormal(Initiator initiator, CloseCause cause, String error) {
        return new CloseReport(ABNORMAL, "", initiator, cause, Duration.ZERO, -1, error, 0, Optional.empty(), false);
    }

    public CloseReport withWaited(Duration value) {
        return new CloseReport(code, reason, initiator, cause, value, pingSeq, error, httpStatus, retryAfter, handshakeCompleted, phase);
    }

    public CloseReport withPingSeq(long value) {
        return new CloseReport(code, reason, initiator, cause, waited, value, error, httpStatus, retryAfter, handshakeCompleted,
                phase);
    }

    public CloseReport withHttp(int status, Optional<Duration> retry) {
        return new CloseReport(code, reason, initiator, cause, waited, pingSeq, error, status, retry, handshakeCompleted,
                phase);
    }

    /** @param value the phase of the opening the attempt ended in, or empty */
    public CloseReport withPhase(Optional<HandshakePhase> value) {
        return new CloseReport(code, reason, initiator, cause, waited, pingSeq, error, httpStatus, retryAfter,
                handshakeCompleted, value);
    }
}
