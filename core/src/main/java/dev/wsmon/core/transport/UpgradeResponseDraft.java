package dev.wsmon.core.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidHandshakeException;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.handshake.Handshakedata;
import org.java_websocket.protocols.IProtocol;

/**
 * RFC 6455 draft that also hands the upgrade response's status and Retry-After header to wsmon: the
 * library turns a non-101 answer into a 1002 close and drops the headers.
 */
final class UpgradeResponseDraft extends Draft_6455 {

    private final List<IProtocol> protocols;
    private final int maxMessageSize;
    /** Receives (status, Retry-After value or null). */
    private final BiConsumer<Integer, String> onResponse;

    UpgradeResponseDraft(List<IProtocol> protocols, int maxMessageSize, BiConsumer<Integer, String> onResponse) {
        super(List.<IExtension>of(), protocols, maxMessageSize);
        this.protocols = protocols;
        this.maxMessageSize = maxMessageSize;
        this.onResponse = onResponse;
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
        int status;
        try {
            status = Integer.parseInt(statusLine.length > 1 ? statusLine[1].trim() : "");
        } catch (NumberFormatException e) {
            return;
        }
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
        return new UpgradeResponseDraft(protocols.stream().map(IProtocol::copyInstance).toList(), maxMessageSize, onResponse);
    }
}
