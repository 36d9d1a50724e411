package dev.wsmon.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.testing.HostileServer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The frame reader in isolation: reads split anywhere find the same frame, and earlier frames stay readable. */
class FrameCheckTest {

    @Test
    void aViolationIsFound_whateverTheReadsSplitTheStreamInto() {
        byte[] stream = concat(HostileServer.frame(0x81, "fine".getBytes()), HostileServer.frame(0x01, new byte[300]),
                HostileServer.frame(0x80, "end".getBytes()), HostileServer.masked(0x81, "bad".getBytes()));
        int badAt = stream.length - 9; // 2 header bytes, 4 key bytes, 3 payload bytes

        for (int chunk = 1; chunk <= stream.length; chunk++) {
            FrameCheck check = new FrameCheck();
            int found = -1;
            int offset = 0;
            int lastRead = 0;
            while (found < 0 && offset < stream.length) {
                int n = Math.min(chunk, stream.length - offset);
                lastRead = offset;
                found = check.scan(ByteBuffer.wrap(stream, offset, n));
                offset += n;
            }
            // Where the bad frame starts, or the start of the read when it began in an earlier one.
            assertThat(found).as("chunk %d", chunk).isEqualTo(Math.max(badAt, lastRead));
            assertThat(check.violation().code()).isEqualTo(1002);
            assertThat(check.violation().message()).contains("masked");
        }
    }

    @Test
    void utf8IsJudgedAcrossFragmentsAndReads() {
        byte[] stream = concat(HostileServer.frame(0x01, HostileServer.bytes(0x61, 0xF0, 0x9F)),
                HostileServer.frame(0x89, new byte[0]), HostileServer.frame(0x80, HostileServer.bytes(0x98, 0x80)));
        for (int chunk = 1; chunk <= stream.length; chunk++) {
            FrameCheck check = new FrameCheck();
            for (int offset = 0; offset < stream.length; offset += chunk) {
                assertThat(check.scan(ByteBuffer.wrap(stream, offset, Math.min(chunk, stream.length - offset))))
                        .as("chunk %d", chunk).isEqualTo(-1);
            }
        }
    }

    @Test
    void closeCodesOnTheWire_followTheRegistry() {
        assertThat(FrameCheck.validOnTheWire(1000)).isTrue();
        assertThat(FrameCheck.validOnTheWire(1003)).isTrue();
        assertThat(FrameCheck.validOnTheWire(1004)).isFalse();
        assertThat(FrameCheck.validOnTheWire(1005)).isFalse();
        assertThat(FrameCheck.validOnTheWire(1006)).isFalse();
        assertThat(FrameCheck.validOnTheWire(1007)).isTrue();
        assertThat(FrameCheck.validOnTheWire(1014)).isTrue();
        assertThat(FrameCheck.validOnTheWire(1015)).isFalse();
        assertThat(FrameCheck.validOnTheWire(2999)).isFalse();
        assertThat(FrameCheck.validOnTheWire(3000)).isTrue();
        assertThat(FrameCheck.validOnTheWire(4999)).isTrue();
        assertThat(FrameCheck.validOnTheWire(5000)).isFalse();
    }

    @Test
    void aLongReasonIsCutToFitAControlFrame_neverInsideACharacter() {
        String reason = "é".repeat(100); // 200 bytes

        String fitted = FrameCheck.fitReason(reason);

        assertThat(fitted.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(123);
        assertThat(fitted).isEqualTo("é".repeat(61));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
