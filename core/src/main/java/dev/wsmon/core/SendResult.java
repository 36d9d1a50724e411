package dev.wsmon.core;

import java.time.Duration;
import java.util.Optional;

/**
 * The final outcome of one send: delivered (a pong confirmed the peer read it), or failed with a reason.
 *
 * @param confirm time from acceptance to confirmation, when delivered
 */
public record SendResult(long id, boolean delivered, Optional<SendFailure> failure, String detail, Optional<Duration> confirm) {

    public static SendResult delivered(long id, Duration confirm) {
        return new SendResult(id, true, Optional.empty(), "", Optional.of(confirm));
    }

    public static SendResult failed(long id, SendFailure failure, String detail) {
        return new SendResult(id, false, Optional.of(failure), detail, Optional.empty());
    }
}
