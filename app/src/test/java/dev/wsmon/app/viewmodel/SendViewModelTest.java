package dev.wsmon.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.State;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SendViewModelTest {

    private final Harness h = new Harness();

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void aMessageToAnOpenConnection_isReportedDelivered_onceAPongConfirmsIt() {
        ConnectionViewModel c = h.main.add(ConnectionSpec.of("c", h.echoUrl("/s"), Harness.FAST), true);
        SendViewModel send = new SendViewModel(h.main);
        h.tickUntil("OPEN", Duration.ofSeconds(5), () -> c.state() == State.OPEN);

        send.textProperty().set("hello");
        assertThat(send.canSendProperty().get()).isTrue();
        send.send();
        assertThat(send.outcomeProperty().get()).isEqualTo(SendViewModel.Outcome.PENDING);
        h.tickUntil("delivered", Duration.ofSeconds(5), () -> send.outcomeProperty().get() == SendViewModel.Outcome.DELIVERED);

        assertThat(send.outcomeTextProperty().get()).startsWith("#1 delivered to c, confirmed after");
        h.tickUntil("the echo", Duration.ofSeconds(2),
                () -> c.log().stream().anyMatch(l -> l.text().equals("← 5 bytes: hello")));
    }

    @Test
    void aMessageToAClosedConnection_isRefusedAtOnce_andSaysWhy() {
        h.main.add(ConnectionSpec.of("c", "ws://127.0.0.1:9/", Harness.FAST), false);
        SendViewModel send = new SendViewModel(h.main);

        send.textProperty().set("hello");
        send.send();
        h.tickUntil("refused", Duration.ofSeconds(2), () -> send.outcomeProperty().get() == SendViewModel.Outcome.FAILED);

        assertThat(send.outcomeTextProperty().get()).isEqualTo("#1 not delivered: not-open — connection is CLOSED");
    }

    @Test
    void nothingToSend_orNoConnection_disablesSend() {
        SendViewModel send = new SendViewModel(h.main);
        send.textProperty().set("x");
        assertThat(send.canSendProperty().get()).isFalse();
        h.main.add(ConnectionSpec.of("c", "ws://127.0.0.1:9/", Harness.FAST), false);
        assertThat(send.canSendProperty().get()).isTrue();
        send.textProperty().set("");
        assertThat(send.canSendProperty().get()).isFalse();
    }
}
