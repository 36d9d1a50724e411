package dev.wsmon.app.viewmodel;

import dev.wsmon.core.ConnectionId;
import dev.wsmon.core.State;
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
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The send box: a text message to the selected connection, and the outcome of the last one as the engine reports
 * it (refused at once, written, then delivered — confirmed by a pong — or unconfirmed).
 */
public final class SendViewModel {

    /** How the last send stands. */
    public enum Outcome { NONE, PENDING, DELIVERED, FAILED }

    private final MainViewModel main;
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ReadOnlyStringWrapper outcomeText = new ReadOnlyStringWrapper(this, "outcomeText", "");
    private final ReadOnlyObjectWrapper<Outcome> outcome = new ReadOnlyObjectWrapper<>(this, "outcome", Outcome.NONE);
    private final ReadOnlyBooleanWrapper canSend = new ReadOnlyBooleanWrapper(this, "canSend");
    private ConnectionId pendingConnection;
    private final Outcomes outcomes = new Outcomes();
    private long pendingId = -1;

    public SendViewModel(MainViewModel main) {
        this.main = main;
        canSend.bind(Bindings.createBooleanBinding(() -> main.selected() != null && !text.get().isEmpty(),
                main.selectedProperty(), text));
        main.addEventObserver(this::onEvent);
    }

    /** Sends the text to the selected connection; the text stays for a resend. */
    public void send() {
        ConnectionViewModel c = main.selected();
        if (c == null || text.get().isEmpty()) {
            return;
        }
        pendingConnection = c.id();
        pendingId = c.send(text.get());
        outcome.set(Outcome.PENDING);
        outcomeText.set("#" + pendingId + " to " + c.name() + (c.state() == State.OPEN ? ": sending…" : ": the connection is "
                + c.state() + ", expect a refusal"));
    }

    private void onEvent(ConnectionEvent e) {
        if (e.connectionId().equals(pendingConnection)) {
            e.accept(outcomes);
        }
    }

    /** Follows the pending send; one method per event type, so a new one does not compile until it is decided. */
    private final class Outcomes implements ConnectionEvent.Visitor<Void> {

        @Override
        public Void messageSent(MessageSent m) {
            if (m.id() == pendingId) {
                outcomeText.set("#" + m.id() + " written (" + m.size() + " bytes); waiting for a pong to confirm delivery…");
            }
            return null;
        }

        @Override
        public Void messageDelivered(MessageDelivered d) {
            if (d.id() == pendingId) {
                outcome.set(Outcome.DELIVERED);
                outcomeText.set("#" + d.id() + " delivered to " + d.connection() + ", confirmed after "
                        + Formats.rtt(d.confirm()));
            }
            return null;
        }

        @Override
        public Void sendFailed(SendFailed f) {
            if (f.id() == pendingId) {
                outcome.set(Outcome.FAILED);
                outcomeText.set("#" + f.id() + " not delivered: " + f.reason().token()
                        + (f.detail().isEmpty() ? "" : " — " + f.detail()));
            }
            return null;
        }

        @Override
        public Void stateChanged(StateChanged e) {
            return null; // the send's outcome events say everything, including a refusal while not OPEN
        }

        @Override
        public Void latencySample(LatencySample e) {
            return null;
        }

        @Override
        public Void pingUnanswered(PingUnanswered e) {
            return null;
        }

        @Override
        public Void reconnectScheduled(ReconnectScheduled e) {
            return null;
        }

        @Override
        public Void messageReceived(MessageReceived e) {
            return null;
        }

        @Override
        public Void settingsApplied(SettingsApplied e) {
            return null;
        }

        @Override
        public Void healthChanged(HealthChanged e) {
            return null;
        }

        @Override
        public Void appLatency(AppLatency e) {
            return null;
        }

        @Override
        public Void heartbeatMissed(HeartbeatMissed e) {
            return null;
        }

        @Override
        public Void alertChanged(AlertChanged e) {
            return null;
        }

        @Override
        public Void adviceGiven(AdviceGiven e) {
            return null;
        }
    }

    public StringProperty textProperty() {
        return text;
    }

    public ReadOnlyStringProperty outcomeTextProperty() {
        return outcomeText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Outcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canSendProperty() {
        return canSend.getReadOnlyProperty();
    }
}
