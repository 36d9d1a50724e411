package dev.wsmon.app.desktop;

import dev.wsmon.app.viewmodel.NetworkEditorViewModel;
import java.io.File;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The connection dialog's "Network" section: proxy, CA file, client certificate, Origin, compression. */
final class NetworkSection extends TitledPane {

    NetworkSection(NetworkEditorViewModel vm, Window owner) {
        setText("Network");
        setId("editor-network");
        NetworkEditorViewModel n = vm;
        boolean anySet = !n.options().equals(dev.wsmon.app.viewmodel.NetworkOptions.NONE);
        setExpanded(anySet); // most connections need none of it

        TextField proxy = field("editor-proxy", n.proxyProperty(), "http://[user:password@]host:port, socks5://…, or none");
        Label proxyHint = new Label("Empty: the profile's default, else the environment (http_proxy, https_proxy,"
                + " no_proxy…). \"none\": no proxy.");
        proxyHint.getStyleClass().add("muted");
        proxyHint.setWrapText(true);
        TextField ca = field("editor-ca", n.caProperty(), "PEM file of CA certificates trusted besides the system's");
        TextField cert = field("editor-client-cert", n.clientCertProperty(), "PEM chain (with its key) or .p12/.pfx");
        TextField key = field("editor-client-key", n.clientKeyProperty(), "PKCS#8 PEM key of a PEM certificate");
        PasswordField password = new PasswordField();
        password.setId("editor-client-cert-password");
        password.setPromptText("PKCS#12 password, or ${ENV_NAME}");
        password.textProperty().bindBidirectional(n.clientCertPasswordProperty());
        TextField origin = field("editor-origin", n.originProperty(), "e.g. https://app.example.com");
        CheckBox compression = new CheckBox("Offer compression (permessage-deflate)");
        compression.setId("editor-compression");
        compression.selectedProperty().bindBidirectional(n.offerCompressionProperty());
        Label certificate = new Label();
        certificate.setId("editor-certificate");
        certificate.getStyleClass().add("muted");
        certificate.textProperty().bind(n.certificateProperty());
        certificate.visibleProperty().bind(Bindings.isNotEmpty(n.certificateProperty()));
        certificate.managedProperty().bind(certificate.visibleProperty());

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(4);
        ColumnConstraints c0 = new ColumnConstraints();
        c0.setMinWidth(100);
        ColumnConstraints c1 = new ColumnConstraints();
        c1.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(c0, c1);
        int row = 0;
        row = add(grid, row, "Proxy", proxy, proxyHint, error("editor-proxy-error", n.proxyErrorProperty()));
        row = add(grid, row, "CA file", withChooser(ca, owner, "CA certificates (PEM)", "*.pem", "*.crt", "*.cer"),
                error("editor-ca-error", n.caErrorProperty()));
        row = add(grid, row, "Client cert", withChooser(cert, owner, "Client certificate", "*.pem", "*.crt", "*.p12",
                "*.pfx"), certificate, error("editor-certificate-error", n.certificateErrorProperty()));
        row = add(grid, row, "Client key", withChooser(key, owner, "Client key (PEM)", "*.pem", "*.key"));
        Label passwordNote = new Label();
        passwordNote.setId("editor-password-note");
        passwordNote.getStyleClass().add("muted");
        passwordNote.setWrapText(true);
        passwordNote.textProperty().bind(n.passwordNoteProperty());
        passwordNote.visibleProperty().bind(Bindings.isNotEmpty(n.passwordNoteProperty()));
        passwordNote.managedProperty().bind(passwordNote.visibleProperty());
        row = add(grid, row, "Password", password, passwordNote);
        row = add(grid, row, "Origin", origin, error("editor-origin-error", n.originErrorProperty()));
        grid.add(compression, 1, row);
        setContent(grid);
    }

    private static TextField field(String id, StringProperty p, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(p);
        return f;
    }

    /** The field with a "Choose…" button beside it that puts the chosen file's path into it. */
    private static Node withChooser(TextField field, Window owner, String what, String... patterns) {
        Button choose = new Button("Choose…");
        choose.setId(field.getId() + "-choose");
        choose.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(what);
            chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(what, patterns),
                    new FileChooser.ExtensionFilter("All files", "*"));
            File current = field.getText().isBlank() ? null : new File(field.getText().strip()).getParentFile();
            if (current != null && current.isDirectory()) {
                chooser.setInitialDirectory(current);
            }
            File chosen = chooser.showOpenDialog(owner);
            if (chosen != null) {
                field.setText(chosen.getAbsolutePath());
            }
        });
        HBox box = new HBox(6, field, choose);
        HBox.setHgrow(field, Priority.ALWAYS);
        return box;
    }

    private static Label error(String id, ObservableStringValue text) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("field-error");
        l.setWrapText(true);
        l.setMaxWidth(560);
        l.textProperty().bind(text);
        l.visibleProperty().bind(Bindings.isNotEmpty(text));
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    private static int add(GridPane grid, int row, String label, Node field, Node... below) {
        Label l = new Label(label);
        l.getStyleClass().add("field-label");
        grid.add(l, 0, row);
        grid.add(field, 1, row);
        int r = row + 1;
        for (Node b : below) {
            grid.add(b, 1, r++);
        }
        return r;
    }
}
