package dev.wsmon.core.testing;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A hand-written WebSocket server (no library) that completes the RFC 6455 opening handshake, then
 * only listens: it answers pings (unless told not to) and records text messages and Close frames,
 * but <b>never answers a Close frame and never closes TCP</b>: its side of every connection stays
 * open until {@link #close()}, even after the client has gone. For "peer never answers a close" tests.
 */
public final class SilentPeer implements AutoCloseable {

    /** The GUID that RFC 6455 section 1.3 appends to the client's key. */
    public static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    /** Reported by {@link #awaitCloseFrame} for a Close frame without a status code (RFC 6455 7.4.1). */
    public static final int NO_STATUS_CODE = 1005;

    private static final int MAX_PAYLOAD = 16 * 1024 * 1024;
    private static final int OP_CONTINUATION = 0x0;
    private static final int OP_TEXT = 0x1;
    private static final int OP_CLOSE = 0x8;
    private static final int OP_PING = 0x9;
    private static final int OP_PONG = 0xA;

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<Integer> closeCodes = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger handshakes = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger pings = new AtomicInteger();
    private final Signal changed = new Signal();
    private volatile boolean answerPings;
    private final TcpAcceptor acceptor;

    private SilentPeer(boolean answerPings) {
        this.answerPings = answerPings;
        this.acceptor = TcpAcceptor.start("silent-peer", this::serve);
    }

    /** A peer that answers pings; listening on 127.0.0.1 and an ephemeral port when this returns. */
    public static SilentPeer start() {
        return start(true);
    }

    public static SilentPeer start(boolean answerPings) {
        return new SilentPeer(answerPings);
    }

    /** Turns pong replies on or off from now on, e.g. to make a live peer go silent mid-test. */
    public void answerPings(boolean answer) {
        this.answerPings = answer;
    }

    /** {@code base64(SHA-1(key + GUID))}: the {@code Sec-WebSocket-Accept} value for a client key. */
    public static String acceptFor(String secWebSocketKey) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest((secWebSocketKey + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    public int port() {
        return acceptor.port();
    }

    public URI uri() {
        return URI.create("ws://127.0.0.1:" + port() + "/");
    }

    /** Text messages received on all connections, in arrival order (a copy). */
    public List<String> received() {
        return List.copyOf(received);
    }

    /** Waits until the received messages satisfy {@code condition}; returns them. */
    public List<String> awaitReceived(Predicate<List<String>> condition, Duration timeout) {
        changed.await(() -> "received messages to match (got " + received + ")",
                () -> condition.test(received()), timeout);
        return received();
    }

    /** Pings received so far (answered or not). */
    public int pingCount() {
        return pings.get();
    }

    /** Opening handshakes answered with 101 so far. */
    public int handshakeCount() {
        return handshakes.get();
    }

    public void awaitHandshakes(int n, Duration timeout) {
        changed.await(() -> n + " opening handshakes (got " + handshakes.get() + ")",
                () -> handshakes.get() >= n, timeout);
    }

    public boolean closeFrameReceived() {
        return !closeCodes.isEmpty();
    }

    /**
     * Waits for the first Close frame from any client and returns its status code, or
     * {@link #NO_STATUS_CODE} if it carried none. The peer never answers it.
     */
    public int awaitCloseFrame(Duration timeout) {
        changed.await(() -> "a Close frame", () -> !closeCodes.isEmpty(), timeout);
        return closeCodes.get(0);
    }

    /** Waits until at least one client connected and every client has closed its side (EOF or reset). */
    public void awaitClientsGone(Duration timeout) {
        changed.await(() -> "clients to close TCP (accepted " + accepted.get() + ", still open " + open.get() + ")",
                () -> accepted.get() > 0 && open.get() == 0, timeout);
    }

    private void serve(Socket socket, long acceptedAtNanos) throws IOException {
        open.incrementAndGet();
        accepted.incrementAndGet();
        changed.fire();
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            OutputStream out = socket.getOutputStream();
            if (handshake(in, out)) {
                readFrames(in, out);
            }
        } finally {
            // the client is gone (or the frames were unreadable); the socket stays open until close()
            open.decrementAndGet();
            changed.fire();
        }
    }

    private boolean handshake(DataInputStream in, OutputStream out) throws IOException {
        String head = HttpHead.read(in);
        if (head == null) {
            return false;
        }
        Optional<String> key = HttpHead.header(head, "Sec-WebSocket-Key");
        if (key.isEmpty()) {
            out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return false;
        }
        StringBuilder response = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\n")
                .append("Upgrade: websocket\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Sec-WebSocket-Accept: ").append(acceptFor(key.get())).append("\r\n");
        // a client that insists on a subprotocol fails the handshake without one: take its first choice
        HttpHead.header(head, "Sec-WebSocket-Protocol")
                .map(offered -> offered.split(",")[0].trim())
                .filter(first -> !first.isEmpty())
                .ifPresent(first -> response.append("Sec-WebSocket-Protocol: ").append(first).append("\r\n"));
        out.write(response.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        handshakes.incrementAndGet();
        changed.fire();
        return true;
    }

    private void readFrames(DataInputStream in, OutputStream out) throws IOException {
        List<byte[]> fragments = new ArrayList<>();
        int fragmentedOpcode = -1;
        while (true) {
            int b0 = in.read();
            if (b0 < 0) {
                return; // client closed TCP
            }
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0F;
            byte[] payload = readPayload(in);
            switch (opcode) {
                case OP_PING -> {
                    pings.incrementAndGet();
                    changed.fire();
                    if (answerPings) {
                        out.write(new byte[] {(byte) (0x80 | OP_PONG), (byte) payload.length});
                        out.write(payload);
                        out.flush();
                    }
                }
                case OP_CLOSE -> {
                    int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : NO_STATUS_CODE;
                    closeCodes.add(code);
                    changed.fire();
                    // deliberately silent: no Close reply, no FIN; keep reading until the client gives up
                }
                case OP_PONG -> {
                    // unsolicited pongs need no reaction
                }
                case OP_CONTINUATION -> {
                    fragments.add(payload);
                    if (fin) {
                        deliver(fragmentedOpcode, fragments);
                        fragments.clear();
                    }
                }
                default -> { // text, binary and anything reserved: a data frame
                    if (fin) {
                        deliver(opcode, List.of(payload));
                    } else {
                        fragmentedOpcode = opcode;
                        fragments.clear();
                        fragments.add(payload);
                    }
                }
            }
        }
    }

    private void deliver(int opcode, List<byte[]> parts) {
        if (opcode != OP_TEXT) {
            return; // binary messages are not recorded
        }
        int size = parts.stream().mapToInt(p -> p.length).sum();
        byte[] whole = new byte[size];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, whole, at, part.length);
            at += part.length;
        }
        received.add(new String(whole, StandardCharsets.UTF_8));
        changed.fire();
    }

    /** Reads the length, the mask key if any, and the unmasked payload of a frame whose first byte is consumed. */
    private static byte[] readPayload(DataInputStream in) throws IOException {
        int b1 = in.readUnsignedByte();
        boolean masked = (b1 & 0x80) != 0;
        long length = b1 & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new IOException("unsupported frame length " + length);
        }
        byte[] mask = new byte[4];
        if (masked) {
            in.readFully(mask);
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        if (masked) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i & 3];
            }
        }
        return payload;
    }

    /** Closes every connection and the listening socket; all threads have ended on return. */
    @Override
    public void close() {
        acceptor.close();
    }
}
