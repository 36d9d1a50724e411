package dev.wsmon.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** Reading an HTTP/1.1 request head off a raw socket, for the raw TCP peers. */
final class HttpHead {

    private static final int MAX_BYTES = 64 * 1024;
    private static final int CRLF_CRLF = 0x0D0A0D0A;

    private HttpHead() {
    }

    /**
     * Reads up to and including the blank line that ends the head, and not one byte further (so
     * frames that follow stay in the stream).
     *
     * @return the head as ISO-8859-1 text, or null if the stream ended first
     */
    static String read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        int last4 = 0;
        while (head.size() < MAX_BYTES) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            last4 = (last4 << 8) | b;
            if (last4 == CRLF_CRLF) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        throw new IOException("HTTP head larger than " + MAX_BYTES + " bytes");
    }

    /** The value of the first header called {@code name} (case-insensitive), trimmed. */
    static Optional<String> header(String head, String name) {
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        return head.lines()
                .skip(1)
                .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                .map(line -> line.substring(prefix.length()).trim())
                .findFirst();
    }
}
