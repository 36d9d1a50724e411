package dev.wsmon.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulateViewModelTest {

    private final Harness h = new Harness();
    private final ConnectionViewModel c = h.main.add(ConnectionSpec.of("c", "ws://127.0.0.1:9/", Harness.FAST), false);
    private final SimulateViewModel sim = new SimulateViewModel(h.main);

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void aDirectConnection_mustBeRoutedFirst_andFaultsDoNothingUntilThen() {
        assertThat(sim.routedProperty().get()).isFalse();
        assertThat(sim.canRouteProperty().get()).isTrue();
        assertThat(sim.routeProperty().get()).startsWith("Direct to 127.0.0.1:9.");
        assertThat(sim.outage()).isFalse();
        assertThat(sim.reset()).isFalse();

        sim.routeSelected();
        h.main.tick();

        assertThat(sim.routedProperty().get()).isTrue();
        assertThat(sim.routeProperty().get()).startsWith("Via fault proxy 127.0.0.1:40000 → 127.0.0.1:9");
    }

    @Test
    void outageResetAndLatency_goToTheRoute_andAreLogged() {
        sim.routeSelected();
        h.main.tick();
        Harness.FakeRoute route = h.routes.opened.get(0);

        sim.outageSecondsProperty().set("3");
        assertThat(sim.outage()).isTrue();
        h.main.tick();
        assertThat(sim.faultProperty().get()).startsWith("Outage: ");
        assertThat(sim.outageActiveProperty().get()).isTrue();
        assertThat(sim.reset()).isTrue();
        sim.latencyMillisProperty().set("250");
        assertThat(sim.applyLatency()).isTrue();
        assertThat(sim.faultProperty().get()).contains("+250 ms RTT added");
        sim.clearFaults();

        assertThat(route.calls).containsExactly("outage 3", "reset", "latency 250", "endOutage", "latency 0");
        assertThat(c.log()).filteredOn(l -> l.kind() == LogKind.SIMULATE).extracting(LogEntry::text)
                .contains("simulated outage for 3 s: the proxy drops every byte both ways",
                        "simulated reset: the proxy sent TCP RST to both sides", "simulated latency: +250 ms round trip");
    }

    @Test
    void badNumbers_saySo_andDoNothing() {
        sim.routeSelected();
        h.main.tick();
        sim.outageSecondsProperty().set("0");
        assertThat(sim.outageErrorProperty().get()).isEqualTo("Outage length must be between 1 and 3600 seconds, got 0");
        sim.latencyMillisProperty().set("lots");
        assertThat(sim.latencyErrorProperty().get()).isEqualTo("Added latency must be a whole number of ms, got 'lots'");
        assertThat(sim.outage()).isFalse();
        assertThat(sim.applyLatency()).isFalse();
        assertThat(h.routes.opened.get(0).calls).isEmpty();
    }
}
