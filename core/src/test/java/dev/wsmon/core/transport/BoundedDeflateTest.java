package dev.wsmon.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.BinaryFrame;
import org.java_websocket.framing.ContinuousFrame;
import org.java_websocket.framing.DataFrame;
import org.java_websocket.framing.TextFrame;
import org.junit.jupiter.api.Test;

/** permessage-deflate as a server sends it (the JDK's Deflater, RFC 7692 7.2.1), inflated within the limit. */
class BoundedDeflateTest {

    private static final int LIMIT = 1024 * 1024;

    /** RFC 7692 7.2.1: SYNC_FLUSH, then the trailing 00 00 FF FF removed. */
    private static byte[] compress(Deflater deflater, byte[] data) {
        byte[] all = flush(deflater, data);
        return Arrays.copyOf(all, all.length - 4);
    }

    /** A fragment that does not end its message keeps its flush marker. */
    private static byte[] flush(Deflater deflater, byte[] data) {
        deflater.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        int n;
        while ((n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH)) > 0) {
            out.write(chunk, 0, n);
        }
        return out.toByteArray();
    }

    private static DataFrame frame(DataFrame f, byte[] payload, boolean rsv1, boolean fin) {
        f.setPayload(ByteBuffer.wrap(payload));
        f.setRSV1(rsv1);
        f.setFin(fin);
        return f;
    }

    private static String text(DataFrame f) {
        return StandardCharsets.UTF_8.decode(f.getPayloadData()).toString();
    }

    @Test
    void compressedMessages_inflate_withAndWithoutContextTakeover() throws InvalidDataException {
        for (boolean noTakeover : new boolean[] {false, true}) {
            BoundedDeflate ext = new BoundedDeflate(LIMIT);
            assertThat(ext.acceptProvidedExtensionAsClient(noTakeover ? "permessage-deflate; server_no_context_takeover"
                    : "permessage-deflate; server_max_window_bits=10")).isTrue();
            Deflater server = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            for (int i = 0; i < 3; i++) {
                if (noTakeover) {
                    server.reset();
                }
                DataFrame f = frame(new TextFrame(), compress(server, ("tick " + i).getBytes(StandardCharsets.UTF_8)), true, true);
                ext.decodeFrame(f);
                assertThat(text(f)).isEqualTo("tick " + i);
                assertThat(f.isRSV1()).isFalse();
            }
        }
    }

    @Test
    void aFragmentedCompressedMessage_inflatesAcrossItsFrames_andAnUncompressedOneIsLeftAlone() throws Exception {
        BoundedDeflate ext = new BoundedDeflate(LIMIT);
        ext.acceptProvidedExtensionAsClient("permessage-deflate");
        byte[] all = compress(new Deflater(Deflater.DEFAULT_COMPRESSION, true), "hello, fragmented world".getBytes(StandardCharsets.UTF_8));
        DataFrame first = frame(new TextFrame(), Arrays.copyOf(all, 5), true, false);
        DataFrame second = frame(new ContinuousFrame(), Arrays.copyOfRange(all, 5, all.length), false, true);
        ext.decodeFrame(first);
        ext.decodeFrame(second);
        assertThat(text(first) + text(second)).isEqualTo("hello, fragmented world");

        DataFrame plainFirst = frame(new TextFrame(), "plain ".getBytes(StandardCharsets.UTF_8), false, false);
        DataFrame plainNext = frame(new ContinuousFrame(), "text".getBytes(StandardCharsets.UTF_8), false, true);
        ext.decodeFrame(plainFirst);
        ext.decodeFrame(plainNext);
        assertThat(text(plainFirst) + text(plainNext)).isEqualTo("plain text");
    }

    @Test
    void aCompressionBomb_endsIn1009_beforeItIsInflated() {
        byte[] zeros = new byte[64 * 1024 * 1024]; // 64 MiB of zeros: about 64 KiB compressed
        byte[] bomb = compress(new Deflater(Deflater.BEST_COMPRESSION, true), zeros);
        assertThat(bomb.length).isLessThan(LIMIT);
        BoundedDeflate ext = new BoundedDeflate(LIMIT);
        ext.acceptProvidedExtensionAsClient("permessage-deflate");
        assertThatThrownBy(() -> ext.decodeFrame(frame(new BinaryFrame(), bomb, true, true)))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> assertThat(e.getCloseCode()).isEqualTo(1009))
                .hasMessageContaining("max message size of " + LIMIT);
    }

    @Test
    void aBombSpreadOverFragments_isBoundedPerMessage() throws Exception {
        Deflater server = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] part = new byte[LIMIT / 3 + 1]; // two fit, the third passes the limit
        BoundedDeflate ext = new BoundedDeflate(LIMIT);
        ext.acceptProvidedExtensionAsClient("permessage-deflate");
        ext.decodeFrame(frame(new BinaryFrame(), flush(server, part), true, false));
        ext.decodeFrame(frame(new ContinuousFrame(), flush(server, part), false, false));
        assertThatThrownBy(() -> ext.decodeFrame(frame(new ContinuousFrame(), compress(server, part), false, true)))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> assertThat(e.getCloseCode()).isEqualTo(1009));
    }

    @Test
    void answersWsmonCannotHonour_areRefused() {
        BoundedDeflate ext = new BoundedDeflate(LIMIT);
        assertThat(ext.acceptProvidedExtensionAsClient("permessage-deflate; client_max_window_bits=10")).isFalse();
        assertThat(ext.acceptProvidedExtensionAsClient("permessage-deflate; server_max_window_bits=7")).isFalse();
        assertThat(ext.acceptProvidedExtensionAsClient("permessage-deflate; unknown_param")).isFalse();
        assertThat(ext.acceptProvidedExtensionAsClient("x-webkit-deflate-frame")).isFalse();
        assertThat(ext.acceptProvidedExtensionAsClient("permessage-deflate, permessage-deflate")).isFalse();
        assertThat(ext.acceptProvidedExtensionAsClient("permessage-deflate; client_no_context_takeover")).isTrue();
    }

    @Test
    void garbage_isNotValidDeflate_1007() {
        BoundedDeflate ext = new BoundedDeflate(LIMIT);
        ext.acceptProvidedExtensionAsClient("permessage-deflate");
        assertThatThrownBy(() -> ext.decodeFrame(frame(new TextFrame(), new byte[] {(byte) 0xFF, (byte) 0xFF, 0x12}, true, true)))
                .isInstanceOfSatisfying(InvalidDataException.class, e -> assertThat(e.getCloseCode()).isEqualTo(1007));
    }
}
