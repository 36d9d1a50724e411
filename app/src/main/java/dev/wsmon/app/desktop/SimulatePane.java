package dev.wsmon.app.desktop;

import dev.wsmon.app.viewmodel.SimulateViewModel;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Simulate faults on the selected connection through its local fault proxy. */
final class SimulatePane extends VBox {

    SimulatePane(SimulateViewModel vm) {
        super(6);
        getStyleClass().add("side-section");
        setId("simulate");
        Label heading = new Label("Simulate");
        heading.getStyleClass().add("section-title");
        Label route = new Label();
        route.setId("simulate-route");
        route.getStyleClass().add("muted");
        route.setWrapText(true);
        route.textProperty().bind(vm.routeProperty());

        Button routeButton = new Button("Route via fault proxy");
        routeButton.setId("simulate-route-button");
        routeButton.setOnAction(e -> vm.routeSelected());
        routeButton.visibleProperty().bind(vm.canRouteProperty());
        routeButton.managedProperty().bind(routeButton.visibleProperty());
        routeButton.setTooltip(new Tooltip("Start a local proxy to this host and port and reconnect through it"));

        TextField seconds = new TextField();
        seconds.setId("simulate-outage-seconds");
        seconds.setPrefColumnCount(3);
        seconds.textProperty().bindBidirectional(vm.outageSecondsProperty());
        seconds.setOnAction(e -> vm.outage());
        Button outage = new Button("Outage");
        outage.setId("simulate-outage");
        outage.getStyleClass().add("danger");
        outage.setOnAction(e -> vm.outage());
        outage.setTooltip(new Tooltip("Drop every byte both ways for this many seconds, like a dead route (Ctrl+Shift+O)"));
        Label s = new Label("s");
        Button reset = new Button("Reset (RST)");
        reset.setId("simulate-reset");
        reset.setOnAction(e -> vm.reset());
        reset.setTooltip(new Tooltip("Send a TCP RST to both sides now (Ctrl+Shift+R)"));
        HBox outageRow = new HBox(6, outage, seconds, s, reset);
        outageRow.setAlignment(Pos.CENTER_LEFT);

        TextField millis = new TextField();
        millis.setId("simulate-latency-ms");
        millis.setPrefColumnCount(4);
        millis.textProperty().bindBidirectional(vm.latencyMillisProperty());
        millis.setOnAction(e -> vm.applyLatency());
        Button latency = new Button("Add latency");
        latency.setId("simulate-latency");
        latency.setOnAction(e -> vm.applyLatency());
        latency.setTooltip(new Tooltip("Add this much round-trip time (0 removes it)"));
        Button clear = new Button("Clear");
        clear.setId("simulate-clear");
        clear.setOnAction(e -> vm.clearFaults());
        clear.setTooltip(new Tooltip("End the outage and remove added latency"));
        HBox latencyRow = new HBox(6, latency, millis, new Label("ms"), clear);
        latencyRow.setAlignment(Pos.CENTER_LEFT);

        Label outageError = error(vm.outageErrorProperty());
        Label latencyError = error(vm.latencyErrorProperty());
        Label fault = new Label();
        fault.setId("simulate-fault");
        fault.getStyleClass().add("fault-active");
        fault.textProperty().bind(vm.faultProperty());
        fault.visibleProperty().bind(vm.faultProperty().isNotEmpty());
        fault.managedProperty().bind(fault.visibleProperty());

        Button direct = new Button("Connect directly");
        direct.setId("simulate-unroute");
        direct.setOnAction(e -> vm.unrouteSelected());
        direct.setTooltip(new Tooltip("Stop the proxy; the next attempt goes straight to the host"));
        FlowPane routedButtons = new FlowPane(6, 6, direct);

        VBox controls = new VBox(6, outageRow, outageError, latencyRow, latencyError, fault);
        controls.disableProperty().bind(vm.routedProperty().not());
        routedButtons.visibleProperty().bind(vm.routedProperty().and(vm.canRouteProperty().not()));
        routedButtons.managedProperty().bind(routedButtons.visibleProperty());
        getChildren().addAll(heading, route, routeButton, controls, routedButtons);
    }

    private static Label error(javafx.beans.value.ObservableStringValue text) {
        Label l = new Label();
        l.getStyleClass().add("field-error");
        l.setWrapText(true);
        l.textProperty().bind(text);
        l.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(text));
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }
}
