package dev.wsmon.core.machine;

import dev.wsmon.core.Settings;
import dev.wsmon.core.transport.TransportEnd;

/**
 * Everything that can happen to a connection, as data. User commands carry no attempt; transport
 * inputs carry the attempt they belong to, so that late callbacks of an old attempt are ignored (else a stale callback could end the new attempt).
 */
public sealed interface Input {

    /** The user wants the connection up. */
    record Open() implements Input {
    }

    /** The user closes the connection; it stays closed. */
    record Close(int code, String reason) implements Input {
    }

    /** The monitor is shutting down: close as a user close would, cause {@code shutdown}. */
    record Shutdown() implements Input {
    }

    /** Skip the reconnect wait; on an open connection, start a fresh one. */
    record ReconnectNow() implements Input {
    }

    record ApplySettings(Settings settings) implements Input {
    }

    /**
     * The user sends a text message.
     *
     * @param payloadBytes UTF-8 size of {@code text}
     * @param pendingBytes bytes the current attempt has accepted and not yet handed to the kernel
     */
    record Send(long id, String text, int payloadBytes, long pendingBytes) implements Input {
    }

    /** The watchdog fired: act on every deadline that has passed. */
    record Tick() implements Input {
    }

    /** Inputs that come from an attempt's transport. */
    sealed interface FromTransport extends Input {
        int attempt();
    }

    record Opened(int attempt, String subprotocol) implements FromTransport {
    }

    record Received(int attempt, int size, boolean binary, String text) implements FromTransport {
    }

    /**
     * A pong carrying ping {@code seq} arrived.
     *
     * @param writtenAtNanos when the ping's bytes reached the kernel, or 0 if unknown
     */
    record Pong(int attempt, long seq, long writtenAtNanos) implements FromTransport {
    }

    /** The peer's close frame arrived while OPEN; the library has echoed it. */
    record PeerClosing(int attempt, int code, String reason) implements FromTransport {
    }

    /** The library itself started a close handshake (1009 message too big, 1002/1007 protocol error). */
    record LibraryClosing(int attempt, int code, String reason) implements FromTransport {
    }

    /** The attempt's connection is over. */
    record Ended(int attempt, TransportEnd end) implements FromTransport {
    }
}
