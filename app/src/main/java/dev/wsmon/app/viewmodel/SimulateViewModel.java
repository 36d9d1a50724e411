package dev.wsmon.app.viewmodel;

import dev.wsmon.core.Durations;
import java.time.Duration;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Simulate per connection, through a local fault proxy: an outage (blackhole) for N seconds, a reset (RST), added
 * latency. A connection must first be routed through the proxy; that applies from its next attempt, so routing
 * reconnects it once. The demo's connections are routed from the start.
 */
public final class SimulateViewModel {

    public static final int MAX_OUTAGE_SECONDS = 3600;
    public static final int MAX_LATENCY_MILLIS = 60_000;

    private final MainViewModel main;
    private final StringProperty outageSeconds = new SimpleStringProperty(this, "outageSeconds", "10");
    private final StringProperty latencyMillis = new SimpleStringProperty(this, "latencyMillis", "200");
    private final ReadOnlyStringWrapper outageError = new ReadOnlyStringWrapper(this, "outageError", "");
    private final ReadOnlyStringWrapper latencyError = new ReadOnlyStringWrapper(this, "latencyError", "");
    private final ReadOnlyStringWrapper route = new ReadOnlyStringWrapper(this, "route", "");
    private final ReadOnlyStringWrapper fault = new ReadOnlyStringWrapper(this, "fault", "");
    private final ReadOnlyBooleanWrapper routed = new ReadOnlyBooleanWrapper(this, "routed");
    private final ReadOnlyBooleanWrapper canRoute = new ReadOnlyBooleanWrapper(this, "canRoute");
    private final ReadOnlyBooleanWrapper outageActive = new ReadOnlyBooleanWrapper(this, "outageActive");

    public SimulateViewModel(MainViewModel main) {
        this.main = main;
        outageSeconds.addListener((o, a, b) -> parseOutage());
        latencyMillis.addListener((o, a, b) -> parseLatency());
        main.selectedProperty().addListener((o, a, b) -> update());
        main.addTickObserver(this::update);
        update();
    }

    private void update() {
        ConnectionViewModel c = main.selected();
        FaultRoute r = c == null ? null : c.route();
        routed.set(r != null);
        canRoute.set(c != null && r == null);
        if (c == null) {
            route.set("Select a connection.");
        } else if (r == null) {
            route.set("Direct to " + c.spec().endpoint().uri().getHost() + ":" + c.spec().endpoint().port()
                    + ". Route it through a local fault proxy to simulate faults (it reconnects once).");
        } else {
            route.set("Via fault proxy " + ConnectionViewModel.hostPort(r.address()) + " → " + r.target()
                    + (c.routeActiveProperty().get() ? "" : " (from the next attempt)")
                    + (r.baseLatency().isEmpty() ? "" : "; network " + r.baseLatency()));
        }
        long left = r == null ? 0 : r.outageLeft().toMillis();
        outageActive.set(left > 0);
        StringBuilder f = new StringBuilder();
        if (left > 0) {
            f.append("Outage: ").append(Formats.elapsed(Duration.ofMillis(left))).append(" left");
        }
        if (r != null && !r.addedLatency().isZero()) {
            f.append(f.length() > 0 ? " · " : "").append("+").append(Formats.duration(r.addedLatency())).append(" RTT added");
        }
        fault.set(f.toString());
    }

    private Integer parseOutage() {
        return parse(outageSeconds.get(), 1, MAX_OUTAGE_SECONDS, "Outage length", "seconds", outageError);
    }

    private Integer parseLatency() {
        return parse(latencyMillis.get(), 0, MAX_LATENCY_MILLIS, "Added latency", "ms", latencyError);
    }

    private static Integer parse(String text, int min, int max, String what, String unit, ReadOnlyStringWrapper error) {
        try {
            int v = Integer.parseInt(text.trim());
            if (v < min || v > max) {
                error.set(what + " must be between " + min + " and " + max + " " + unit + ", got " + v);
                return null;
            }
            error.set("");
            return v;
        } catch (NumberFormatException e) {
            error.set(what + " must be a whole number of " + unit + ", got '" + text + "'");
            return null;
        }
    }

    // ------------------------------------------------------------------ commands

    public void routeSelected() {
        ConnectionViewModel c = main.selected();
        if (c != null) {
            main.route(c);
        }
    }

    public void unrouteSelected() {
        ConnectionViewModel c = main.selected();
        if (c != null) {
            main.unroute(c);
            update();
        }
    }

    /** @return false when not routed or the length is invalid */
    public boolean outage() {
        ConnectionViewModel c = main.selected();
        Integer seconds = parseOutage();
        if (c == null || c.route() == null || seconds == null) {
            return false;
        }
        c.route().outage(Duration.ofSeconds(seconds));
        main.note(c, LogKind.SIMULATE, "simulated outage for " + seconds + " s: the proxy drops every byte both ways",
                "Keepalive should notice within ping interval + ping timeout ("
                        + Formats.duration(c.settings().pingInterval().plus(c.settings().pingTimeout())) + ").");
        update();
        return true;
    }

    public void endOutage() {
        ConnectionViewModel c = main.selected();
        if (c != null && c.route() != null) {
            c.route().endOutage();
            main.note(c, LogKind.SIMULATE, "outage ended", "");
            update();
        }
    }

    public boolean reset() {
        ConnectionViewModel c = main.selected();
        if (c == null || c.route() == null) {
            return false;
        }
        c.route().reset();
        main.note(c, LogKind.SIMULATE, "simulated reset: the proxy sent TCP RST to both sides", "");
        return true;
    }

    public boolean applyLatency() {
        ConnectionViewModel c = main.selected();
        Integer ms = parseLatency();
        if (c == null || c.route() == null || ms == null) {
            return false;
        }
        c.route().addLatency(Duration.ofMillis(ms));
        main.note(c, LogKind.SIMULATE, ms == 0 ? "added latency removed" : "simulated latency: +" + ms + " ms round trip", "");
        update();
        return true;
    }

    /** Ends the outage and removes added latency. */
    public void clearFaults() {
        ConnectionViewModel c = main.selected();
        if (c == null || c.route() == null) {
            return;
        }
        c.route().endOutage();
        c.route().addLatency(Duration.ZERO);
        main.note(c, LogKind.SIMULATE, "faults cleared", "");
        update();
    }

    public StringProperty outageSecondsProperty() {
        return outageSeconds;
    }

    public StringProperty latencyMillisProperty() {
        return latencyMillis;
    }

    public ReadOnlyStringProperty outageErrorProperty() {
        return outageError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty latencyErrorProperty() {
        return latencyError.getReadOnlyProperty();
    }

    /** Where the selected connection's TCP connection goes. */
    public ReadOnlyStringProperty routeProperty() {
        return route.getReadOnlyProperty();
    }

    /** The faults in force, e.g. {@code Outage: 7.0 s left · +200 ms RTT added}; empty when none. */
    public ReadOnlyStringProperty faultProperty() {
        return fault.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty routedProperty() {
        return routed.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRouteProperty() {
        return canRoute.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty outageActiveProperty() {
        return outageActive.getReadOnlyProperty();
    }
}
