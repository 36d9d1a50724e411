package dev.wsmon.app.viewmodel;

import dev.wsmon.core.State;
import dev.wsmon.core.event.ConnectionEvent;
import dev.wsmon.core.event.MessageDelivered;
import dev.wsmon.core.event.MessageSent;
import dev.wsmon.core.event.SendFailed;
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
    private String pendingConnection;
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
        pendingConnection = c.name();
        pendingId = c.send(text.get());
        outcome.set(Outcome.PENDING);
        outcomeText.set("#" + pendingId + " to " + c.name() + (c.state() == State.OPEN ? ": sending…" : ": the connection is "
                + c.state() + ", expect a refusal"));
    }

    private void onEvent(ConnectionEvent e) {
        if (!e.connection().equals(pendingConnection)) {
            return;
        }
        if (e instanceof MessageSent m && m.id() == pendingId) {
            outcomeText.set("#" + m.id() + " written (" + m.size() + " bytes); waiting for a pong to confirm delivery…");
        } else if (e instanceof MessageDelivered d && d.id() == pendingId) {
            outcome.set(Outcome.DELIVERED);
            outcomeText.set("#" + d.id() + " delivered to " + d.connection() + ", confirmed after " + Formats.rtt(d.confirm()));
        } else if (e instanceof SendFailed f && f.id() == pendingId) {
            outcome.set(Outcome.FAILED);
            outcomeText.set("#" + f.id() + " not delivered: " + f.reason().token()
                    + (f.detail().isEmpty() ? "" : " — " + f.detail()));
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
