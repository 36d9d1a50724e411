package dev.wsmon.app.desktop;

import dev.wsmon.app.viewmodel.AlertsViewModel;
import dev.wsmon.app.viewmodel.AlertsViewModel.AlertItem;
import dev.wsmon.app.viewmodel.AlertsViewModel.Silence;
import dev.wsmon.app.viewmodel.MainViewModel;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Firing and recent alerts, mute and snooze of the selected connection, and its advice with the button that applies it. */
final class AlertsPane extends VBox {

    AlertsPane(AlertsViewModel vm, MainViewModel main) {
        super(6);
        getStyleClass().add("side-section");
        setId("alerts");
        Label heading = new Label();
        heading.getStyleClass().add("section-title");
        heading.textProperty().bind(Bindings.createStringBinding(() -> vm.firingCountProperty().get() == 0 ? "Alerts"
                : "Alerts — " + vm.firingCountProperty().get() + " firing", vm.firingCountProperty()));

        ListView<AlertItem> list = new ListView<>(vm.recent());
        list.setId("alerts-list");
        list.setPrefHeight(110);
        list.setPlaceholder(new Label("No alerts. One fires when a connection is not HEALTHY for the alert delay."));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(AlertItem item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.text());
                getStyleClass().removeAll("alert-firing", "alert-resolved");
                if (!empty && item != null) {
                    getStyleClass().add(item.firing() ? "alert-firing" : "alert-resolved");
                }
            }
        });

        MenuButton quiet = new MenuButton("Mute / snooze");
        quiet.setId("alerts-silence");
        for (Silence s : Silence.values()) {
            MenuItem item = new MenuItem(s.label());
            item.setOnAction(e -> {
                if (main.selected() != null) {
                    vm.silence(main.selected().name(), s);
                }
            });
            quiet.getItems().add(item);
        }
        MenuItem on = new MenuItem("Notify again");
        on.setOnAction(e -> {
            if (main.selected() != null) {
                vm.unsilence(main.selected().name());
            }
        });
        quiet.getItems().addAll(new SeparatorMenuItem(), on);
        quiet.setTooltip(new Tooltip("No notification for the selected connection's alerts for a while; they are still"
                + " listed and logged"));
        quiet.disableProperty().bind(main.selectedProperty().isNull());
        Label silence = new Label();
        silence.setId("alerts-silence-state");
        silence.getStyleClass().add("muted");
        silence.textProperty().bind(vm.selectedSilenceProperty());
        HBox quietRow = new HBox(6, quiet, silence);
        quietRow.setAlignment(Pos.CENTER_LEFT);

        Label hint = new Label();
        hint.setId("advice-hint");
        hint.setWrapText(true);
        hint.textProperty().bind(Bindings.createStringBinding(() -> vm.selectedHintProperty().get() == null ? ""
                : "Advice: " + vm.selectedHintProperty().get().detail(), vm.selectedHintProperty()));
        Button apply = new Button();
        apply.setId("advice-apply");
        apply.getStyleClass().add("accent");
        apply.textProperty().bind(Bindings.createStringBinding(() -> vm.selectedHintProperty().get() == null ? ""
                : vm.selectedHintProperty().get().action(), vm.selectedHintProperty()));
        apply.setOnAction(e -> vm.applySelectedHint());
        apply.setTooltip(new Tooltip("Applies it live to this connection, without reconnecting (logged like any change)"));
        Button dismiss = new Button("Dismiss");
        dismiss.setOnAction(e -> vm.dismissSelectedHint());
        HBox hintRow = new HBox(6, apply, dismiss);
        VBox hintBox = new VBox(4, hint, hintRow);
        hintBox.setId("advice");
        hintBox.getStyleClass().add("advice-hint");
        hintBox.visibleProperty().bind(vm.selectedHintProperty().isNotNull());
        hintBox.managedProperty().bind(hintBox.visibleProperty());

        getChildren().addAll(heading, hintBox, list, quietRow);
    }

    /** The in-window banner: alerts the desktop's notification service did not take. */
    static HBox banner(AlertsViewModel vm) {
        Label text = new Label();
        text.setId("alert-banner-text");
        text.setWrapText(true);
        text.textProperty().bind(vm.bannerProperty());
        Button close = new Button("✕");
        close.setId("alert-banner-close");
        close.setOnAction(e -> vm.dismissBanner());
        HBox bar = new HBox(8, text, close);
        bar.setId("alert-banner");
        bar.getStyleClass().add("alert-banner");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.visibleProperty().bind(vm.bannerProperty().isNotEmpty());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }
}
