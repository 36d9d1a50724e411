package dev.wsmon.app.desktop;

import dev.wsmon.app.viewmodel.ConnectionEditorViewModel;
import dev.wsmon.app.viewmodel.ConnectionSpec;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.stage.Window;

/** Add or edit a connection; OK stays disabled while a field is invalid, and the field says why. */
final class ConnectionDialog extends Dialog<ConnectionSpec> {

    static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);

    ConnectionDialog(Window owner, ConnectionEditorViewModel vm, String stylesheet) {
        initOwner(owner);
        setTitle(vm.editing() ? "Edit connection" : "Add connection");
        setHeaderText(null);
        setResizable(true);
        getDialogPane().getStylesheets().add(stylesheet);
        getDialogPane().getStyleClass().add("connection-dialog");
        getDialogPane().setId("connection-dialog");
        ButtonType ok = vm.editing() ? SAVE : new ButtonType("Add", ButtonBar.ButtonData.OK_DONE);
        getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);

        TextField name = field("editor-name", vm.nameProperty(), "a short unique name, e.g. prices-eu");
        name.setDisable(vm.editing());
        TextField url = field("editor-url", vm.urlProperty(), "ws://host:port/path or wss://…");
        TextArea headers = new TextArea();
        headers.setId("editor-headers");
        headers.setPromptText("One per line, e.g.\nAuthorization: Bearer ${FEED_TOKEN}");
        headers.setPrefRowCount(3);
        headers.setPrefColumnCount(40);
        headers.textProperty().bindBidirectional(vm.headersProperty());
        TextField protocols = field("editor-subprotocols", vm.subprotocolsProperty(), "e.g. graphql-ws, v2.chat (most preferred first)");
        CheckBox insecure = new CheckBox("Skip TLS certificate and host name checks (insecure)");
        insecure.setId("editor-insecure");
        insecure.getStyleClass().add("danger-check");
        insecure.selectedProperty().bindBidirectional(vm.insecureProperty());
        CheckBox connect = new CheckBox("Connect now");
        connect.setId("editor-connect");
        connect.selectedProperty().bindBidirectional(vm.connectNowProperty());
        connect.setVisible(!vm.editing());
        connect.setManaged(!vm.editing());

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(4);
        ColumnConstraints c0 = new ColumnConstraints();
        c0.setMinWidth(100);
        ColumnConstraints c1 = new ColumnConstraints();
        c1.setHgrow(Priority.ALWAYS);
        c1.setPrefWidth(460);
        grid.getColumnConstraints().addAll(c0, c1);
        int row = 0;
        row = add(grid, row, "Name", name, error("editor-name-error", vm.nameErrorProperty()));
        row = add(grid, row, "URL", url, error("editor-url-error", vm.urlErrorProperty()));
        row = add(grid, row, "Headers", headers, error("editor-headers-error", vm.headersErrorProperty()));
        row = add(grid, row, "Subprotocols", protocols, error("editor-subprotocols-error", vm.subprotocolsErrorProperty()));
        row = add(grid, row, "TLS", insecure, error("editor-tls-warning", vm.tlsWarningProperty()));
        if (!vm.editing()) {
            grid.add(connect, 1, row);
        } else {
            Label note = new Label("Changes apply from the next attempt; Reconnect now applies them at once.");
            note.getStyleClass().add("muted");
            grid.add(note, 1, row);
        }
        javafx.scene.control.Label resultError = error("editor-result-error", vm.resultErrorProperty());
        javafx.scene.layout.VBox content = new javafx.scene.layout.VBox(8, grid, new NetworkSection(vm.network(), owner),
                new SessionSection(vm.session()), new HealthSection(vm.health()), resultError);
        // The sections can be taller than a small screen: they scroll, the buttons stay in view.
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        scroll.setMaxHeight(javafx.stage.Screen.getPrimary().getVisualBounds().getHeight() * 0.75);
        scroll.getStyleClass().add("edge-to-edge");
        getDialogPane().setContent(scroll);

        Node okButton = getDialogPane().lookupButton(ok);
        okButton.setId("editor-ok");
        okButton.disableProperty().bind(vm.validProperty().not());
        setResultConverter(b -> b == ok ? vm.result().orElse(null) : null);
        setOnShown(e -> (vm.editing() ? url : name).requestFocus());
    }

    private static TextField field(String id, javafx.beans.property.StringProperty p, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(p);
        return f;
    }

    private static Label error(String id, ObservableStringValue text) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("field-error");
        l.setWrapText(true);
        l.setMaxWidth(560);
        l.textProperty().bind(text);
        l.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(text));
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    private static int add(GridPane grid, int row, String label, Node field, Label error) {
        Label l = new Label(label);
        l.getStyleClass().add("field-label");
        grid.add(l, 0, row);
        grid.add(field, 1, row);
        grid.add(error, 1, row + 1);
        return row + 2;
    }
}
