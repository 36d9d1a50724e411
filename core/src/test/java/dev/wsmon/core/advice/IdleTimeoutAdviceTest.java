package dev.wsmon.core.advice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.CloseCause;
import dev.wsmon.core.Durations;
import dev.wsmon.core.Endpoint;
import dev.wsmon.core.Monitor;
import dev.wsmon.core.MonitoredConnection;
import dev.wsmon.core.Settings;
import dev.wsmon.core.State;
import dev.wsmon.core.event.AdviceGiven;
import dev.wsmon.core.event.StateChanged;
import dev.wsmon.core.testing.EventRecorder;
import dev.wsmon.core.testing.IdleKillingProxy;
import dev.wsmon.core.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A proxy that ends quiet links after a fixed time, between wsmon and a real server: wsmon names the idle time. */
class IdleTimeoutAdviceTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @Test
    void twoAttemptsKilledAfterTheSameIdleTime_giveIdleTimeoutAdvice_withAPingIntervalBelowIt() throws Exception {
        Duration idle = Duration.ofMillis(1200);
        try (TestServer server = TestServer.start();
             IdleKillingProxy proxy = IdleKillingProxy.start(server.port(), idle);
             Monitor monitor = Monitor.builder().watcher(AdviceWatcher::new).build()) {
            EventRecorder events = new EventRecorder();
            monitor.addListener(events);
            Settings settings = Settings.builder().pingInterval(Duration.ofSeconds(30))
                    .reconnectInitial(Duration.ofMillis(50)).reconnectMax(Duration.ofMillis(100)).build();
            MonitoredConnection c = monitor.add("idle", Endpoint.of("ws://127.0.0.1:" + proxy.port() + "/"), settings);
            c.open();

            events.await("advice", e -> !events.all(AdviceGiven.class).isEmpty(), DEADLINE);
            AdviceGiven advice = events.all(AdviceGiven.class).get(0);
            assertThat(advice.kind()).isEqualTo("idle-timeout");
            // the idle time seen from wsmon is the proxy's, give or take the loopback: half of it, rounded down
            Duration suggested = Durations.parse(advice.suggest().get("ping_interval"));
            assertThat(suggested).isBetween(Duration.ofMillis(500), Duration.ofMillis(600));
            assertThat(advice.detail()).contains("2 attempts in a row", "(eof)", "with no frame received",
                    "ping interval " + Durations.toSyntax(suggested) + " instead of 30s");
            assertThat(advice.detail()).containsPattern("after 1\\.[12]\\d? s");
            assertThat(proxy.killed()).isGreaterThanOrEqualTo(2);
            // the ends before the advice were the proxy's, without a close frame
            assertThat(events.states(State.CLOSED)).allSatisfy((StateChanged s) ->
                    assertThat(s.close().orElseThrow().cause()).isIn(CloseCause.EOF, CloseCause.RESET));
            assertThat(events.all(AdviceGiven.class)).hasSize(1);
        }
    }

    @Test
    void aPingIntervalBelowTheIdleTimeout_keepsTheLinkAlive_andGivesNoAdvice() throws Exception {
        try (TestServer server = TestServer.start();
             IdleKillingProxy proxy = IdleKillingProxy.start(server.port(), Duration.ofMillis(1200));
             Monitor monitor = Monitor.builder().watcher(AdviceWatcher::new).build()) {
            EventRecorder events = new EventRecorder();
            monitor.addListener(events);
            Settings settings = Settings.builder().pingInterval(Duration.ofMillis(300)).build();
            MonitoredConnection c = monitor.add("busy", Endpoint.of("ws://127.0.0.1:" + proxy.port() + "/"), settings);
            c.open();

            // three idle timeouts' worth of pongs
            events.await("pongs", e -> e.stream().filter(x -> x instanceof dev.wsmon.core.event.LatencySample).count() >= 12,
                    DEADLINE);
            assertThat(proxy.killed()).isZero();
            assertThat(events.all(AdviceGiven.class)).isEmpty();
        }
    }
}
