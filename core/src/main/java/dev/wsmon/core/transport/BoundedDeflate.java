package dev.wsmon.core.transport;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.extensions.CompressionExtension;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.ContinuousFrame;
import org.java_websocket.framing.DataFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.FramedataImpl1;

/**
 * RFC 7692 permessage-deflate, client side, receiving only: wsmon sends its messages uncompressed (RSV1 clear,
 * which 7692 6 allows), and inflates the server's compressed messages with the inflated size of each message
 * bounded by the max message size, so a small frame that inflates to gigabytes ends in 1009 instead of filling
 * the heap. Java-WebSocket 1.6.0's own extension inflates into an unbounded buffer, reads the payload's backing
 * array from index 0, inflates continuation frames of uncompressed messages, and resets its inflater on
 * client_no_context_takeover where the server's parameter is the one that matters.
 */
final class BoundedDeflate extends CompressionExtension {

    static final String NAME = "permessage-deflate";
    /** RFC 7692 7.2.2: appended to a message's compressed bytes before inflating. */
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};
    private static final int CHUNK = 16 * 1024;

    private final int maxMessageSize;
    private final Inflater inflater = new Inflater(true);
    private boolean serverNoContextTakeover;
    /** Within a compressed message: its later fragments are compressed too (RFC 7692 6.1). */
    private boolean inMessage;
    private long messageBytes;

    BoundedDeflate(int maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    @Override
    public String getProvidedExtensionAsClient() {
        return NAME; // no client_max_window_bits: the JDK's Deflater has a fixed window, and wsmon does not compress
    }

    /**
     * RFC 7692 7.1: the server's answer, which may add server_no_context_takeover, client_no_context_takeover
     * (moot: wsmon does not compress) and server_max_window_bits (8-15; a 15-bit inflater reads any of them).
     * client_max_window_bits was not offered, so it is refused; so is anything unknown.
     */
    @Override
    public boolean acceptProvidedExtensionAsClient(String header) {
        String[] parts = header.split(";");
        if (!parts[0].trim().equalsIgnoreCase(NAME) || header.contains(",")) {
            return false;
        }
        boolean noTakeover = false;
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].trim().split("=", 2);
            String name = kv[0].trim().toLowerCase(Locale.ROOT);
            String value = kv.length > 1 ? kv[1].trim().replace("\"", "") : null;
            switch (name) {
                case "server_no_context_takeover" -> noTakeover = true;
                case "client_no_context_takeover" -> {
                    // applies to compressing, which wsmon does not do
                }
                case "server_max_window_bits" -> {
                    if (value == null || !value.matches("[0-9]{1,2}") || Integer.parseInt(value) < 8
                            || Integer.parseInt(value) > 15) {
                        return false;
                    }
                }
                default -> {
                    return false;
                }
            }
        }
        serverNoContextTakeover = noTakeover;
        return true;
    }

    @Override
    public boolean acceptProvidedExtensionAsServer(String header) {
        return false;
    }

    @Override
    public String getProvidedExtensionAsServer() {
        return "";
    }

    @Override
    public void encodeFrame(Framedata frame) {
        // sent uncompressed
    }

    @Override
    public void decodeFrame(Framedata frame) throws InvalidDataException {
        if (!(frame instanceof DataFrame data)) {
            return;
        }
        boolean continuation = frame instanceof ContinuousFrame;
        if (!continuation) {
            inMessage = frame.isRSV1();
            messageBytes = 0;
        }
        if (!inMessage) {
            return;
        }
        ByteBuffer payload = data.getPayloadData();
        ByteBuffer out = inflate(payload, frame.isFin());
        ((FramedataImpl1) data).setPayload(out);
        data.setRSV1(false);
        if (frame.isFin()) {
            inMessage = false;
            if (serverNoContextTakeover) {
                inflater.reset();
            }
        }
    }

    private ByteBuffer inflate(ByteBuffer payload, boolean fin) throws InvalidDataException {
        byte[] in = new byte[payload.remaining() + (fin ? TAIL.length : 0)];
        payload.duplicate().get(in, 0, payload.remaining());
        if (fin) {
            System.arraycopy(TAIL, 0, in, in.length - TAIL.length, TAIL.length);
        }
        inflater.setInput(in);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(Math.min(in.length * 4, CHUNK));
        byte[] chunk = new byte[CHUNK];
        try {
            while (true) {
                int n = inflater.inflate(chunk);
                if (n == 0) {
                    if (inflater.needsInput() || inflater.finished() || inflater.needsDictionary()) {
                        break;
                    }
                    continue;
                }
                messageBytes += n;
                if (messageBytes > maxMessageSize) {
                    // RFC 6455 7.4.1: 1009; the rest of the message is never inflated
                    throw new InvalidDataException(CloseFrame.TOOBIG, "the server sent a compressed message that inflates"
                            + " to more than the max message size of " + maxMessageSize + " bytes");
                }
                out.write(chunk, 0, n);
            }
        } catch (DataFormatException e) {
            throw new InvalidDataException(CloseFrame.NO_UTF8, "the server sent a compressed message that is not"
                    + " valid deflate data");
        }
        return ByteBuffer.wrap(out.toByteArray());
    }

    @Override
    public IExtension copyInstance() {
        return new BoundedDeflate(maxMessageSize);
    }

    @Override
    public void reset() {
        inflater.reset();
        inMessage = false;
        messageBytes = 0;
        serverNoContextTakeover = false;
    }

    @Override
    public String toString() {
        return NAME;
    }
}
