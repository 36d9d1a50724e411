package dev.wsmon.app.viewmodel;

import dev.wsmon.core.ConnectionId;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One message as the inspector keeps it: whole, with what is known about it. Immutable; a send's outcome arrives
 * later and replaces the kept copy ({@link #withOutcome}).
 *
 * @param seq its number in {@link KeptMessages}, from 1, in the order the UI thread saw them
 * @param sendId the engine's send id, for a sent message; -1 for a received one
 * @param bytes payload size in bytes (UTF-8 for text)
 * @param text the text, for a text message; empty for a binary one
 * @param data the payload, for a binary message (read-only); empty for a text one
 * @param outcome for a sent message, what became of it; {@link Outcome#NONE} for a received one
 * @param outcomeDetail the outcome in words ("confirmed by a pong after 2.1 ms"), or empty
 * @param automatic sent by the session on its own (a responder's reply, a heartbeat), not by the operator
 */
public record InspectedMessage(long seq, ConnectionId connectionId, long ts, Direction direction, long sendId,
        boolean binary, int bytes, String text, ByteBuffer data, Outcome outcome, String outcomeDetail, boolean automatic) {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    /** Which way a message went. */
    public enum Direction {
        RECEIVED("← received"),
        SENT("→ sent");

        private final String label;

        Direction(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** What became of a send: the engine's three answers, and "not yet". */
    public enum Outcome {
        NONE(""),
        PENDING("awaiting confirmation"),
        DELIVERED("delivered"),
        UNCONFIRMED("unconfirmed"),
        REFUSED("refused");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public InspectedMessage {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(outcome, "outcome");
        if (seq < 1) {
            throw new IllegalArgumentException("message number must be ≥ 1, got " + seq);
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("message size must be ≥ 0 bytes, got " + bytes);
        }
        text = text == null ? "" : text;
        data = data == null ? EMPTY : data.asReadOnlyBuffer();
        outcomeDetail = outcomeDetail == null ? "" : outcomeDetail;
    }

    public static InspectedMessage received(long seq, ConnectionId connectionId, long ts, boolean binary, int bytes,
            String text, ByteBuffer data) {
        return received(seq, connectionId, ts, binary, bytes, text, data, false);
    }

    /** @param automatic a message the session answers or expects on its own (a protocol ping, a heartbeat's reply) */
    public static InspectedMessage received(long seq, ConnectionId connectionId, long ts, boolean binary, int bytes,
            String text, ByteBuffer data, boolean automatic) {
        return new InspectedMessage(seq, connectionId, ts, Direction.RECEIVED, -1, binary, bytes, text, data,
                Outcome.NONE, "", automatic);
    }

    public static InspectedMessage sent(long seq, ConnectionId connectionId, long ts, long sendId, int bytes, String text,
            Outcome outcome, String outcomeDetail, boolean automatic) {
        return new InspectedMessage(seq, connectionId, ts, Direction.SENT, sendId, false, bytes, text, null, outcome,
                outcomeDetail, automatic);
    }

    /** The payload from its first byte; a fresh view each call. */
    @Override
    public ByteBuffer data() {
        return data.duplicate();
    }

    public InspectedMessage withOutcome(Outcome value, String detail) {
        return new InspectedMessage(seq, connectionId, ts, direction, sendId, binary, bytes, text, data, value, detail,
                automatic);
    }

    /** Characters of a text message (code points, so an emoji is one); 0 for a binary one. */
    public int characters() {
        return text.codePointCount(0, text.length());
    }

    /** Whether {@code needle} (lower case) occurs in the text, or, for a binary message, in its ASCII rendering. */
    boolean contains(String needle) {
        if (!binary) {
            return text.toLowerCase(java.util.Locale.ROOT).contains(needle);
        }
        return HexDump.ascii(data()).toLowerCase(java.util.Locale.ROOT).contains(needle);
    }
}
