package dev.wsmon.app.headless;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wsmon.core.CloseReport;
import dev.wsmon.core.Setting;
import dev.wsmon.core.HandshakePhase;
import dev.wsmon.core.HandshakeTiming;
import dev.wsmon.core.diagnosis.CloseDiagnosis;
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
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Optional;

/**
 * Engine events as the JSON objects of the headless contract ({@code cli-contract.md}): {@code ts} and
 * {@code type} first, then {@code conn} when the run has several connections, then the event's fields.
 * Fields beyond the contract are only ever added after the contract's own (the contract allows additions).
 *
 * <p>{@link PingUnanswered} has no line in the contract: it maps to nothing (it feeds the metrics).
 */
public final class EventJson {

    /** Milliseconds written with two decimals, trailing zeros dropped: {@code 12.34}, {@code 3.1}, {@code 812}. */
    private static final int MS_DECIMALS = 2;

    /** {@link #EventJson(boolean, long)}: message events carry no contents (without {@code --print-messages}). */
    public static final long NO_CONTENTS = -1;

    private final JsonMapper mapper;
    private final boolean withConn;
    private final long printMax;
    private final Lines lines = new Lines();

    /** @param withConn whether events carry {@code conn} (a run with several connections) */
    public EventJson(boolean withConn) {
        this(withConn, NO_CONTENTS);
    }

    /**
     * @param printMax with {@code --print-messages}: received messages carry their text (or base64) up to this many
     *     bytes; {@link #NO_CONTENTS} for none
     */
    public EventJson(boolean withConn, long printMax) {
        this.mapper = mapper();
        this.withConn = withConn;
        this.printMax = printMax;
    }

