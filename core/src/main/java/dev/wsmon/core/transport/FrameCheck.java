package dev.wsmon.core.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads the server's byte stream alongside the library and checks what RFC 6455 requires a client to
 * check, which Java-WebSocket 1.6.0 does not (masked frames) or gets wrong (a 1-byte close body is taken as
 * the peer's 1002; a close reason that is not UTF-8 throws inside the library, and the connection ends as
 * a bare EOF). It finds the first frame that breaks a MUST and says so in the user's words; everything
 * before that frame is the library's to deliver as usual.
 */
final class FrameCheck {

    /** RFC 6455 7.4.1. */
    static final int PROTOCOL_ERROR = 1002;
    static final int INVALID_PAYLOAD = 1007;
    static final int MESSAGE_TOO_BIG = 1009;

    /** A broken MUST: the close code to fail the connection with, and what the server did. */
    record Violation(int code, String message) {
    }

    private static final int OP_CONTINUATION = 0x0;
    private static final int OP_TEXT = 0x1;
    private static final int OP_BINARY = 0x2;
    private static final int OP_CLOSE = 0x8;
    private static final int OP_PING = 0x9;
    private static final int OP_PONG = 0xA;

    private final byte[] header = new byte[10];
    private int headerLength;
    private int headerNeeded = 2;
    private boolean inPayload;
    private long payloadLeft;
    private int opcode;
    private boolean fin;

    private boolean fragmented;
    private boolean fragmentedText;
    /** permessage-deflate was negotiated: RSV1 may mark a data message's first frame. */
    private boolean compression;
    /** The current data message is compressed: its bytes are not UTF-8 until inflated (the library checks then). */
    private boolean compressedMessage;
    private final Utf8Stream text = new Utf8Stream();
    private final byte[] control = new byte[125];
    private int controlLength;

    private Violation violation;
    private boolean closeWithoutStatus;

    /**
     * Scans {@code buf} from its position to its limit without moving either.
     *
     * @return -1 if every byte is acceptable; else the index in {@code buf} where the offending frame begins
     *     (its position when the frame began in an earlier buffer), with {@link #violation()} set
     */
    int scan(ByteBuffer buf) {
        if (violation != null) {
            return buf.position();
        }
        int frameStart = inPayload || headerLength > 0 ? buf.position() : -1;
        int i = buf.position();
        int limit = buf.limit();
        while (i < limit) {
            if (!inPayload) {
                if (headerLength == 0) {
                    frameStart = i;
                }
                header[headerLength++] = buf.get(i++);
                if (headerLength == 2) {
                    violation = checkFirstBytes();
                    if (violation == null) {
                        int len7 = header[1] & 0x7F;
                        headerNeeded = len7 == 126 ? 4 : len7 == 127 ? 10 : 2;
                    }
                }
                if (violation == null && headerLength == headerNeeded) {
                    violation = startPayload();
                }
            } else {
                int n = (int) Math.min(payloadLeft, limit - i);
                violation = payload(buf, i, n);
                i += n;
                payloadLeft -= n;
                if (violation == null && payloadLeft == 0) {
                    violation = frameDone();
                }
            }
            if (violation != null) {
                return Math.max(frameStart, buf.position());
            }
        }
        return -1;
    }

    void compressionNegotiated() {
        compression = true;
    }

    Violation violation() {
        return violation;
    }

    /** Whether the last close frame read had an empty body: RFC 6455 7.1.5 reports that as 1005. */
    boolean closeWithoutStatus() {
        return closeWithoutStatus;
    }

    private Violation checkFirstBytes() {
        fin = (header[0] & 0x80) != 0;
        int rsv = (header[0] >> 4) & 0x7;
        opcode = header[0] & 0x0F;
        boolean masked = (header[1] & 0x80) != 0;
        int len7 = header[1] & 0x7F;
        boolean firstOfDataMessage = opcode == OP_TEXT || opcode == OP_BINARY;
        if (compression && rsv == 0x4 && !firstOfDataMessage) {
            // RFC 7692 6: RSV1 marks only the first frame of a compressed message.
            return protocol("the server set RSV1 on a " + name(opcode) + " frame; permessage-deflate marks only the first"
                    + " frame of a message");
        }
        if (rsv != 0 && !(compression && rsv == 0x4)) {
            // RFC 6455 5.2: no reserved bit may be set that no negotiated extension defines.
            return protocol("the server set reserved bit " + rsvNames(rsv)
                    + (compression ? ", which permessage-deflate does not define" : " with no extension negotiated"));
        }
        if (firstOfDataMessage) {
            compressedMessage = rsv == 0x4;
        }
        if (opcode != OP_CONTINUATION && opcode != OP_TEXT && opcode != OP_BINARY && opcode != OP_CLOSE
                && opcode != OP_PING && opcode != OP_PONG) {
            return protocol("the server sent a frame with reserved opcode 0x" + Integer.toHexString(opcode).toUpperCase());
        }
        if (masked) {
            return protocol("the server masked a frame; servers must not mask (RFC 6455 5.1)");
        }
        boolean isControl = opcode >= OP_CLOSE;
        if (isControl && !fin) {
            return protocol("the server fragmented a " + name(opcode) + " frame; control frames must not be fragmented");
        }
        if (isControl && len7 > 125) {
            return protocol("the server sent a " + name(opcode) + " frame longer than 125 bytes");
        }
        if (opcode == OP_CONTINUATION && !fragmented) {
            return protocol("the server sent a continuation frame with no fragmented message to continue");
        }
        if ((opcode == OP_TEXT || opcode == OP_BINARY) && fragmented) {
            return protocol("the server started a new " + name(opcode) + " message inside a fragmented one");
        }
        return null;
    }

