package dev.wsmon.app.headless;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StdinPumpTest {

    private static final class Recorder implements StdinPump.Sink {
        final List<String> seen = new ArrayList<>();

        @Override
        public void line(String text) {
            seen.add(text);
        }

        @Override
        public void oversized(long bytes) {
            seen.add("<too big: " + bytes + ">");
        }
    }

    private static List<String> read(InputStream in, int max) throws IOException {
        Recorder r = new Recorder();
        StdinPump.readLines(in, () -> max, r, () -> true);
        return r.seen;
    }

    @Test
    void splitsLikeReadLine_withLfCrLfCrAndALastLineWithoutTerminator() throws IOException {
        byte[] input = "a\nbö\r\n\nc\rd".getBytes(StandardCharsets.UTF_8);
        assertThat(read(new ByteArrayInputStream(input), 1000)).containsExactly("a", "bö", "", "c", "d");
    }

    @Test
    void aLineOverTheLimit_isDiscardedAsItStreams_andTheNextOneStillComes() throws IOException {
        byte[] input = ("x".repeat(200) + "\n" + "y".repeat(125) + "\nnext\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(read(new ByteArrayInputStream(input), 125)).containsExactly("<too big: 200>", "y".repeat(125), "next");
    }

    @Test
    void aLineLongerThanTheHeapCouldHold_isCountedWithoutBeingKept() throws IOException {
        long size = 3L * 1024 * 1024 * 1024; // 3 GiB of 'z' that never exist in memory at once
        InputStream huge = new InputStream() {
            long left = size;
            boolean newlineSent;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left > 0) {
                    int n = (int) Math.min(len, left);
                    java.util.Arrays.fill(b, off, off + n, (byte) 'z');
                    left -= n;
                    return n;
                }
                if (!newlineSent) {
                    newlineSent = true;
                    b[off] = '\n';
                    return 1;
                }
                return -1;
            }
        };
        InputStream all = new java.io.SequenceInputStream(huge, new ByteArrayInputStream("after\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(read(all, 16 * 1024 * 1024)).containsExactly("<too big: " + size + ">", "after");
    }
}
