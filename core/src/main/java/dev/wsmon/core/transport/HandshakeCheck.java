package dev.wsmon.core.transport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshake;

/**
 * RFC 6455 4.1: what a client must check in the server's 101 response before the connection is open,
 * each failure said as what the server did wrong.
 */
final class HandshakeCheck {

    /** RFC 6455 1.3. */
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    /** Longest header value quoted into a sentence. */
    private static final int MAX_QUOTE = 60;

    private HandshakeCheck() {
    }

    /** The first thing wrong with {@code response}, or null when it completes the handshake. */
    static String problem(ClientHandshake request, ServerHandshake response, List<String> offeredSubprotocols,
                          boolean deflateOffered) {
        String upgrade = response.getFieldValue("Upgrade").trim();
        if (upgrade.isEmpty()) {
            return "the server's 101 response has no Upgrade header";
        }
        if (!upgrade.equalsIgnoreCase("websocket")) {
            return "the server's 101 response upgrades to " + quote(upgrade) + ", not websocket";
        }
        String connection = response.getFieldValue("Connection");
        if (!hasToken(connection, "upgrade")) {
            return connection.isBlank() ? "the server's 101 response has no Connection: Upgrade header"
                    : "the server's 101 response has Connection: " + quote(connection) + " without Upgrade";
        }
        String accept = response.getFieldValue("Sec-WebSocket-Accept").trim();
        if (accept.isEmpty()) {
            return "the server's 101 response has no Sec-WebSocket-Accept header";
        }
        if (!accept.equals(expectedAccept(request.getFieldValue("Sec-WebSocket-Key").trim()))) {
            return "the server's Sec-WebSocket-Accept does not answer the key wsmon sent, so the response is not for "
                    + "this handshake";
        }
        String extensions = response.getFieldValue("Sec-WebSocket-Extensions").trim();
        if (!extensions.isEmpty() && (!deflateOffered || !new BoundedDeflate(1).acceptProvidedExtensionAsClient(extensions))) {
            return "the server selected extension " + quote(extensions) + ", which wsmon did not offer"
                    + (deflateOffered ? " (it offered permessage-deflate without parameters)" : " (it offered none)");
        }
        String subprotocol = response.getFieldValue("Sec-WebSocket-Protocol").trim();
        if (!subprotocol.isEmpty() && !offeredSubprotocols.contains(subprotocol)) {
            return "the server selected subprotocol " + quote(subprotocol) + ", which wsmon did not offer"
                    + (offeredSubprotocols.isEmpty() ? " (it offered none)"
                            : " (it offered " + String.join(", ", offeredSubprotocols) + ")");
        }
        return null;
    }

    /** RFC 6455 4.2.2: base64 of the SHA-1 of the key and the GUID. */
    static String expectedAccept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    private static boolean hasToken(String header, String token) {
        for (String part : header.split("[,;]")) { // the library joins repeated headers with "; "
            if (part.trim().toLowerCase(Locale.ROOT).equals(token)) {
                return true;
            }
        }
        return false;
    }

    private static String quote(String value) {
        String line = value.replaceAll("\\p{Cntrl}", " ");
        return "'" + (line.length() <= MAX_QUOTE ? line : line.substring(0, MAX_QUOTE) + "…") + "'";
    }
}
