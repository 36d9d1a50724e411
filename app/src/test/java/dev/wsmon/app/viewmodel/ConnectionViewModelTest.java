package dev.wsmon.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.CloseCause;
import dev.wsmon.core.CloseReport;
import dev.wsmon.core.ConnectionId;
import dev.wsmon.core.HandshakePhase;
import dev.wsmon.core.HandshakeTiming;
import dev.wsmon.core.Initiator;
import dev.wsmon.core.State;
import dev.wsmon.core.event.ConnectionEvent;
import dev.wsmon.core.event.StateChanged;
import dev.wsmon.core.testing.Events;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectionViewModelTest {

    private final Harness h = new Harness();
    private final ConnectionViewModel c = h.main.add(ConnectionSpec.of("c", "ws://127.0.0.1:9/", Harness.FAST), false);
    private final Events ev = Events.of(c.id());

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void aCloseIsLoggedWithCodeCauseAndTheDiagnosisSentence() {
        CloseReport report = CloseReport.abnormal(Initiator.NETWORK, CloseCause.KEEPALIVE_TIMEOUT, "")
                .withWaited(Duration.ofSeconds(1)).withPingSeq(41);
        c.apply(List.of(ev.closed(1, State.OPEN, 3, report)), 0);

        LogEntry line = c.log().get(c.log().size() - 1);
        assertThat(line.kind()).isEqualTo(LogKind.CLOSE);
        assertThat(line.text()).startsWith("CLOSED 1006 (abnormal closure) · keepalive-timeout · network")
                .contains("The peer or the network went silent: ping #41 got no pong within the ping timeout (1 s)");
        assertThat(line.detail()).isNotEmpty();
        assertThat(c.lastCloseProperty().get()).isEqualTo("no pong for 1 s after ping #41; socket aborted");
    }

    @Test
    void openShowsItsHandshakeTiming_andAFailedAttemptItsPhase() {
        HandshakeTiming timing = new HandshakeTiming(Map.of(HandshakePhase.TCP, Duration.ofNanos(310_000),
                HandshakePhase.TLS, Duration.ofMillis(8), HandshakePhase.UPGRADE, Duration.ofNanos(2_200_000)));
        c.apply(List.of(new StateChanged(c.id(), 1, State.OPEN, State.CONNECTING, 1, "", Optional.empty(),
                Optional.empty(), "", Optional.of(timing))), 0);

        assertThat(c.handshakeProperty().get()).isEqualTo("TCP connect 0.31 ms, TLS handshake 8 ms, HTTP upgrade 2.2 ms");
        assertThat(c.log().get(c.log().size() - 1).text())
                .isEqualTo("OPEN, attempt 1 · handshake TCP connect 0.31 ms, TLS handshake 8 ms, HTTP upgrade 2.2 ms");

        CloseReport failed = CloseReport.abnormal(Initiator.LOCAL, CloseCause.TLS_FAILED, "unknown issuer")
                .withPhase(Optional.of(HandshakePhase.TLS));
        c.apply(List.of(ev.closed(2, State.CONNECTING, 2, failed)), 0);
        assertThat(c.log().get(c.log().size() - 1).text()).startsWith("CLOSED 1006 (abnormal closure) · tls-failed · local"
                + " · during TLS handshake");
        assertThat(c.lastCloseProperty().get()).endsWith("; failed during the TLS handshake");
    }

    @Test
    void reconnectsSettingsAndMessagesAreLogged_samplesGoToTheChartOnly() {
        var next = Harness.FAST.toBuilder().pingInterval(Duration.ofSeconds(2)).build();
        c.apply(List.of(
                ev.reconnect(1, 4, Duration.ofMillis(1200), "backoff"),
                ev.settings(2, next, Harness.FAST),
                ev.received(3, 5, "hello"),
                ev.latency(4, 1, Duration.ofMillis(7))), 0);

        assertThat(c.log()).extracting(LogEntry::text).containsExactly(
                "reconnect attempt 4 in 1.2 s (backoff)",
                "settings applied live, no reconnect: ping interval 200 ms → 2 s",
                "← 5 bytes: hello");
        assertThat(c.history().marks()).extracting(LatencyHistory.Mark::label).containsExactly("ping interval 200 ms → 2 s");
        assertThat(c.history().points()).extracting(LatencyHistory.Point::millis).containsExactly(7.0);
    }

    @Test
    void theLogKeepsTheNewest5000Lines() {
        List<ConnectionEvent> many = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            many.add(ev.received(i, 1, "m" + i));
        }
        c.apply(many, 0);

        assertThat(c.log()).hasSize(ConnectionViewModel.LOG_CAP);
        assertThat(c.log().get(0).text()).endsWith("m1000");
    }

    @Test
    void eventsMergedAwayWhileHidden_areSaidInTheLog() {
        c.apply(List.of(), 123);
        assertThat(c.log().get(0).text()).contains("123 older events");
    }

    @Test
    void eventsOfAnotherInstanceOfTheName_areIgnored() {
        Events removed = Events.of(new ConnectionId("c", c.id().instance() + 100));
        CloseReport report = CloseReport.abnormal(Initiator.LOCAL, CloseCause.CLOSE_TIMEOUT, "");
        c.apply(List.of(removed.closed(1, State.CLOSING, 1, report), removed.received(2, 3, "old"),
                removed.latency(3, 1, Duration.ofMillis(5))), 0);

        assertThat(c.log()).isEmpty();
        assertThat(c.lastCloseProperty().get()).isEmpty();
        assertThat(c.history().points()).isEmpty();
    }

    @Test
    void stateAndTimeInStateComeFromTheEnginesSnapshot() {
        c.refresh(h.clock.get(), Duration.ofMinutes(1), true);
        assertThat(c.state()).isEqualTo(State.CLOSED);
        assertThat(c.timeInStateProperty().get()).endsWith("ms");
        assertThat(c.lossProperty().get()).isEqualTo(Formats.NONE);
    }
}
