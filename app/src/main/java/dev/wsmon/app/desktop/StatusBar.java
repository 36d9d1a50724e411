package dev.wsmon.app.desktop;

import dev.wsmon.app.viewmodel.MainViewModel;
import dev.wsmon.core.State;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** Counts per state, the profile file, and the last thing the window has to say. */
final class StatusBar extends HBox {

    StatusBar(MainViewModel vm) {
        super(14);
        getStyleClass().add("status-bar");
        setAlignment(Pos.CENTER_LEFT);
        for (State s : java.util.List.of(State.OPEN, State.CONNECTING, State.CLOSING, State.CLOSED)) {
            Label count = new Label();
            String name = s.name().toLowerCase(Locale.ROOT);
            count.setId("count-" + name);
            count.getStyleClass().addAll("state-count", "count-" + name);
            count.textProperty().bind(Bindings.concat(vm.countProperty(s).asString(), " ", s.name()));
            Region dot = new Region();
            dot.getStyleClass().addAll("state-dot", "state-" + name);
            count.setGraphic(dot);
            count.setMinWidth(Region.USE_PREF_SIZE);
            getChildren().add(count);
        }
        Label profile = new Label();
        profile.setId("status-profile");
        profile.getStyleClass().add("muted");
        profile.textProperty().bind(Bindings.createStringBinding(() -> vm.profilePathProperty().get() == null
                ? "no profile file" : "profile: " + vm.profilePathProperty().get(), vm.profilePathProperty()));
        profile.setMinWidth(0);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label status = new Label();
        status.setId("status-message");
        status.textProperty().bind(vm.statusProperty());
        status.setMinWidth(0);
        getChildren().addAll(spacer, status, profile);
    }
}
