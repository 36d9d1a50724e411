package dev.wsmon.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A WebSocket server that breaks the rules: raw TCP on 127.0.0.1 speaking just enough HTTP and WebSocket,
 * every frame built byte by byte, so it can do what RFC 6455 forbids a server to do and a real server
 * library never would. The request path picks the {@link Case}: {@code ws://127.0.0.1:port/masked-text}.
 * After its script it reads until the client closes TCP (or sends its close frame, when the script
 * closed first), so the client's own close is what ends the connection.
 *
 * <p>The cases follow the client side of the Autobahn test suite's list (framing, reserved bits and
 * opcodes, control frames, fragmentation, UTF-8, close codes and reasons) plus the handshake checks of
 * RFC 6455 4.1; a few well-formed cases prove that nothing valid is refused.
 */
public final class HostileServer implements AutoCloseable {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int DRAIN_TIMEOUT_MILLIS = 5000;

    /**
     * One way to misbehave, or to behave, and how a client must end it.
     *
     * @param name the request path without the slash
     * @param code the close code the client's CLOSED must carry (1006 when the handshake fails)
     * @param cause the cause token the client's CLOSED must carry
     * @param detailWords words the CLOSED's detail must contain, in the user's terms
     * @param opens whether the handshake is valid, so the client reaches OPEN first
     * @param script what the server sends once it has read the request: the 101 response, then frames
     */
    public record Case(String name, int code, String cause, String detailWords, boolean opens, Script script) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The bytes the server writes, given the client's Sec-WebSocket-Key. */
    @FunctionalInterface
    public interface Script {
        byte[] bytes(String key);
    }

    private final Map<String, Case> cases = new LinkedHashMap<>();
    private final TcpAcceptor acceptor;

    private HostileServer(List<Case> all) {
        all.forEach(c -> cases.put(c.name(), c));
        this.acceptor = TcpAcceptor.start("hostile", this::serve);
    }

    /** A server for every case in {@link #cases()}. */
    public static HostileServer start() {
        return new HostileServer(cases());
    }

    public URI uri(Case c) {
        return URI.create("ws://127.0.0.1:" + acceptor.port() + "/" + c.name());
    }

    // ------------------------------------------------------------------------------------------- cases

