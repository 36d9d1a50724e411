package dev.wsmon.core.machine;

import dev.wsmon.core.HandshakePhase;
import dev.wsmon.core.HandshakeTiming;
import dev.wsmon.core.Settings;
import dev.wsmon.core.transport.TransportEnd;

/**
 * Everything that can happen to a connection, as data. User commands carry no attempt; transport
 * inputs carry the attempt they belong to, so that late callbacks of an old attempt are ignored (else a stale callback could end the new attempt).
 */
public sealed interface Input {

    <R> R accept(Visitor<R> visitor);

    /** The user wants the connection up. */
    record Open() implements Input {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.open(this);
        }
    }

    /** The user closes the connection; it stays closed. */
    record Close(int code, String reason) implements Input {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.close(this);
        }
    }

    /** The monitor is shutting down: close as a user close would, cause {@code shutdown}. */
    record Shutdown() implements Input {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.shutdown(this);
        }
    }

    /** Skip the reconnect wait; on an open connection, start a fresh one. */
    record ReconnectNow() implements Input {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.reconnectNow(this);
        }
    }

    record ApplySettings(Settings settings) implements Input {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.applySettings(this);
        }
    }

    /**
     * The user sends a text message.
     *
     * @param payloadBytes UTF-8 size of {@code text}
     * @param pendingBytes bytes the current attempt has accepted and not yet handed to the kernel
     * @param by empty for the user's send, else the automatic sender ({@link dev.wsmon.core.event.MessageSent#by()})
     */
    record Send(long id, String text, int payloadBytes, long pendingBytes, String by) implements Input {
        public Send {
            java.util.Objects.requireNonNull(by, "by");
        }

        /** The user's send. */
        public Send(long id, String text, int payloadBytes, long pendingBytes) {
            this(id, text, payloadBytes, pendingBytes, "");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.send(this);
        }
    }

    /** The watchdog fired: act on every deadline that has passed. */
    record Tick() implements Input {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.tick(this);
        }
    }

    /** Inputs that come from an attempt's transport. */
    sealed interface FromTransport extends Input {
        int attempt();
    }

    /**
     * @param extensions the negotiated extension ("permessage-deflate"), or ""
     * @param timing how long each phase of the opening took
     */
    record Opened(int attempt, String subprotocol, String extensions, HandshakeTiming timing) implements FromTransport {
        public Opened {
            timing = timing == null ? HandshakeTiming.NONE : timing;
        }

        public Opened(int attempt, String subprotocol, String extensions) {
            this(attempt, subprotocol, extensions, HandshakeTiming.NONE);
        }

        public Opened(int attempt, String subprotocol) {
            this(attempt, subprotocol, "");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.opened(this);
        }
    }

    /** The attempt's opening entered {@code phase}: an attempt that fails before OPEN failed in it. */
    record PhaseBegan(int attempt, HandshakePhase phase) implements FromTransport {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.phaseBegan(this);
        }
    }

    /** @param data a binary message's bytes (read-only), empty for text */
    record Received(int attempt, int size, boolean binary, String text, java.nio.ByteBuffer data) implements FromTransport {
        public Received {
            java.util.Objects.requireNonNull(data, "data");
        }

        public Received(int attempt, int size, boolean binary, String text) {
            this(attempt, size, binary, text, dev.wsmon.core.event.MessageReceived.NO_DATA);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.received(this);
        }
    }

    /**
     * A pong carrying ping {@code seq} arrived.
     *
     * @param writtenAtNanos when the ping's bytes reached the kernel, or 0 if unknown
     */
    record Pong(int attempt, long seq, long writtenAtNanos) implements FromTransport {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.pong(this);
        }
    }

    /** The peer's close frame arrived while OPEN; the library has echoed it. */
    record PeerClosing(int attempt, int code, String reason) implements FromTransport {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.peerClosing(this);
        }
    }

    /** The library itself started a close handshake (1009 message too big, 1002/1007 protocol error). */
    record LibraryClosing(int attempt, int code, String reason) implements FromTransport {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.libraryClosing(this);
        }
    }

    /** The attempt's connection is over. */
    record Ended(int attempt, TransportEnd end) implements FromTransport {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.ended(this);
        }
    }

    /** One method per input type; implement all of them (Java 17 has no exhaustive pattern switch). */
    interface Visitor<R> {
        R open(Open input);

        R close(Close input);

        R shutdown(Shutdown input);

        R reconnectNow(ReconnectNow input);

        R applySettings(ApplySettings input);

        R send(Send input);

        R tick(Tick input);

        R opened(Opened input);

        R phaseBegan(PhaseBegan input);

        R received(Received input);

        R pong(Pong input);

        R peerClosing(PeerClosing input);

        R libraryClosing(LibraryClosing input);

        R ended(Ended input);
    }
}
