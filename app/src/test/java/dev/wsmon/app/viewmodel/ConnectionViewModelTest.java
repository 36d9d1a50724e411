package dev.wsmon.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.CloseCause;
import dev.wsmon.core.CloseReport;
import dev.wsmon.core.Initiator;
import dev.wsmon.core.State;
import dev.wsmon.core.event.ConnectionEvent;
import dev.wsmon.core.event.LatencySample;
import dev.wsmon.core.event.MessageReceived;
import dev.wsmon.core.event.ReconnectScheduled;
import dev.wsmon.core.event.SettingsApplied;
import dev.wsmon.core.event.StateChanged;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectionViewModelTest {

    private final Harness h = new Harness();
    private final ConnectionViewModel c = h.main.add(ConnectionSpec.of("c", "ws://127.0.0.1:9/", Harness.FAST), false);

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void aCloseIsLoggedWithCodeCauseAndTheDiagnosisSentence() {
        CloseReport report = CloseReport.abnormal(Initiator.NETWORK, CloseCause.KEEPALIVE_TIMEOUT, "")
                .withWaited(Duration.ofSeconds(1)).withPingSeq(41);
        c.apply(List.of(new StateChanged("c", 1, State.CLOSED, State.OPEN, 3, "", Optional.of(Initiator.NETWORK),
                Optional.of(report))), 0);

        LogEntry line = c.log().get(c.log().size() - 1);
        assertThat(line.kind()).isEqualTo(LogKind.CLOSE);
        assertThat(line.text()).startsWith("CLOSED 1006 (abnormal closure) · keepalive-timeout · network")
                .contains("The peer or the network went silent: ping #41 got no pong within the ping timeout (1 s)");
        assertThat(line.detail()).isNotEmpty();
        assertThat(c.lastCloseProperty().get()).isEqualTo("no pong for 1 s after ping #41; socket aborted");
    }

    @Test
    void reconnectsSettingsAndMessagesAreLogged_samplesGoToTheChartOnly() {
        var next = Harness.FAST.toBuilder().pingInterval(Duration.ofSeconds(2)).build();
        c.apply(List.of(
                new ReconnectScheduled("c", 1, 4, Duration.ofMillis(1200), "backoff"),
                new SettingsApplied("c", 2, next, Harness.FAST),
                new MessageReceived("c", 3, 5, false, "hello"),
                new LatencySample("c", 4, 1, Duration.ofMillis(7))), 0);

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
            many.add(new MessageReceived("c", i, 1, false, "m" + i));
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
    void stateAndTimeInStateComeFromTheEnginesSnapshot() {
        c.refresh(h.clock.get(), Duration.ofMinutes(1), true);
        assertThat(c.state()).isEqualTo(State.CLOSED);
        assertThat(c.timeInStateProperty().get()).endsWith("ms");
        assertThat(c.lossProperty().get()).isEqualTo(Formats.NONE);
    }
}