    /** The mapper that writes event lines: BigDecimal in plain notation ({@code 800}, not {@code 8E+2}). */
    public static JsonMapper mapper() {
        return JsonMapper.builder().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN).build();
    }

    /** The event's line object, or empty for an event the contract does not list. */
    public Optional<ObjectNode> toJson(ConnectionEvent event) {
        return event.accept(lines);
    }

    /** One method per event type: a new event type does not compile until it has a line (or says it has none). */
    private final class Lines implements ConnectionEvent.Visitor<Optional<ObjectNode>> {

        @Override
        public Optional<ObjectNode> stateChanged(StateChanged e) {
            return Optional.of(state(e));
        }

        @Override
        public Optional<ObjectNode> latencySample(LatencySample e) {
            ObjectNode n = base(e, "latency");
            n.put("rtt_ms", millis(e.rtt()));
            return Optional.of(n);
        }

        @Override
        public Optional<ObjectNode> pingUnanswered(PingUnanswered e) {
            return Optional.empty();
        }

        @Override
        public Optional<ObjectNode> reconnectScheduled(ReconnectScheduled e) {
            ObjectNode n = base(e, "reconnect");
            n.put("attempt", e.attempt());
            n.put("delay_ms", millis(e.delay()));
            n.put("basis", e.basis());
            return Optional.of(n);
        }

        @Override
        public Optional<ObjectNode> messageSent(MessageSent e) {
            ObjectNode n = base(e, "message");
            n.put("dir", "out");
            n.put("size", e.size());
            n.put("id", e.id());
            if (e.automatic()) {
                n.put("auto", true);
                n.put("by", e.by());
            }
            return Optional.of(n);
        }

        @Override
        public Optional<ObjectNode> messageDelivered(MessageDelivered e) {
            ObjectNode n = base(e, "delivered");
            n.put("id", e.id());
            n.put("confirm_ms", millis(e.confirm()));
            return Optional.of(n);
        }

        @Override
        public Optional<ObjectNode> sendFailed(SendFailed e) {
            ObjectNode n = base(e, "send_failed");
            n.put("id", e.id());
            n.put("reason", e.reason().token());
            if (!e.detail().isEmpty()) {
                n.put("detail", e.detail());
            }
            return Optional.of(n);
        }

        @Override
        public Optional<ObjectNode> messageReceived(MessageReceived e) {
            ObjectNode n = base(e, "message");
            n.put("dir", "in");
            n.put("size", e.size());
            if (e.binary()) {
                n.put("binary", true);
            }
            if (printMax != NO_CONTENTS && !e.binary()) {
                MessageText.Cut cut = MessageText.cut(e.text(), printMax);
                n.put("text", cut.text());
                if (cut.truncated()) {
                    n.put("truncated", true);
                }
            } else if (printMax != NO_CONTENTS) {
                java.nio.ByteBuffer data = e.data().duplicate();
                byte[] shown = new byte[(int) Math.min(data.remaining(), printMax)];
                data.get(shown);
                n.put("base64", java.util.Base64.getEncoder().encodeToString(shown));
                if (shown.length < e.size()) {
                    n.put("truncated", true);
                }
            }
            return Optional.of(n);
        }

        @Override
        public Optional<ObjectNode> settingsApplied(SettingsApplied e) {
            return Optional.of(settings(e));
        }

        @Override
        public Optional<ObjectNode> healthChanged(HealthChanged e) {
            ObjectNode n = base(e, "health");
            n.put("health", e.health().name());
            var reasons = n.putArray("reasons");
            e.reasons().forEach(r -> reasons.add(r.token()));
            return Optional.of(n);
        }

        @Override
        public Optional<ObjectNode> appLatency(AppLatency e) {
            ObjectNode n = base(e, "app_latency");
            n.put("rtt_ms", millis(e.rtt()));
            return Optional.of(n);
        }

        @Override
        public Optional<ObjectNode> heartbeatMissed(HeartbeatMissed e) {
            ObjectNode n = base(e, "heartbeat_missed");
            n.put("timeout_ms", e.timeout().toMillis());
            return Optional.of(n);
        }

        @Override
        public Optional<ObjectNode> alertChanged(AlertChanged e) {
            return Optional.of(alert(e));
        }

        @Override
        public Optional<ObjectNode> adviceGiven(AdviceGiven e) {
            ObjectNode n = base(e, "advice");
            n.put("kind", e.kind());
            n.put("detail", e.detail());
            ObjectNode suggest = n.putObject("suggest");
            new java.util.TreeMap<>(e.suggest()).forEach(suggest::put);
            return Optional.of(n);
        }
    }

    /** The {@code alert} line; the webhook posts the same fields. */
    public ObjectNode alert(AlertChanged e) {
        ObjectNode n = base(e, "alert");
        n.put("alert", e.firing() ? "firing" : "resolved");
        n.put("health", e.health().name());
        var reasons = n.putArray("reasons");
        e.reasons().forEach(r -> reasons.add(r.token()));
        n.put("since_ms", e.sinceMs());
        return n;
    }

    private ObjectNode state(StateChanged e) {
        ObjectNode n = base(e, "state");
        n.put("state", e.state().name());
        switch (e.state()) {
            case CONNECTING -> n.put("attempt", e.attempt());
            case OPEN -> {
                n.put("attempt", e.attempt());
                n.put("subprotocol", e.subprotocol());
                n.put("extensions", e.extensions());
                e.timing().ifPresent(t -> n.set("timing", timing(t)));
            }
            case CLOSING -> {
                e.initiator().ifPresent(i -> n.put("initiator", i.token()));
                n.put("attempt", e.attempt());
            }
            case CLOSED -> {
                e.close().ifPresentOrElse(r -> closed(n, r), () -> e.initiator().ifPresent(i -> n.put("initiator", i.token())));
                n.put("attempt", e.attempt());
            }
        }
        return n;
    }

    /** Every phase, in the contract's order, {@code null} where it did not happen. */
    private ObjectNode timing(HandshakeTiming t) {
        ObjectNode n = mapper.createObjectNode();
        for (HandshakePhase phase : HandshakePhase.values()) {
            String name = phase.token() + "_ms";
            t.of(phase).ifPresentOrElse(d -> n.put(name, millis(d)), () -> n.putNull(name));
        }
        return n;
    }

    private static void closed(ObjectNode n, CloseReport r) {
        n.put("code", r.code());
        n.put("reason", r.reason());
        n.put("initiator", r.initiator().token());
        n.put("cause", r.cause().token());
        n.put("detail", CloseDiagnosis.detail(r));
        if (r.httpStatus() > 0) {
            n.put("http_status", r.httpStatus());
        }
        r.retryAfter().ifPresent(d -> n.put("retry_after_ms", d.toMillis()));
    }

    /** All settings in effect after the change, in the command-line syntax, and which of them changed. */
    private ObjectNode settings(SettingsApplied e) {
        ObjectNode n = base(e, "settings");
        var changed = mapper.createArrayNode();
        for (Setting f : Setting.values()) {
            Object value = f.get(e.settings());
            String name = snake(f.key());
            switch (f.kind()) {
                case DURATION, INT_SIZE, LONG_SIZE -> n.put(name, f.display(value));
                case NUMBER -> n.put(name, (Double) value);
                case BOOLEAN -> n.put(name, (Boolean) value);
            }
            if (!value.equals(f.get(e.previous()))) {
                changed.add(name);
            }
        }
        n.set("changed", changed);
        return n;
    }

    private ObjectNode base(ConnectionEvent e, String type) {
        ObjectNode n = mapper.createObjectNode();
        n.put("ts", e.ts());
        n.put("type", type);
        if (withConn) {
            n.put("conn", e.connection());
        }
        return n;
    }

    static BigDecimal millis(Duration d) {
        return BigDecimal.valueOf(d.toNanos(), 6).setScale(MS_DECIMALS, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
