package dev.wsmon.app.desktop;

import dev.wsmon.app.viewmodel.HealthSettingsViewModel;
import dev.wsmon.core.Setting;
import javafx.beans.binding.Bindings;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/** The connection dialog's "Health" section: when an open connection counts as DEGRADED, and reconnect-when-stale. */
final class HealthSection extends TitledPane {

    HealthSection(HealthSettingsViewModel vm) {
        setText("Health");
        setId("editor-health");
        setExpanded(false);
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(4);
        ColumnConstraints c0 = new ColumnConstraints();
        c0.setMinWidth(100);
        ColumnConstraints c1 = new ColumnConstraints();
        c1.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(c0, c1);
        int row = 0;
        for (Setting f : HealthSettingsViewModel.FIELDS) {
            Label label = new Label(f.label());
            label.getStyleClass().add("field-label");
            TextField field = new TextField();
            field.setId("editor-" + f.key());
            field.setPromptText("off, or e.g. " + example(f));
            field.setTooltip(new Tooltip(f.help()));
            field.textProperty().bindBidirectional(vm.textProperty(f));
            Label error = new Label();
            error.setId("editor-" + f.key() + "-error");
            error.getStyleClass().add("field-error");
            error.setWrapText(true);
            error.textProperty().bind(vm.errorProperty(f));
            error.visibleProperty().bind(Bindings.isNotEmpty(vm.errorProperty(f)));
            error.managedProperty().bind(error.visibleProperty());
            grid.add(label, 0, row);
            grid.add(field, 1, row);
            grid.add(error, 1, row + 1);
            row += 2;
        }
        CheckBox reconnect = new CheckBox("Reconnect when stale");
        reconnect.setId("editor-reconnectWhenStale");
        reconnect.setTooltip(new Tooltip(Setting.RECONNECT_WHEN_STALE.help()));
        reconnect.selectedProperty().bindBidirectional(vm.reconnectWhenStaleProperty());
        grid.add(reconnect, 1, row++);
        Label note = new Label("An open connection that crosses a threshold is DEGRADED: the table shows a badge,"
                + " the log says why. Live changes: the tuning panel.");
        note.getStyleClass().add("muted");
        note.setWrapText(true);
        grid.add(note, 1, row);
        setContent(grid);
    }

    private static String example(Setting f) {
        return switch (f) {
            case STALE_AFTER -> "30s";
            case DEGRADED_RTT -> "500ms";
            default -> "5 (percent)";
        };
    }
}