    /** Every case: each client-side MUST of RFC 6455 broken once, and a few valid exchanges. */
    public static List<Case> cases() {
        List<Case> all = new ArrayList<>();
        // RFC 6455 4.1: the 101 response
        all.add(handshake("no-upgrade-header", "no Upgrade header", h -> without(h, "Upgrade")));
        all.add(handshake("upgrade-not-websocket", "upgrades to 'h2c'", h -> with(h, "Upgrade", "h2c")));
        all.add(handshake("no-connection-header", "no Connection: Upgrade", h -> without(h, "Connection")));
        all.add(handshake("connection-without-upgrade", "without Upgrade", h -> with(h, "Connection", "keep-alive")));
        all.add(handshake("no-accept-header", "no Sec-WebSocket-Accept", h -> without(h, "Sec-WebSocket-Accept")));
        all.add(handshake("wrong-accept", "Sec-WebSocket-Accept does not answer the key",
                h -> with(h, "Sec-WebSocket-Accept", accept("dGhlIHNhbXBsZSBub25jZQ=="))));
        all.add(handshake("extension-not-offered", "extension 'x-webkit-deflate-frame', which wsmon did not offer",
                h -> with(h, "Sec-WebSocket-Extensions", "x-webkit-deflate-frame")));
        // RFC 7692 7.1.2.2: client_max_window_bits in the answer, which wsmon's offer did not include
        all.add(handshake("deflate-parameter-not-offered", "'permessage-deflate; client_max_window_bits=10', which wsmon did"
                + " not offer", h -> with(h, "Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits=10")));
        all.add(handshake("subprotocol-not-offered", "subprotocol 'evil.v1', which wsmon did not offer",
                h -> with(h, "Sec-WebSocket-Protocol", "evil.v1")));
        all.add(new Case("http-1.0-status-line", 1006, "protocol-error", "'HTTP/1.0 101 Switching Protocols' instead of HTTP/1.1",
                false, key -> ascii("HTTP/1.0 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n")));
        all.add(new Case("header-line-without-colon", 1006, "protocol-error", "a line that is not an HTTP header",
                false, key -> ascii("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + accept(key) + "\r\nthis is no header\r\n\r\n")));
        // RFC 6455 5.1-5.2: framing
        all.add(frames("masked-text", 1002, "masked a frame", masked(0x81, utf8("masked"))));
        all.add(frames("rsv1-without-extension", 1002, "RSV1", frame(0x81 | 0x40, utf8("x"))));
        all.add(frames("rsv2-without-extension", 1002, "RSV2", frame(0x81 | 0x20, utf8("x"))));
        all.add(frames("rsv3-without-extension", 1002, "RSV3", frame(0x81 | 0x10, utf8("x"))));
        all.add(frames("reserved-data-opcode", 1002, "reserved opcode 0x3", frame(0x83, utf8("x"))));
        all.add(frames("reserved-control-opcode", 1002, "reserved opcode 0xB", frame(0x8B, utf8("x"))));
        all.add(frames("length-msb-set", 1002, "most significant bit", longLengthWithMsb()));
        all.add(frames("frame-of-a-terabyte", 1009, "message-too-big", "exceeds the max message size",
                bytes(0x82, 127, 0, 0, 0x01, 0, 0, 0, 0, 0, 0x00)));
        // RFC 6455 5.4-5.5: control frames and fragmentation
        all.add(frames("ping-over-125-bytes", 1002, "ping frame longer than 125", frame(0x89, new byte[126])));
        all.add(frames("close-over-125-bytes", 1002, "close frame longer than 125", closeFrame(1000, "x".repeat(124))));
        all.add(frames("pong-over-125-bytes", 1002, "pong frame longer than 125", frame(0x8A, new byte[200])));
        all.add(frames("fragmented-ping", 1002, "fragmented a ping frame", frame(0x09, utf8("p"))));
        all.add(frames("fragmented-close", 1002, "fragmented a close frame", frame(0x08, bytes(0x03, 0xE8))));
        all.add(frames("continuation-without-start", 1002, "no fragmented message", frame(0x80, utf8("x"))));
        all.add(frames("text-inside-fragmented-message", 1002, "new text message inside a fragmented one",
                frame(0x01, utf8("part")), frame(0x81, utf8("other"))));
        all.add(frames("binary-inside-fragmented-message", 1002, "new binary message inside a fragmented one",
                frame(0x02, bytes(1, 2)), frame(0x82, bytes(3))));
        // RFC 6455 8.1: text is UTF-8
        all.add(frames("text-not-utf8", 1007, "not valid UTF-8", frame(0x81, bytes(0xCE, 0xBA, 0xED, 0xA0, 0x80, 0x65))));
        all.add(frames("fragment-not-utf8", 1007, "not valid UTF-8",
                frame(0x01, utf8("fine ")), frame(0x80, bytes(0xF4, 0x90, 0x80, 0x80))));
        all.add(frames("text-ends-inside-a-character", 1007, "not valid UTF-8", frame(0x81, bytes(0x61, 0xE2, 0x82))));
        // RFC 6455 5.5.1, 7.4: close frames
        all.add(frames("close-with-1-byte-body", 1002, "1-byte body", frame(0x88, bytes(0x03))));
        all.add(frames("close-reason-not-utf8", 1007, "close reason that is not valid UTF-8",
                frame(0x88, bytes(0x03, 0xE8, 0x61, 0xFF, 0x62))));
        for (int code : new int[] {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535}) {
            all.add(frames("close-code-" + code, 1002, "close code " + code + ", which is not allowed", closeFrame(code, "")));
        }
        // Valid exchanges: nothing valid is refused
        all.add(frames("valid-close-1000", 1000, "remote-close", "peer closed with 1000", closeFrame(1000, "bye")));
        all.add(frames("valid-close-without-code", 1005, "remote-close", "peer closed with 1005 (no status)",
                frame(0x88, new byte[0])));
        all.add(frames("valid-close-4000-utf8-reason", 4000, "remote-close", "peer closed with 4000",
                closeFrame(4000, "ça va")));
        all.add(frames("valid-fragmented-text-then-close", 1000, "remote-close", "peer closed with 1000",
                frame(0x01, utf8("he")), frame(0x89, utf8("ping")), frame(0x80, utf8("llo")), closeFrame(1000, "")));
        all.add(frames("valid-text-split-inside-a-character", 1000, "remote-close", "peer closed with 1000",
                frame(0x01, bytes(0x63, 0x61, 0x66, 0xC3)), frame(0x80, bytes(0xA9)), closeFrame(1000, "")));
        return List.copyOf(all);
    }

    public static Case find(String name) {
        return cases().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no hostile case " + name));
    }

    private static Case handshake(String name, String words, UnaryOperator<Map<String, String>> change) {
        return new Case(name, 1006, "protocol-error", words, false, key -> response(change.apply(headers(key))));
    }

    private static Case frames(String name, int code, String words, byte[]... frames) {
        return frames(name, code, "protocol-error", words, frames);
    }

    private static Case frames(String name, int code, String cause, String words, byte[]... frames) {
        return new Case(name, code, cause, words, true, key -> concat(response(headers(key)), concat(frames)));
    }

    // -------------------------------------------------------------------------------------- handshake

    private static Map<String, String> headers(String key) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Upgrade", "websocket");
        h.put("Connection", "Upgrade");
        h.put("Sec-WebSocket-Accept", accept(key));
        return h;
    }

    private static Map<String, String> with(Map<String, String> h, String name, String value) {
        h.put(name, value);
        return h;
    }

    private static Map<String, String> without(Map<String, String> h, String name) {
        h.remove(name);
        return h;
    }

    private static byte[] response(Map<String, String> headers) {
        StringBuilder sb = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\n");
        headers.forEach((name, value) -> sb.append(name).append(": ").append(value).append("\r\n"));
        return sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** RFC 6455 4.2.2. */
    static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ----------------------------------------------------------------------------------------- frames

    /** An unmasked frame: first byte as given (FIN, RSV, opcode), the shortest length encoding. */
    public static byte[] frame(int firstByte, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        writeLength(out, 0, payload.length);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** A frame with the mask bit and a masking key, as only a client may send (RFC 6455 5.1). */
    public static byte[] masked(int firstByte, byte[] payload) {
        byte[] key = {0x37, (byte) 0xFA, 0x21, 0x3D};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        writeLength(out, 0x80, payload.length);
        out.writeBytes(key);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ key[i % 4]);
        }
        return out.toByteArray();
    }

    /** A close frame; {@code code} goes on the wire as given, valid or not. */
    public static byte[] closeFrame(int code, String reason) {
        byte[] text = utf8(reason);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        return frame(0x88, payload);
    }

    /** A binary frame whose 64-bit length has its most significant bit set (RFC 6455 5.2 forbids it). */
    private static byte[] longLengthWithMsb() {
        return bytes(0x82, 127, 0x80, 0, 0, 0, 0, 0, 0, 1, 0x00);
    }

    private static void writeLength(ByteArrayOutputStream out, int maskBit, int length) {
        if (length <= 125) {
            out.write(maskBit | length);
        } else if (length <= 0xFFFF) {
            out.write(maskBit | 126);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) length >> shift));
            }
        }
    }

    public static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------------------------------- serving

    private void serve(Socket socket, long acceptedAtNanos) throws IOException {
        try (socket) {
            InputStream in = socket.getInputStream();
            String head = HttpHead.read(in);
            if (head == null) {
                return;
            }
            String path = head.lines().findFirst().map(l -> l.split(" ")).filter(p -> p.length > 1)
                    .map(p -> p[1].replaceFirst("^/", "").replaceFirst("\\?.*$", "")).orElse("");
            Case c = cases.get(path);
            OutputStream out = socket.getOutputStream();
            if (c == null) {
                out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            String key = HttpHead.header(head, "Sec-WebSocket-Key").map(String::trim).orElse("");
            out.write(c.script().bytes(key));
            out.flush();
            drain(socket, in);
        }
    }

    /** Reads until the client closes TCP or has sent its close frame; then the server closes. */
    private static void drain(Socket socket, InputStream in) throws IOException {
        socket.setSoTimeout(DRAIN_TIMEOUT_MILLIS);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                received.write(buf, 0, n);
                if (hasCloseFrame(received.toByteArray())) {
                    return; // the server closes TCP first once close frames went both ways (RFC 6455 7.1.1)
                }
            }
        } catch (SocketTimeoutException e) {
            // the client keeps the connection open: the test will say so
        }
    }

    /** Whether the client's masked frames so far include a close frame. */
    private static boolean hasCloseFrame(byte[] b) {
        int i = 0;
        while (i + 2 <= b.length) {
            int opcode = b[i] & 0x0F;
            int len7 = b[i + 1] & 0x7F;
            int at = i + 2;
            long length = len7;
            if (len7 == 126) {
                if (at + 2 > b.length) {
                    return false;
                }
                length = ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
                at += 2;
            } else if (len7 == 127) {
                if (at + 8 > b.length) {
                    return false;
                }
                length = 0;
                for (int k = 0; k < 8; k++) {
                    length = (length << 8) | (b[at + k] & 0xFF);
                }
                at += 8;
            }
            if (opcode == 0x8) {
                return true;
            }
            i = (int) Math.min(Integer.MAX_VALUE, at + 4 + length); // client frames carry a 4-byte masking key
        }
        return false;
    }

    /** Closes every connection and the listening socket. */
    @Override
    public void close() {
        acceptor.close();
    }
}
