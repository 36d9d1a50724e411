package dev.wsmon.app.history;

import java.util.Objects;

/** A recorded event: its headless JSON line ({@code cli-contract.md}, without {@code conn}) and its type token. */
public record StoredEvent(String conn, long ts, String type, String json) {

    public StoredEvent {
        Objects.requireNonNull(conn, "conn");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(json, "json");
    }
}
