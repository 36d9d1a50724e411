package dev.wsmon.app.headless;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wsmon.core.CloseCause;
import dev.wsmon.core.CloseReport;
import dev.wsmon.core.HandshakePhase;
import dev.wsmon.core.HandshakeTiming;
import dev.wsmon.core.Initiator;
import dev.wsmon.core.SendFailure;
import dev.wsmon.core.Settings;
import dev.wsmon.core.State;
import dev.wsmon.core.event.ConnectionEvent;
import dev.wsmon.core.event.StateChanged;
import dev.wsmon.core.testing.Events;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each engine event as the contract's line: exact field names, in order, and value types. */
class EventJsonTest {

    private static final long TS = 1_700_000_000_123L;
    private static final Events FEED = Events.of("feed");
    private final EventJson single = new EventJson(false);

    private ObjectNode json(ConnectionEvent e) {
        return single.toJson(e).orElseThrow();
    }

    private static List<String> fields(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String line(JsonNode n) {
        return n.toString();
    }

    private static StateChanged state(State s, State previous, int attempt, String subprotocol, Initiator initiator,
                                      CloseReport report) {
        return new StateChanged(FEED.id(), TS, s, previous, attempt, subprotocol, Optional.ofNullable(initiator),
                Optional.ofNullable(report));
    }

    @Test
    void connecting_hasStateAndAttempt() {
        ObjectNode n = json(state(State.CONNECTING, State.CLOSED, 3, "", null, null));
        assertThat(fields(n)).containsExactly("ts", "type", "state", "attempt");
        assertThat(line(n)).isEqualTo("{\"ts\":1700000000123,\"type\":\"state\",\"state\":\"CONNECTING\",\"attempt\":3}");
    }

    @Test
    void open_withTiming_listsEveryPhaseInTheContractsOrder_nullWhereItDidNotHappen() {
        HandshakeTiming timing = new HandshakeTiming(Map.of(HandshakePhase.TCP, Duration.ofNanos(312_345),
                HandshakePhase.UPGRADE, Duration.ofNanos(2_200_000), HandshakePhase.PROXY, Duration.ofMillis(1)));
        ObjectNode n = json(new StateChanged(FEED.id(), TS, State.OPEN, State.CONNECTING, 3, "", Optional.empty(),
                Optional.empty(), "", Optional.of(timing)));
        assertThat(fields(n)).containsExactly("ts", "type", "state", "attempt", "subprotocol", "extensions", "timing");
        assertThat(line(n.get("timing")))
                .isEqualTo("{\"dns_ms\":null,\"proxy_ms\":1,\"tcp_ms\":0.31,\"tls_ms\":null,\"upgrade_ms\":2.2}");
    }

    @Test
    void open_hasAttemptSubprotocolAndExtensions() {
        ObjectNode n = json(state(State.OPEN, State.CONNECTING, 3, "chat", null, null));
        assertThat(fields(n)).containsExactly("ts", "type", "state", "attempt", "subprotocol", "extensions");
        assertThat(n.get("subprotocol").asText()).isEqualTo("chat");
        assertThat(n.get("extensions").asText()).isEmpty();
    }

    @Test
    void closing_hasInitiator() {
        ObjectNode n = json(state(State.CLOSING, State.OPEN, 3, "", Initiator.REMOTE, null));
        assertThat(fields(n)).startsWith("ts", "type", "state", "initiator");
        assertThat(n.get("initiator").asText()).isEqualTo("remote");
    }

    @Test
    void closed_hasCodeReasonInitiatorCauseAndDetail() {
        CloseReport report = CloseReport.abnormal(Initiator.LOCAL, CloseCause.KEEPALIVE_TIMEOUT, "")
                .withWaited(Duration.ofMillis(1000)).withPingSeq(41);
        ObjectNode n = json(state(State.CLOSED, State.OPEN, 3, "", Initiator.LOCAL, report));
        assertThat(fields(n)).startsWith("ts", "type", "state", "code", "reason", "initiator", "cause", "detail");
        assertThat(fields(n)).doesNotContain("http_status", "retry_after_ms");
        assertThat(n.get("code").isInt()).isTrue();
        assertThat(n.get("code").asInt()).isEqualTo(1006);
        assertThat(n.get("reason").asText()).isEmpty();
        assertThat(n.get("initiator").asText()).isEqualTo("local");
        assertThat(n.get("cause").asText()).isEqualTo("keepalive-timeout");
        assertThat(n.get("detail").asText()).isEqualTo(dev.wsmon.core.diagnosis.CloseDiagnosis.detail(report))
                .contains("ping #41");
    }

    @Test
    void closed_byHttpRejection_carriesStatusAndRetryAfter() {
        CloseReport report = CloseReport.abnormal(Initiator.REMOTE, CloseCause.HTTP_REJECTED, "")
                .withHttp(503, Optional.of(Duration.ofSeconds(2)));
        ObjectNode n = json(state(State.CLOSED, State.CONNECTING, 1, "", Initiator.REMOTE, report));
        assertThat(n.get("cause").asText()).isEqualTo("http-rejected");
        assertThat(n.get("http_status").asInt()).isEqualTo(503);
        assertThat(n.get("retry_after_ms").isIntegralNumber()).isTrue();
        assertThat(n.get("retry_after_ms").asLong()).isEqualTo(2000);
    }

    @Test
    void closed_byProxy_carriesProxyFailedAndTheProxysStatus() {
        CloseReport report = CloseReport.abnormal(Initiator.REMOTE, CloseCause.PROXY_FAILED,
                "HTTP proxy 10.0.0.1:3128 refused the tunnel to h:443 with HTTP 407").withHttp(407, Optional.empty());
        ObjectNode n = json(state(State.CLOSED, State.CONNECTING, 1, "", Initiator.REMOTE, report));
        assertThat(n.get("cause").asText()).isEqualTo("proxy-failed");
        assertThat(n.get("http_status").asInt()).isEqualTo(407);
        assertThat(n.get("detail").asText()).contains("10.0.0.1:3128");
        assertThat(n.has("retry_after_ms")).isFalse();
    }

    @Test
    void closed_byHttpRejection_withoutRetryAfter_hasNoRetryField() {
        CloseReport report = CloseReport.abnormal(Initiator.REMOTE, CloseCause.HTTP_REJECTED, "").withHttp(401, Optional.empty());
        ObjectNode n = json(state(State.CLOSED, State.CONNECTING, 1, "", Initiator.REMOTE, report));
        assertThat(n.get("http_status").asInt()).isEqualTo(401);
        assertThat(n.has("retry_after_ms")).isFalse();
    }

    @Test
    void latency_isRttInMillisecondsWithTwoDecimals() {
        ObjectNode n = json(FEED.latency(TS, 7, Duration.ofNanos(12_344_999)));
        assertThat(fields(n)).containsExactly("ts", "type", "rtt_ms");
        assertThat(line(n)).isEqualTo("{\"ts\":1700000000123,\"type\":\"latency\",\"rtt_ms\":12.34}");
        assertThat(line(json(FEED.latency(TS, 7, Duration.ofNanos(300_000))))).contains("\"rtt_ms\":0.3}");
    }

    @Test
    void reconnect_hasAttemptAndDelay() {
        ObjectNode n = json(FEED.reconnect(TS, 4, Duration.ofMillis(812), "backoff"));
        assertThat(fields(n)).startsWith("ts", "type", "attempt", "delay_ms");
        assertThat(line(n)).startsWith("{\"ts\":1700000000123,\"type\":\"reconnect\",\"attempt\":4,\"delay_ms\":812,");
    }

    @Test
    void messageIn_hasDirAndSize() {
        ObjectNode n = json(FEED.received(TS, 42, "secret text"));
        assertThat(fields(n)).containsExactly("ts", "type", "dir", "size");
        assertThat(line(n)).isEqualTo("{\"ts\":1700000000123,\"type\":\"message\",\"dir\":\"in\",\"size\":42}")
                .doesNotContain("secret text");
    }

    @Test
    void messageOut_hasDirSizeAndId() {
        ObjectNode n = json(FEED.sent(TS, 17, 5));
        assertThat(fields(n)).containsExactly("ts", "type", "dir", "size", "id");
        assertThat(line(n)).isEqualTo("{\"ts\":1700000000123,\"type\":\"message\",\"dir\":\"out\",\"size\":5,\"id\":17}");
    }

    @Test
    void delivered_hasIdAndConfirmTime() {
        ObjectNode n = json(FEED.delivered(TS, 17, Duration.ofNanos(3_100_000)));
        assertThat(fields(n)).containsExactly("ts", "type", "id", "confirm_ms");
        assertThat(line(n)).isEqualTo("{\"ts\":1700000000123,\"type\":\"delivered\",\"id\":17,\"confirm_ms\":3.1}");
    }

    @Test
    void sendFailed_hasIdAndReasonToken() {
        for (SendFailure f : SendFailure.values()) {
            ObjectNode n = json(FEED.failed(TS, 17, f, "why"));
            assertThat(fields(n)).startsWith("ts", "type", "id", "reason");
            assertThat(n.get("type").asText()).isEqualTo("send_failed");
            assertThat(n.get("reason").asText()).isEqualTo(f.token());
        }
    }

    @Test
    void settings_listsEveryValue_andWhatChanged() {
        Settings before = Settings.DEFAULTS;
        Settings after = before.toBuilder().pingInterval(Duration.ofMillis(250)).build();
        ObjectNode n = json(FEED.settings(TS, after, before));
        assertThat(fields(n)).startsWith("ts", "type");
        assertThat(n.get("type").asText()).isEqualTo("settings");
        assertThat(n.get("ping_interval").asText()).isEqualTo("250ms");
        assertThat(n.get("ping_timeout").asText()).isEqualTo("20s");
        assertThat(n.get("max_message_size").asText()).isEqualTo("16MiB");
        assertThat(n.get("auto_reconnect").asBoolean()).isTrue();
        assertThat(n.get("changed")).hasSize(1);
        assertThat(n.get("changed").get(0).asText()).isEqualTo("ping_interval");
    }

    @Test
    void pingUnanswered_isNotAContractLine() {
        assertThat(single.toJson(FEED.unanswered(TS, 3, Duration.ofMillis(200)))).isEmpty();
    }

    @Test
    void severalConnections_addConnAfterType() {
        ObjectNode n = new EventJson(true).toJson(FEED.sent(TS, 1, 5)).orElseThrow();
        assertThat(fields(n)).startsWith("ts", "type", "conn");
        assertThat(n.get("conn").asText()).isEqualTo("feed");
    }

    @Test
    void alert_hasFiringOrResolved_healthReasonsAndSince() {
        ObjectNode n = json(new dev.wsmon.core.event.AlertChanged(FEED.id(), TS, true, dev.wsmon.core.Health.DEGRADED,
                java.util.Set.of(dev.wsmon.core.HealthReason.STALE, dev.wsmon.core.HealthReason.RTT_HIGH), TS - 30_000));
        assertThat(fields(n)).containsExactly("ts", "type", "alert", "health", "reasons", "since_ms");
        assertThat(line(n)).isEqualTo("{\"ts\":" + TS + ",\"type\":\"alert\",\"alert\":\"firing\",\"health\":\"DEGRADED\","
                + "\"reasons\":[\"rtt-high\",\"stale\"],\"since_ms\":" + (TS - 30_000) + "}");
        ObjectNode resolved = json(new dev.wsmon.core.event.AlertChanged(FEED.id(), TS, false, dev.wsmon.core.Health.HEALTHY,
                java.util.Set.of(), TS));
        assertThat(resolved.get("alert").asText()).isEqualTo("resolved");
        assertThat(resolved.get("reasons")).isEmpty();
    }

    @Test
    void advice_hasKindDetailAndSuggest() {
        ObjectNode n = json(new dev.wsmon.core.event.AdviceGiven(FEED.id(), TS, "idle-timeout", "2 attempts …",
                java.util.Map.of("ping_interval", "2s")));
        assertThat(fields(n)).containsExactly("ts", "type", "kind", "detail", "suggest");
        assertThat(line(n)).isEqualTo("{\"ts\":" + TS + ",\"type\":\"advice\",\"kind\":\"idle-timeout\","
                + "\"detail\":\"2 attempts …\",\"suggest\":{\"ping_interval\":\"2s\"}}");
    }
}
