package dev.wsmon.core.transport;

import dev.wsmon.core.HandshakePhase;
import dev.wsmon.core.HandshakeTiming;

/** What a transport reports, from the library's threads. Implementations must return quickly. */
public interface TransportListener {

    void opened(String subprotocol);

    /** @param extensions the negotiated extension ("permessage-deflate"), or "" */
    default void opened(String subprotocol, String extensions) {
        opened(subprotocol);
    }

    /** @param timing how long each phase of the opening took */
    default void opened(String subprotocol, String extensions, HandshakeTiming timing) {
        opened(subprotocol, extensions);
    }

    /** The attempt's opening entered {@code phase}; a failure before OPEN happened in the last one begun. */
    default void phaseBegan(HandshakePhase phase) {
    }

    void received(String text, int size);

    void receivedBinary(int size);

    /** A binary message with its bytes ({@code data} is only valid during the call). */
    default void receivedBinary(java.nio.ByteBuffer data) {
        receivedBinary(data.remaining());
    }

    /** @param writtenAtNanos when the ping's bytes reached the kernel (the engine's {@link dev.wsmon.core.MonotonicClock}), 0 if unknown */
    void pong(long seq, long writtenAtNanos);

    /** The peer's close frame arrived first; the library has answered it. */
    void peerClosing(int code, String reason);

    /** The library started a close handshake of its own accord (1009, 1002, 1007). */
    void libraryClosing(int code, String reason);

    /** The attempt is over; reported once. */
    void ended(TransportEnd end);
}
