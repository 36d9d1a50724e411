package dev.wsmon.app.desktop;

import dev.wsmon.app.viewmodel.SendViewModel;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/** A text message to the selected connection; Enter sends; the outcome as the engine reports it. */
final class SendBar extends HBox {

    private final TextField text = new TextField();

    SendBar(SendViewModel vm) {
        super(8);
        getStyleClass().add("send-bar");
        setAlignment(Pos.CENTER_LEFT);
        Label label = new Label("Send");
        label.getStyleClass().add("field-label");
        text.setId("send-text");
        text.setPromptText("Text message to the selected connection — Enter sends (Ctrl+M)");
        text.textProperty().bindBidirectional(vm.textProperty());
        text.setOnAction(e -> vm.send());
        text.setPrefColumnCount(24);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button send = new Button("Send");
        send.setId("send-button");
        send.disableProperty().bind(vm.canSendProperty().not());
        send.setOnAction(e -> vm.send());
        Label outcome = new Label();
        outcome.setId("send-outcome");
        outcome.getStyleClass().add("send-outcome");
        outcome.textProperty().bind(vm.outcomeTextProperty());
        outcome.setMinWidth(0);
        outcome.setMaxWidth(520);
        vm.outcomeProperty().addListener((o, a, b) -> {
            outcome.getStyleClass().removeIf(s -> s.startsWith("outcome-"));
            outcome.getStyleClass().add("outcome-" + b.name().toLowerCase(java.util.Locale.ROOT));
        });
        getChildren().addAll(label, text, send, outcome);
    }

    void focus() {
        text.requestFocus();
    }
}
