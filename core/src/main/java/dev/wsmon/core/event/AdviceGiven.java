package dev.wsmon.core.event;

import dev.wsmon.core.ConnectionId;
import java.util.Map;
import java.util.Objects;

/**
 * wsmon recognised a pattern worth a change of settings ({@code kind}, e.g. {@code idle-timeout}); {@code suggest}
 * maps setting keys in the contract's spelling (e.g. {@code ping_interval}) to suggested values (e.g. {@code 2s}).
 */
public record AdviceGiven(ConnectionId connectionId, long ts, String kind, String detail, Map<String, String> suggest)
        implements ConnectionEvent {

    public AdviceGiven {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
        suggest = Map.copyOf(suggest);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.adviceGiven(this);
    }
}
