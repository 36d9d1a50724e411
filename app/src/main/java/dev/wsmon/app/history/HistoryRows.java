package dev.wsmon.app.history;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wsmon.app.headless.EventJson;
import dev.wsmon.core.HealthReason;
import dev.wsmon.core.event.AdviceGiven;
import dev.wsmon.core.event.AlertChanged;
import dev.wsmon.core.event.AppLatency;
import dev.wsmon.core.event.ConnectionEvent;
import dev.wsmon.core.event.HealthChanged;
import dev.wsmon.core.event.HeartbeatMissed;
import dev.wsmon.core.event.LatencySample;
import dev.wsmon.core.event.MessageDelivered;
import dev.wsmon.core.event.MessageReceived;
import dev.wsmon.core.event.MessageSent;
import dev.wsmon.core.event.PingUnanswered;
import dev.wsmon.core.event.ReconnectScheduled;
import dev.wsmon.core.event.SendFailed;
import dev.wsmon.core.event.SettingsApplied;
import dev.wsmon.core.event.StateChanged;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the history keeps of each event: RTTs as samples (exported as {@code latency} and {@code app_latency} lines),
 * state changes, closes, reconnects, settings, health, heartbeats, alerts and advice as their headless JSON lines
 * (without {@code conn}: the row holds it). Messages are not kept: the history is about the connection, not its
 * traffic, and a busy feed would crowd a week out of the file.
 */
final class HistoryRows {

    /** A row to write: a sample, an event, or nothing. */
    sealed interface Row permits SampleRow, EventRow, NoRow {
    }

    record SampleRow(Sample sample) implements Row {
    }

    record EventRow(StoredEvent event) implements Row {
    }

    enum NoRow implements Row {
        INSTANCE
    }

    private static final com.fasterxml.jackson.databind.json.JsonMapper MAPPER = EventJson.mapper();

    private final EventJson json = new EventJson(false);
    private final Rows rows = new Rows();

    Row of(ConnectionEvent e) {
        return e.accept(rows);
    }

    /** The headless line of a recorded sample, as {@code --headless} prints it. */
    String line(Sample s) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("ts", s.ts());
        n.put("type", s.kind() == SampleKind.KEEPALIVE ? "latency" : "app_latency");
        n.put("rtt_ms", java.math.BigDecimal.valueOf(s.micros(), 3).setScale(2, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros());
        return text(n);
    }

    private final class Rows implements ConnectionEvent.Visitor<Row> {

        @Override
        public Row stateChanged(StateChanged e) {
            return event(e, "state");
        }

        @Override
        public Row latencySample(LatencySample e) {
            return sample(e, SampleKind.KEEPALIVE, e.rtt());
        }

        @Override
        public Row pingUnanswered(PingUnanswered e) {
            return NoRow.INSTANCE;
        }

        @Override
        public Row reconnectScheduled(ReconnectScheduled e) {
            return event(e, "reconnect");
        }

        @Override
        public Row messageSent(MessageSent e) {
            return NoRow.INSTANCE;
        }

        @Override
        public Row messageDelivered(MessageDelivered e) {
            return NoRow.INSTANCE;
        }

        @Override
        public Row sendFailed(SendFailed e) {
            return NoRow.INSTANCE;
        }

        @Override
        public Row messageReceived(MessageReceived e) {
            return NoRow.INSTANCE;
        }

        @Override
        public Row settingsApplied(SettingsApplied e) {
            return event(e, "settings");
        }

        @Override
        public Row healthChanged(HealthChanged e) {
            return event(e, "health", n -> {
                n.put("health", e.health().name());
                reasons(n, e.reasons());
            });
        }

        @Override
        public Row appLatency(AppLatency e) {
            return sample(e, SampleKind.APP, e.rtt());
        }

        @Override
        public Row heartbeatMissed(HeartbeatMissed e) {
            return event(e, "heartbeat_missed", n -> n.put("timeout_ms", e.timeout().toMillis()));
        }

        @Override
        public Row alertChanged(AlertChanged e) {
            return event(e, "alert", n -> {
                n.put("alert", e.firing() ? "firing" : "resolved");
                n.put("health", e.health().name());
                reasons(n, e.reasons());
                n.put("since_ms", e.sinceMs());
            });
        }

        @Override
        public Row adviceGiven(AdviceGiven e) {
            return event(e, "advice", n -> {
                n.put("kind", e.kind());
                n.put("detail", e.detail());
            });
        }
    }

    private static Row sample(ConnectionEvent e, SampleKind kind, Duration rtt) {
        return new SampleRow(new Sample(e.connection(), e.ts(), kind, Math.max(0, rtt.toNanos() / 1_000)));
    }

    private Row event(ConnectionEvent e, String type) {
        return json.toJson(e).<Row>map(n -> new EventRow(new StoredEvent(e.connection(), e.ts(), type, text(n))))
                .orElse(NoRow.INSTANCE);
    }

    /**
     * The event's headless line; {@code fallback} writes the contract's fields while the headless writer has no line
     * for this type yet (its producer fills that in), so the history keeps it either way.
     */
    private Row event(ConnectionEvent e, String type, java.util.function.Consumer<ObjectNode> fallback) {
        Optional<ObjectNode> line = json.toJson(e);
        ObjectNode n = line.orElseGet(() -> {
            ObjectNode o = MAPPER.createObjectNode();
            o.put("ts", e.ts());
            o.put("type", type);
            fallback.accept(o);
            return o;
        });
        return new EventRow(new StoredEvent(e.connection(), e.ts(), type, text(n)));
    }

    /** Through the event mapper, so that numbers print as {@code --headless} prints them ({@code 800}, not {@code 8E+2}). */
    static String text(ObjectNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static void reasons(ObjectNode n, Set<HealthReason> reasons) {
        var a = n.putArray("reasons");
        List.copyOf(reasons).forEach(r -> a.add(r.token()));
    }
}
