package dev.wsmon.core.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How one attempt's connection ended, as the transport saw it.
 *
 * @param code the close code from the close frames, or 1006 when there was none
 * @param reason the close reason, or empty
 * @param peerCloseFrame whether a close frame from the peer arrived
 * @param failure what went wrong, if anything
 * @param error the underlying error message, or empty
 * @param httpStatus the status of a rejected upgrade, or 0
 * @param retryAfter the rejected upgrade's Retry-After
 */
public record TransportEnd(
        int code,
        String reason,
        boolean peerCloseFrame,
        TransportFailure failure,
        String error,
        int httpStatus,
        Optional<Duration> retryAfter) {

    public TransportEnd {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public static TransportEnd failed(TransportFailure failure, String error) {
        return new TransportEnd(1006, "", false, failure, error, 0, Optional.empty());
    }

    public static TransportEnd closeHandshake(int code, String reason) {
        return new TransportEnd(code, reason, true, TransportFailure.NONE, "", 0, Optional.empty());
    }
}
