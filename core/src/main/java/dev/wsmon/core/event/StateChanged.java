package dev.wsmon.core.event;

import dev.wsmon.core.CloseReport;
import dev.wsmon.core.ConnectionId;
import dev.wsmon.core.HandshakeTiming;
import dev.wsmon.core.Initiator;
import dev.wsmon.core.State;
import java.util.Objects;
import java.util.Optional;

/**
 * The connection entered {@code state}. Every attempt begins with CONNECTING and ends with exactly one
 * CLOSED, which carries the {@link CloseReport}.
 *
 * @param attempt the attempt number, counting from 1 for the connection's first connect
 * @param subprotocol the negotiated subprotocol on OPEN, else empty
 * @param extensions the negotiated extension on OPEN ("permessage-deflate"), else empty
 * @param initiator who started the end, on CLOSING and CLOSED
 * @param close how the attempt ended, on CLOSED only
 * @param timing how long each phase of the opening took, on OPEN only
 */
public record StateChanged(
        ConnectionId connectionId,
        long ts,
        State state,
        State previous,
        int attempt,
        String subprotocol,
        Optional<Initiator> initiator,
        Optional<CloseReport> close,
        String extensions,
        Optional<HandshakeTiming> timing) implements ConnectionEvent {

    public StateChanged {
        Objects.requireNonNull(connectionId, "connectionId");
        extensions = extensions == null ? "" : extensions;
        timing = timing == null ? Optional.empty() : timing;
    }

    /** A state change without handshake timing. */
    public StateChanged(ConnectionId connectionId, long ts, State state, State previous, int attempt, String subprotocol,
                        Optional<Initiator> initiator, Optional<CloseReport> close, String extensions) {
        this(connectionId, ts, state, previous, attempt, subprotocol, initiator, close, extensions, Optional.empty());
    }

    /** A state change with no extension negotiated. */
    public StateChanged(ConnectionId connectionId, long ts, State state, State previous, int attempt, String subprotocol,
                        Optional<Initiator> initiator, Optional<CloseReport> close) {
        this(connectionId, ts, state, previous, attempt, subprotocol, initiator, close, "");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.stateChanged(this);
    }

    @Override
    public Optional<StateChanged> asStateChange() {
        return Optional.of(this);
    }
}
