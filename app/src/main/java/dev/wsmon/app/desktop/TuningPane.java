package dev.wsmon.app.desktop;

import dev.wsmon.core.Setting;
import dev.wsmon.app.viewmodel.TuningViewModel;
import java.util.Locale;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Live tuning: six durations, each with its inline message; Apply to the selected connection or to all. */
final class TuningPane extends VBox {

    TuningPane(TuningViewModel vm) {
        super(6);
        getStyleClass().add("side-section");
        setId("tuning");
        Label heading = new Label("Live tuning");
        heading.getStyleClass().add("section-title");
        Label note = new Label("Applied while connected, without reconnecting. Durations like 250ms, 1.5s, 2m.");
        note.getStyleClass().add("muted");
        note.setWrapText(true);

        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(2);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(112);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        grid.getColumnConstraints().addAll(labels, fields);
        int row = 0;
        for (Setting f : TuningViewModel.FIELDS) {
            String id = "tune-" + f.name().toLowerCase(Locale.ROOT).replace('_', '-');
            Label label = new Label(f.label());
            label.getStyleClass().add("field-label");
            TextField field = new TextField();
            field.setId(id);
            field.setPrefColumnCount(7);
            field.textProperty().bindBidirectional(vm.textProperty(f));
            field.setOnAction(e -> vm.applyToSelected());
            field.setOnKeyPressed(e -> {
                if (e.getCode() == KeyCode.ESCAPE) {
                    vm.discardEdits();
                }
            });
            label.setLabelFor(field);
            vm.errorProperty(f).addListener((o, a, b) -> mark(field, "invalid", !b.isEmpty()));
            vm.changedProperty(f).addListener((o, a, b) -> mark(field, "edited", b));
            field.setTooltip(new Tooltip(f.label() + ": Enter applies to the selected connection, Esc discards edits"));
            Label error = new Label();
            error.setId(id + "-error");
            error.getStyleClass().add("field-error");
            error.setWrapText(true);
            error.textProperty().bind(vm.errorProperty(f));
            error.visibleProperty().bind(vm.errorProperty(f).isNotEmpty());
            error.managedProperty().bind(error.visibleProperty());
            grid.add(label, 0, row);
            grid.add(field, 1, row);
            GridPane.setHalignment(label, HPos.LEFT);
            row++;
            grid.add(error, 0, row, 2, 1);
            row++;
        }
        Label formError = new Label();
        formError.setId("tune-form-error");
        formError.getStyleClass().add("field-error");
        formError.setWrapText(true);
        formError.textProperty().bind(vm.formErrorProperty());
        formError.visibleProperty().bind(vm.formErrorProperty().isNotEmpty());
        formError.managedProperty().bind(formError.visibleProperty());

        Button apply = new Button("Apply");
        apply.setId("tune-apply");
        apply.getStyleClass().add("accent");
        apply.setDefaultButton(false);
        apply.disableProperty().bind(vm.canApplyProperty().not());
        apply.setOnAction(e -> vm.applyToSelected());
        apply.setTooltip(new Tooltip("Apply to the selected connection (Enter in a field)"));
        Button all = new Button("Apply to all");
        all.setId("tune-apply-all");
        all.disableProperty().bind(vm.canApplyAllProperty().not());
        all.setOnAction(e -> vm.applyToAll());
        Button revert = new Button("Revert to profile");
        revert.setId("tune-revert");
        revert.setOnAction(e -> vm.revertToProfile());
        revert.setTooltip(new Tooltip("Put the selected connection back on the values it was opened or saved with"));
        FlowPane buttons = new FlowPane(6, 6, apply, all, revert);
        buttons.setAlignment(Pos.CENTER_LEFT);
        Label feedback = new Label();
        feedback.setId("tune-feedback");
        feedback.getStyleClass().add("muted");
        feedback.setWrapText(true);
        feedback.textProperty().bind(vm.feedbackProperty());
        feedback.managedProperty().bind(feedback.textProperty().isNotEmpty());

        getChildren().addAll(heading, note, grid, formError, buttons, feedback);
    }

    private static void mark(TextField field, String styleClass, boolean on) {
        field.getStyleClass().remove(styleClass);
        if (on) {
            field.getStyleClass().add(styleClass);
        }
    }
}
