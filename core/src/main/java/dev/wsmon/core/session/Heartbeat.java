package dev.wsmon.core.session;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The application heartbeat of a feed session: {@link #text()} sent every heartbeat interval while OPEN; with
 * {@link #expect()}, a received text message that fully matches it is the reply (timed, or missed after the
 * heartbeat timeout). Interval and timeout are settings (live-tunable), not part of this record.
 *
 * @param text may refer to {@code ${ENV}}, expanded at each send and never shown
 * @param expect the reply's regex (full match); empty: the heartbeat is sent but not timed
 */
public record Heartbeat(String text, Optional<String> expect) {

    public Heartbeat {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(expect, "expect");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("heartbeat text is empty; write the message to send, e.g. {\"op\":\"ping\"}");
        }
        expect.ifPresent(Heartbeat::compile);
    }

    /** The expected reply, compiled. */
    public Optional<Pattern> expectPattern() {
        return expect.map(Heartbeat::compile);
    }

    private static Pattern compile(String regex) {
        if (regex.isEmpty()) {
            throw new IllegalArgumentException("heartbeat expect is empty; write the reply's regex, e.g. \\{\"op\":\"pong\"\\}");
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("heartbeat expect '" + regex + "' is not a valid regex ("
                    + e.getDescription() + " near index " + e.getIndex() + ")");
        }
    }
}
