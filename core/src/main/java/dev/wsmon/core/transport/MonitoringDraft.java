package dev.wsmon.core.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.enums.HandshakeState;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.InvalidHandshakeException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.enums.Opcode;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.Handshakedata;
import org.java_websocket.handshake.ServerHandshake;
import org.java_websocket.protocols.IProtocol;

/**
 * RFC 6455 draft with these changes for wsmon. It hands the upgrade response's status and Retry-After
 * header over (the library turns a non-101 answer into a 1002 close and drops the headers). It checks the
 * 101 response and every frame for what RFC 6455 requires a client to refuse, which the library lets
 * through (a subprotocol or extension not offered, a masked frame, a malformed close frame), and says
 * what the server did in words a user can act on. And once wsmon has sent its own close frame, the
 * peer's close frame completes the handshake instead of being echoed: wsmon sends close frames itself so
 * that the library keeps reading until the answer comes (its own close stops reading at the next frame
 * and ends TCP without waiting for the answer).
 */
final class MonitoringDraft extends Draft_6455 {

    private final List<IProtocol> protocols;
    private final int maxMessageSize;
    private final boolean deflate;
    /** Receives (status, Retry-After value or null). */
    private final BiConsumer<Integer, String> onResponse;
    /** Whether wsmon has sent its close frame on this connection. */
    private final BooleanSupplier closeSent;
    /** Receives why a 101 response was refused, in the user's words. */
    private final Consumer<String> onRefused;
    /** This connection's frames, as read so far; the library copies the draft per connection. */
    private final FrameCheck frames = new FrameCheck();

    /**
     * @param protocols the subprotocols offered, then {@code ""} last to accept a server that picks none
     */
    MonitoringDraft(List<IProtocol> protocols, int maxMessageSize, boolean deflate, BiConsumer<Integer, String> onResponse,
                    BooleanSupplier closeSent, Consumer<String> onRefused) {
        // RFC 7692: offered by default, as browsers do; the library's own extension does not bound what it inflates
        super(deflate ? List.<IExtension>of(new BoundedDeflate(maxMessageSize)) : List.<IExtension>of(), protocols,
                maxMessageSize);
        this.deflate = deflate;
        this.protocols = protocols;
        this.maxMessageSize = maxMessageSize;
        this.onResponse = onResponse;
        this.closeSent = closeSent;
        this.onRefused = onRefused;
    }

    @Override
    public HandshakeState acceptHandshakeAsClient(ClientHandshake request, ServerHandshake response)
            throws InvalidHandshakeException {
        String problem = HandshakeCheck.problem(request, response, offered(), deflate);
        if (problem != null) {
            onRefused.accept(problem);
            return HandshakeState.NOT_MATCHED;
        }
        HandshakeState state = super.acceptHandshakeAsClient(request, response);
        if (state != HandshakeState.MATCHED) {
            onRefused.accept("the server's 101 response is not a valid WebSocket handshake");
        } else if (!response.getFieldValue("Sec-WebSocket-Extensions").isBlank()) {
            frames.compressionNegotiated(); // RSV1 now marks a compressed message (RFC 7692 6)
        }
        return state;
    }

    private List<String> offered() {
        return protocols.stream().map(IProtocol::getProvidedProtocol).filter(p -> !p.isEmpty()).toList();
    }

    /**
     * Lets the library read everything before the first frame that breaks a MUST; that frame becomes a
     * marker on which {@link #processFrame} fails the connection, after the frames before it were handled.
     */
    @Override
    public List<Framedata> translateFrame(ByteBuffer buffer) throws InvalidDataException {
        int bad = frames.scan(buffer);
        if (bad < 0) {
            return super.translateFrame(buffer);
        }
        List<Framedata> before = new ArrayList<>();
        if (bad > buffer.position()) {
            ByteBuffer head = buffer.duplicate();
            head.limit(bad);
            before.addAll(super.translateFrame(head));
        }
        buffer.position(buffer.limit()); // nothing after a broken frame is read
        before.add(new Broken(frames.violation()));
        return before;
    }

    @Override
    public void processFrame(WebSocketImpl connection, Framedata frame) throws InvalidDataException {
        if (frame instanceof Broken broken) {
            // RFC 6455 7.1.7: fail the connection; a close, not an exception, so the library logs no trace.
            connection.close(broken.violation.code(), FrameCheck.fitReason(broken.violation.message()));
            return;
        }
        if (frame.getOpcode() == Opcode.CLOSING && closeSent.getAsBoolean()) {
            // RFC 6455 7.1.2: this answers our close frame; the handshake is complete, do not echo it.
            int code = frame instanceof CloseFrame c ? peerCode(c.getCloseCode()) : CloseFrame.NOCODE;
            String reason = frame instanceof CloseFrame c ? c.getMessage() : "";
            connection.closeConnection(code, reason, true);
            return;
        }
        super.processFrame(connection, frame);
    }

    /**
     * The peer's close code as RFC 6455 7.1.5 defines it: 1005 for a close frame without a body, which the
     * library reports as 1000.
     */
    int peerCode(int libraryCode) {
        return frames.closeWithoutStatus() && libraryCode == CloseFrame.NORMAL ? CloseFrame.NOCODE : libraryCode;
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
        return new MonitoringDraft(protocols.stream().map(IProtocol::copyInstance).toList(), maxMessageSize, deflate, onResponse,
                closeSent, onRefused);
    }

    /** Stands in the frame list for the first frame that broke a MUST. */
    private record Broken(FrameCheck.Violation violation) implements Framedata {
        @Override
        public boolean isFin() {
            return true;
        }

        @Override
        public boolean isRSV1() {
            return false;
        }

        @Override
        public boolean isRSV2() {
            return false;
        }

        @Override
        public boolean isRSV3() {
            return false;
        }

        @Override
        public boolean getTransfereMasked() {
            return false;
        }

        @Override
        public Opcode getOpcode() {
            return Opcode.CLOSING;
        }

        @Override
        public ByteBuffer getPayloadData() {
            return ByteBuffer.allocate(0);
        }

        @Override
        public void append(Framedata nextframe) {
        }
    }
}
