package dev.wsmon.core.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.InvalidHandshakeException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.enums.Opcode;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.handshake.Handshakedata;
import org.java_websocket.protocols.IProtocol;

/**
 * RFC 6455 draft with two changes for wsmon. It hands the upgrade response's status and Retry-After
 * header over (the library turns a non-101 answer into a 1002 close and drops the headers). And once
 * wsmon has sent its own close frame, the peer's close frame completes the handshake instead of being
 * echoed: wsmon sends close frames itself so that the library keeps reading until the answer comes
 * (its own close stops reading at the next frame and ends TCP without waiting for the answer).
 */
final class MonitoringDraft extends Draft_6455 {

    private final List<IProtocol> protocols;
    private final int maxMessageSize;
    /** Receives (status, Retry-After value or null). */
    private final BiConsumer<Integer, String> onResponse;
    /** Whether wsmon has sent its close frame on this connection. */
    private final BooleanSupplier closeSent;

    MonitoringDraft(List<IProtocol> protocols, int maxMessageSize, BiConsumer<Integer, String> onResponse,
                    BooleanSupplier closeSent) {
        super(List.<IExtension>of(), protocols, maxMessageSize);
        this.protocols = protocols;
        this.maxMessageSize = maxMessageSize;
        this.onResponse = onResponse;
        this.closeSent = closeSent;
    }

    @Override
    public void processFrame(WebSocketImpl connection, Framedata frame) throws InvalidDataException {
        if (frame.getOpcode() == Opcode.CLOSING && closeSent.getAsBoolean()) {
            // RFC 6455 7.1.2: this answers our close frame; the handshake is complete, do not echo it.
            int code = frame instanceof CloseFrame c ? c.getCloseCode() : CloseFrame.NOCODE;
            String reason = frame instanceof CloseFrame c ? c.getMessage() : "";
            connection.closeConnection(code, reason, true);
            return;
        }
        super.processFrame(connection, frame);
    }

    @Override
    public Handshakedata translateHandshake(ByteBuffer buf) throws InvalidHandshakeException {
        readStatus(buf.duplicate());
        return super.translateHandshake(buf);
    }

    private void readStatus(ByteBuffer copy) {
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        String head = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = head.indexOf("\r\n\r\n");
        if (!head.startsWith("HTTP/") || end < 0) {
            return;
        }
        String[] lines = head.substring(0, end).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        String code = statusLine.length > 1 ? statusLine[1].trim() : "";
        if (!code.matches("[1-5][0-9][0-9]")) {
            return; // RFC 9110 15: three digits; anything else is not a status to report
        }
        int status = Integer.parseInt(code);
        String retryAfter = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("retry-after")) {
                retryAfter = lines[i].substring(colon + 1).trim();
            }
        }
        onResponse.accept(status, retryAfter);
    }

    @Override
    public Draft copyInstance() {
        // The engine works on a copy: keep the callback.
        return new MonitoringDraft(protocols.stream().map(IProtocol::copyInstance).toList(), maxMessageSize, onResponse,
                closeSent);
    }
}
