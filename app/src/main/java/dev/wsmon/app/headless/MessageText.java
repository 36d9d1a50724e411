package dev.wsmon.app.headless;

import java.nio.charset.StandardCharsets;

/** A message's text cut to at most a number of UTF-8 bytes, never inside a character. */
final class MessageText {

    /** The text printed, and whether some was left out. */
    record Cut(String text, boolean truncated) {
    }

    private MessageText() {
    }

    static Cut cut(String text, long maxBytes) {
        if ((long) text.length() * 3 <= maxBytes) {
            return new Cut(text, false); // even all three-byte characters would fit
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= maxBytes) {
            return new Cut(text, false);
        }
        int end = (int) maxBytes;
        while (end > 0 && (utf8[end] & 0xC0) == 0x80) {
            end--; // a continuation byte: the character started before, leave it out whole
        }
        return new Cut(new String(utf8, 0, end, StandardCharsets.UTF_8), true);
    }
}
