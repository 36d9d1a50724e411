package dev.wsmon.app.viewmodel;

import java.nio.ByteBuffer;

/**
 * Binary payloads for people: {@code offset | 16 bytes in hex | the same bytes as ASCII}, a dot for anything not
 * printable. Renders a range, so a large message is shown a page at a time.
 */
public final class HexDump {

    public static final int BYTES_PER_LINE = 16;
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** {@code 00000000 | } + 16 × {@code xx } + one extra space mid-line + {@code | } + 16 + newline. */
    private static final int LINE_CHARS = 11 + BYTES_PER_LINE * 3 + 1 + 2 + BYTES_PER_LINE + 1;

    private HexDump() {
    }

    /**
     * The lines for {@code length} bytes of {@code data} from {@code from} (rounded down to a line), clipped to the data.
     * The offsets are the message's own.
     */
    public static String render(ByteBuffer data, int from, int length) {
        int size = data.remaining();
        int base = data.position();
        int start = Math.max(0, Math.min(from - Math.floorMod(from, BYTES_PER_LINE), size));
        int end = (int) Math.min(size, (long) start + Math.max(0, length));
        StringBuilder out = new StringBuilder(((end - start) / BYTES_PER_LINE + 1) * LINE_CHARS);
        for (int line = start; line < end; line += BYTES_PER_LINE) {
            appendHex(out, line, 8);
            out.append(" | ");
            int n = Math.min(BYTES_PER_LINE, end - line);
            for (int i = 0; i < BYTES_PER_LINE; i++) {
                if (i == BYTES_PER_LINE / 2) {
                    out.append(' ');
                }
                if (i < n) {
                    appendHex(out, data.get(base + line + i) & 0xff, 2);
                    out.append(' ');
                } else {
                    out.append("   ");
                }
            }
            out.append("| ");
            for (int i = 0; i < n; i++) {
                out.append(printable(data.get(base + line + i)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The whole payload as ASCII, a dot for anything not printable: what search looks in. */
    public static String ascii(ByteBuffer data) {
        StringBuilder out = new StringBuilder(data.remaining());
        for (int i = data.position(); i < data.limit(); i++) {
            out.append(printable(data.get(i)));
        }
        return out.toString();
    }

    /** Whether the ASCII rendering of {@code data} contains {@code needle}, ignoring ASCII case; no copy of the data. */
    public static boolean containsAscii(ByteBuffer data, String needle) {
        int n = needle.length();
        int last = data.limit() - n;
        outer:
        for (int i = data.position(); i <= last; i++) {
            for (int j = 0; j < n; j++) {
                if (Character.toLowerCase(printable(data.get(i + j))) != Character.toLowerCase(needle.charAt(j))) {
                    continue outer;
                }
            }
            return true;
        }
        return n == 0;
    }

    private static char printable(byte b) {
        return b >= 0x20 && b < 0x7f ? (char) b : '.';
    }

    private static void appendHex(StringBuilder out, int value, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.append(HEX[(value >>> shift) & 0xf]);
        }
    }
}
