package dev.wsmon.app.viewmodel;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * One line of the event log.
 *
 * @param ts wall-clock time, epoch milliseconds
 * @param text what happened, one sentence
 * @param detail what to check or do, or empty
 * @param message the message the line is about, for the inspector; {@link MessageRef#NONE} if none
 */
public record LogEntry(long ts, String connection, LogKind kind, String text, String detail, MessageRef message) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    public LogEntry {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        detail = detail == null ? "" : detail;
        message = message == null ? MessageRef.NONE : message;
    }

    /** A line about no message. */
    public LogEntry(long ts, String connection, LogKind kind, String text, String detail) {
        this(ts, connection, kind, text, detail, MessageRef.NONE);
    }

    public String time() {
        return TIME.format(Instant.ofEpochMilli(ts));
    }

    /** The line as copied to the clipboard: time, connection, kind, text and detail. */
    public String line() {
        return time() + "  " + connection + "  " + kind.name() + "  " + text + (detail.isEmpty() ? "" : "  — " + detail);
    }

    /** Whether the search text occurs in it, ignoring case. */
    public boolean matches(String search) {
        if (search == null || search.isBlank()) {
            return true;
        }
        String needle = search.trim().toLowerCase(Locale.ROOT);
        return text.toLowerCase(Locale.ROOT).contains(needle) || detail.toLowerCase(Locale.ROOT).contains(needle)
                || connection.toLowerCase(Locale.ROOT).contains(needle);
    }
}
