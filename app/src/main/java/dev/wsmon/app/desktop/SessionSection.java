package dev.wsmon.app.desktop;

import dev.wsmon.app.viewmodel.SessionEditorViewModel;
import dev.wsmon.core.session.SessionPreset;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.util.StringConverter;

/** The connection dialog's "Session" section: what wsmon sends and answers on the connection by itself. */
final class SessionSection extends TitledPane {

    SessionSection(SessionEditorViewModel vm) {
        setText("Session");
        setId("editor-session");
        setExpanded(!vm.onOpenProperty().get().isEmpty() || !vm.respondersProperty().get().isEmpty()
                || !vm.heartbeatProperty().get().isEmpty());

        ComboBox<SessionPreset> preset = new ComboBox<>();
        preset.setId("editor-session-preset");
        preset.getItems().add(null);
        preset.getItems().addAll(SessionPreset.values());
        StringConverter<SessionPreset> names = new StringConverter<>() {
            @Override
            public String toString(SessionPreset p) {
                return p == null ? "None" : p.label();
            }

            @Override
            public SessionPreset fromString(String s) {
                return null;
            }
        };
        preset.setConverter(names);
        preset.setButtonCell(new PresetCell(names));
        preset.setCellFactory(l -> new PresetCell(names));
        preset.valueProperty().bindBidirectional(vm.presetProperty());

        TextArea onOpen = area("editor-session-on-open", "One message per line, sent in order after every OPEN;\n"
                + "${ENV} is expanded at send time, e.g. {\"op\":\"auth\",\"key\":\"${FEED_KEY}\"}");
        onOpen.textProperty().bindBidirectional(vm.onOpenProperty());
        TextArea responders = area("editor-session-responders", "One REGEX=>REPLY per line (full match; $1… are groups),"
                + " e.g.\n2=>3");
        responders.textProperty().bindBidirectional(vm.respondersProperty());
        TextField heartbeat = new TextField();
        heartbeat.setId("editor-session-heartbeat");
        heartbeat.setPromptText("sent every heartbeat interval while OPEN, e.g. {\"op\":\"ping\"}");
        heartbeat.textProperty().bindBidirectional(vm.heartbeatProperty());
        TextField expect = new TextField();
        expect.setId("editor-session-expect");
        expect.setPromptText("the reply's regex, timed as app latency, e.g. \\{\"op\":\"pong\"\\}");
        expect.textProperty().bindBidirectional(vm.heartbeatExpectProperty());
        Label timing = new Label("Heartbeat interval and timeout: the tuning panel (live) or the profile's settings.");
        timing.getStyleClass().add("muted");
        timing.setWrapText(true);

        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(4);
        ColumnConstraints c0 = new ColumnConstraints();
        c0.setMinWidth(100);
        ColumnConstraints c1 = new ColumnConstraints();
        c1.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(c0, c1);
        int row = 0;
        row = add(grid, row, "Preset", preset, null);
        row = add(grid, row, "On open", onOpen, null);
        row = add(grid, row, "Responders", responders, error("editor-session-responders-error",
                vm.respondersErrorProperty()));
        row = add(grid, row, "Heartbeat", heartbeat, null);
        row = add(grid, row, "Expect reply", expect, error("editor-session-heartbeat-error", vm.heartbeatErrorProperty()));
        grid.add(timing, 1, row);
        setContent(grid);
    }

    private static TextArea area(String id, String prompt) {
        TextArea a = new TextArea();
        a.setId(id);
        a.setPromptText(prompt);
        a.setPrefRowCount(2);
        a.setPrefColumnCount(40);
        return a;
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

    private static int add(GridPane grid, int row, String label, Node field, Label error) {
        Label l = new Label(label);
        l.getStyleClass().add("field-label");
        grid.add(l, 0, row);
        grid.add(field, 1, row);
        if (error != null) {
            grid.add(error, 1, row + 1);
            return row + 2;
        }
        return row + 1;
    }

    private static final class PresetCell extends ListCell<SessionPreset> {
        private final StringConverter<SessionPreset> names;

        PresetCell(StringConverter<SessionPreset> names) {
            this.names = names;
        }

        @Override
        protected void updateItem(SessionPreset item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : names.toString(item));
        }
    }
}
