package dev.wsmon.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.SendFailure;
import dev.wsmon.core.SendResult;
import dev.wsmon.core.State;
import dev.wsmon.core.event.AppLatency;
import dev.wsmon.core.event.HeartbeatMissed;
import dev.wsmon.core.event.MessageSent;
import dev.wsmon.core.session.SessionConfig;
import dev.wsmon.core.session.SessionPreset;
import dev.wsmon.core.testing.Events;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The desktop side of the feed session: counted automatic traffic, the app latency series, the dialog's section. */
class FeedSessionViewModelTest {

    private final Harness h = new Harness();
    private final ConnectionViewModel c = h.main.add(ConnectionSpec.of("c", "ws://127.0.0.1:9/", Harness.FAST)
            .withSession(SessionPreset.SOCKETIO.config()), false);
    private final Events ev = Events.of(c.id());

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void automaticTraffic_isCountedPerResponder_notListed_untilAskedFor() {
        c.apply(List.of(ev.received(1, 1, "2"), new MessageSent(c.id(), 2, 5, 1, "responder 1"), ev.delivered(3, 5,
                Duration.ofMillis(1)), ev.received(4, 1, "2"), new MessageSent(c.id(), 5, 6, 1, "responder 1"),
                ev.received(6, 5, "hello")), 0);

        assertThat(c.log()).extracting(LogEntry::text).containsExactly("← 5 bytes: hello");
        assertThat(c.automaticSummaryProperty().get()).isEqualTo("Automatic: responder 1 sent 2 · 2 received");

        h.main.logAutomaticProperty().set(true);
        c.apply(List.of(ev.received(7, 1, "2"), new MessageSent(c.id(), 8, 7, 1, "responder 1")), 0);
        assertThat(c.log()).extracting(LogEntry::text).endsWith("← 1 bytes: 2",
                "→ #7 sent automatically (responder 1), 1 bytes");
    }

    @Test
    void appLatency_isTheChartsSecondSeries_andAMissedHeartbeatIsLogged() {
        c.apply(List.of(ev.opened(1, 1, ""), new AppLatency(c.id(), 10, Duration.ofMillis(40)),
                new AppLatency(c.id(), 20, Duration.ofMillis(60)), new HeartbeatMissed(c.id(), 30, Duration.ofSeconds(5)),
                ev.latency(31, 1, Duration.ofMillis(2))), 0);

        assertThat(c.history().appPoints()).extracting(LatencyHistory.Point::millis).containsExactly(40.0, 60.0);
        assertThat(c.history().points()).extracting(LatencyHistory.Point::millis).containsExactly(2.0);
        assertThat(c.history().appQuantile(0, 100, 0.5)).isEqualTo(40.0);
        assertThat(c.history().appQuantile(0, 100, 0.95)).isEqualTo(60.0);
        assertThat(c.history().maxMillis(0, 100)).isEqualTo(60.0);
        assertThat(c.log()).extracting(LogEntry::text)
                .contains("heartbeat not answered within 5 s (the link may be up while the feed is not)");
        assertThat(c.automaticSummaryProperty().get()).contains("1 heartbeat missed");

        LatencyChartViewModel chart = new LatencyChartViewModel(h.main);
        h.main.selectedProperty().set(c);
        assertThat(chart.pull().appPoints()).hasSize(2);
        c.apply(List.of(new AppLatency(c.id(), 40, Duration.ofMillis(50))), 0);
        assertThat(chart.pull().appPoints()).extracting(LatencyHistory.Point::millis).containsExactly(50.0);
        c.apply(List.of(ev.closed(50, State.OPEN, 1, dev.wsmon.core.CloseReport.abnormal(dev.wsmon.core.Initiator.NETWORK,
                dev.wsmon.core.CloseCause.EOF, ""))), 0);
        assertThat(c.history().appPoints().get(c.history().appPoints().size() - 1).gap()).as("the line breaks").isTrue();
    }

    @Test
    void onOpenFailures_readAsPlainWords() {
        assertThat(SessionLog.onOpenNotDelivered(1, 3, Optional.of(SendResult.failed(9, SendFailure.NOT_OPEN, "")), ""))
                .isEqualTo("on-open message 2 of 3 was not sent: the connection was no longer open (not-open)");
        assertThat(SessionLog.onOpenNotDelivered(0, 1, Optional.of(SendResult.failed(9, SendFailure.UNCONFIRMED, "")), ""))
                .isEqualTo("on-open message 1 of 1 may not have arrived: the connection ended before the server"
                        + " confirmed it (unconfirmed)");
        assertThat(SessionLog.onOpenNotDelivered(0, 2, Optional.empty(),
                "on-open message 1 refers to ${X}, which is not set in the environment; not sent"))
                .isEqualTo("on-open message 1 of 2: refers to ${X}, which is not set in the environment; not sent");
    }

    @Test
    void dialogSection_presetFillsTheFields_badFieldsSayWhy_andSocketioGetsItsPath() {
        ConnectionEditorViewModel editor = ConnectionEditorViewModel.forNew(List.of(), Harness.FAST);
        editor.urlProperty().set("ws://sio.example.com:3000");
        SessionEditorViewModel s = editor.session();
        s.presetProperty().set(SessionPreset.SOCKETIO);
        assertThat(s.onOpenProperty().get()).isEqualTo("40");
        assertThat(s.respondersProperty().get()).isEqualTo("2=>3");
        ConnectionSpec spec = editor.result().orElseThrow();
        assertThat(spec.url()).isEqualTo("ws://sio.example.com:3000/socket.io/?EIO=4&transport=websocket");
        assertThat(spec.session()).isEqualTo(SessionPreset.SOCKETIO.config());

        s.respondersProperty().set("2=>3\nping");
        assertThat(s.respondersErrorProperty().get()).isEqualTo("Responder 2 'ping': write REGEX=>REPLY, e.g. '2=>3'.");
        assertThat(editor.validProperty().get()).isFalse();
        s.respondersProperty().set("2=>3");
        s.heartbeatExpectProperty().set("pong");
        assertThat(s.heartbeatErrorProperty().get()).startsWith("An expected reply needs a heartbeat");
        s.heartbeatProperty().set("ping");
        assertThat(editor.validProperty().get()).isTrue();
        assertThat(editor.result().orElseThrow().session().heartbeat()).isPresent();

        ConnectionEditorViewModel edit = ConnectionEditorViewModel.forEdit(spec);
        assertThat(edit.session().presetProperty().get()).isEqualTo(SessionPreset.SOCKETIO);
        assertThat(edit.result().orElseThrow().session()).isEqualTo(spec.session());
        assertThat(ConnectionEditorViewModel.forEdit(ConnectionSpec.of("x", "ws://h/", Harness.FAST)).result()
                .orElseThrow().session()).isEqualTo(SessionConfig.NONE);
    }
}
