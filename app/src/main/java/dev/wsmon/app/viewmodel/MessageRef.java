package dev.wsmon.app.viewmodel;

/**
 * Which kept message a log line is about: its number in {@link KeptMessages}, and whether it was sent automatically
 * (the log hides those lines with the inspector's "Hide automatic").
 *
 * @param seq the message's number, from 1; 0 for none
 */
public record MessageRef(long seq, boolean automatic) {

    public static final MessageRef NONE = new MessageRef(0, false);

    public MessageRef {
        if (seq < 0) {
            throw new IllegalArgumentException("message number must be ≥ 0, got " + seq);
        }
    }

    public boolean isNone() {
        return seq == 0;
    }
}
