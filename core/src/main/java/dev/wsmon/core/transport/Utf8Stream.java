package dev.wsmon.core.transport;

/**
 * Validates UTF-8 as it streams in, so that a text message split across frames (or a frame across reads)
 * is judged as a whole, and an error is found at its first byte (RFC 6455 8.1, RFC 3629 4: no overlong
 * forms, no surrogates, nothing above U+10FFFF).
 */
final class Utf8Stream {

    /** Continuation bytes still expected in the current sequence. */
    private int pending;
    /** Allowed range of the next byte; 0x80..0xBF except right after E0, ED, F0 and F4. */
    private int low = 0x80;
    private int high = 0xBF;
    private boolean failed;

    /** Feeds bytes; returns false once the stream so far is not UTF-8. */
    boolean feed(byte[] bytes, int offset, int length) {
        int end = offset + length;
        for (int i = offset; i < end && !failed; i++) {
            if (pending == 0 && bytes[i] >= 0) {
                continue; // ASCII, the common case, needs no state
            }
            accept(bytes[i] & 0xFF);
        }
        return !failed;
    }

    boolean feed(int b) {
        if (!failed) {
            accept(b & 0xFF);
        }
        return !failed;
    }

    /** Whether the bytes so far end at a character boundary and are valid. */
    boolean complete() {
        return !failed && pending == 0;
    }

    void reset() {
        pending = 0;
        low = 0x80;
        high = 0xBF;
        failed = false;
    }

    private void accept(int b) {
        if (pending > 0) {
            if (b < low || b > high) {
                failed = true;
                return;
            }
            pending--;
            low = 0x80;
            high = 0xBF;
            return;
        }
        if (b < 0x80) {
            return;
        }
        if (b >= 0xC2 && b <= 0xDF) {
            pending = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
            pending = 2;
            if (b == 0xE0) {
                low = 0xA0; // overlong
            } else if (b == 0xED) {
                high = 0x9F; // surrogates
            }
        } else if (b >= 0xF0 && b <= 0xF4) {
            pending = 3;
            if (b == 0xF0) {
                low = 0x90; // overlong
            } else if (b == 0xF4) {
                high = 0x8F; // above U+10FFFF
            }
        } else {
            failed = true; // a stray continuation byte, C0, C1 or F5..FF
        }
    }
}