    private Violation startPayload() {
        long length;
        if (headerNeeded == 4) {
            length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
        } else if (headerNeeded == 10) {
            if ((header[2] & 0x80) != 0) {
                return protocol("the server sent a frame length with the most significant bit set");
            }
            length = 0;
            for (int k = 2; k < 10; k++) {
                length = (length << 8) | (header[k] & 0xFF);
            }
            if (length > Integer.MAX_VALUE) {
                // The library would log this with a stack trace; no message size limit is that large anyway.
                return new Violation(MESSAGE_TOO_BIG, "the server sent a frame of " + length + " bytes");
            }
        } else {
            length = header[1] & 0x7F;
        }
        headerLength = 0;
        headerNeeded = 2;
        controlLength = 0;
        if (opcode == OP_TEXT) {
            text.reset();
        }
        payloadLeft = length;
        inPayload = true;
        return length == 0 ? frameDone() : null;
    }

    private Violation payload(ByteBuffer buf, int from, int n) {
        if (opcode == OP_CLOSE) {
            for (int k = 0; k < n; k++) {
                control[controlLength++] = buf.get(from + k);
            }
        } else if (!compressedMessage && (opcode == OP_TEXT || (opcode == OP_CONTINUATION && fragmentedText))) {
            boolean valid;
            if (buf.hasArray()) {
                valid = text.feed(buf.array(), buf.arrayOffset() + from, n);
            } else {
                valid = true;
                for (int k = 0; k < n && valid; k++) {
                    valid = text.feed(buf.get(from + k));
                }
            }
            if (!valid) {
                return invalidText();
            }
        }
        return null;
    }

    private Violation frameDone() {
        inPayload = false;
        if (opcode == OP_CLOSE) {
            return checkClose();
        }
        if (opcode == OP_TEXT || opcode == OP_BINARY) {
            fragmented = !fin;
            fragmentedText = opcode == OP_TEXT;
        } else if (opcode == OP_CONTINUATION && fin) {
            fragmented = false;
        }
        boolean textEnds = fin && (opcode == OP_TEXT || (opcode == OP_CONTINUATION && fragmentedText));
        if (textEnds) {
            fragmentedText = false;
            if (!compressedMessage && !text.complete()) {
                return invalidText();
            }
        }
        return null;
    }

    /** RFC 6455 5.5.1 and 7.4: a close body is empty, or a valid code and a UTF-8 reason. */
    private Violation checkClose() {
        closeWithoutStatus = controlLength == 0;
        if (controlLength == 0) {
            return null;
        }
        if (controlLength == 1) {
            return protocol("the server sent a close frame with a 1-byte body; a close code takes 2 bytes");
        }
        int code = ((control[0] & 0xFF) << 8) | (control[1] & 0xFF);
        if (!validOnTheWire(code)) {
            return protocol("the server sent close code " + code + ", which is not allowed in a close frame");
        }
        Utf8Stream reason = new Utf8Stream();
        if (!reason.feed(control, 2, controlLength - 2) || !reason.complete()) {
            return new Violation(INVALID_PAYLOAD, "the server sent a close reason that is not valid UTF-8");
        }
        return null;
    }

    /** RFC 6455 7.4.1-7.4.2 and the IANA registry: 1000-1003, 1007-1014, and 3000-4999. */
    static boolean validOnTheWire(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }

    private Violation invalidText() {
        return new Violation(INVALID_PAYLOAD, "the server sent a text message that is not valid UTF-8");
    }

    private static Violation protocol(String message) {
        return new Violation(PROTOCOL_ERROR, message);
    }

    private static String rsvNames(int rsv) {
        StringBuilder sb = new StringBuilder();
        for (int bit = 2; bit >= 0; bit--) {
            if ((rsv & (1 << bit)) != 0) {
                sb.append(sb.length() > 0 ? "+" : "").append("RSV").append(3 - bit);
            }
        }
        return sb.toString();
    }

    private static String name(int op) {
        return switch (op) {
            case OP_TEXT -> "text";
            case OP_BINARY -> "binary";
            case OP_CLOSE -> "close";
            case OP_PING -> "ping";
            case OP_PONG -> "pong";
            default -> "continuation";
        };
    }

    /** Longest close reason that fits a control frame with its 2-byte code (RFC 6455 5.5). */
    static String fitReason(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= 123) {
            return message;
        }
        int end = 123;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // never cut a character in two
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }
}
