package dev.wsmon.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HexDumpTest {

    @Test
    void aLineShowsOffset_sixteenBytesInHex_andTheirAscii_withDotsForTheUnprintable() {
        byte[] data = "Hello world\n".getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[20];
        System.arraycopy(data, 0, all, 0, data.length);
        for (int i = data.length; i < all.length; i++) {
            all[i] = (byte) (i == 19 ? 0xff : i - data.length);
        }

        String dump = HexDump.render(ByteBuffer.wrap(all), 0, all.length);

        assertThat(dump.split("\n")).containsExactly(
                "00000000 | 48 65 6c 6c 6f 20 77 6f  72 6c 64 0a 00 01 02 03 | Hello world.....",
                "00000010 | 04 05 06 ff                                      | ....");
    }

    @Test
    void aRange_startsAtItsLine_keepsTheMessagesOffsets_andStopsAtTheEnd() {
        byte[] all = new byte[100];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) ('A' + i % 26);
        }

        String[] lines = HexDump.render(ByteBuffer.wrap(all), 40, 1000).split("\n");

        assertThat(lines[0]).startsWith("00000020 | 47 48"); // 40 rounds down to its line, 0x20
        assertThat(lines).hasSize(5); // 0x20..0x63
        assertThat(lines[4]).startsWith("00000060 | 53 54 55 56 ").endsWith("| STUV");
        assertThat(HexDump.render(ByteBuffer.wrap(all), 200, 16)).isEmpty();
    }

    @Test
    void searchLooksInTheAsciiIgnoringCase_withoutCopyingThePayload() {
        ByteBuffer data = ByteBuffer.wrap(new byte[] {0, 'S', 'u', 'b', 0x7f, 'x'});

        assertThat(HexDump.containsAscii(data, "sub")).isTrue();
        assertThat(HexDump.containsAscii(data, "b.x")).isTrue(); // the dot a reader sees stands for the byte
        assertThat(HexDump.containsAscii(data, "subx")).isFalse();
        assertThat(HexDump.ascii(data)).isEqualTo(".Sub.x");
    }
}
