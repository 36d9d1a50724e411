package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.event.StateChanged;
import dev.wsmon.core.testing.EventRecorder;
import dev.wsmon.core.testing.Fixture;
import dev.wsmon.core.testing.HttpRejectServer;
import dev.wsmon.core.testing.TestServer;
import dev.wsmon.core.transport.TransportFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Subprotocols and headers are part of the upgrade request, and apply from the next attempt. */
class HandshakeOptionsTest {

    @Test
    void negotiatedSubprotocol_isReportedOnOpen() {
        try (TestServer server = TestServer.builder().subprotocols("chat").start(); Fixture engine = new Fixture()) {
            Fixture.Watched w = engine.add("chat", Fixture.endpoint(server.uri()).withSubprotocols(List.of("chat")),
                    Fixture.fast().build());
            w.conn().open();

            StateChanged open = (StateChanged) w.events().awaitState(State.OPEN, 0, Fixture.PROMPT).event();
            assertThat(open.subprotocol()).isEqualTo("chat");
            assertThat(w.conn().snapshot().subprotocol()).isEqualTo("chat");
        }
    }

    @Test
    void headers_areSentWithTheUpgrade_andEnvironmentReferencesExpanded() {
        String home = System.getenv("HOME");
        try (HttpRejectServer server = HttpRejectServer.start("403 Forbidden", Map.of()); Fixture engine = new Fixture()) {
            Fixture.Watched w = engine.add("auth", Fixture.endpoint(server.uri())
                    .withHeaders(Map.of("X-Token", "abc", "X-Home", "${HOME}")), Fixture.fast().autoReconnect(false).build());
            w.conn().open();

            StateChanged closed = (StateChanged) w.events().awaitState(State.CLOSED, 0, Fixture.PROMPT).event();
            assertThat(closed.close().orElseThrow().httpStatus()).isEqualTo(403);
            assertThat(server.requests()).singleElement().satisfies(request -> {
                assertThat(request).contains("X-Token: abc");
                if (home != null) {
                    assertThat(request).contains("X-Home: " + home);
                }
            });
        }
    }

    @Test
    void headerReferringToAnUnsetVariable_failsTheAttemptWithAMessage() {
        try (TestServer server = TestServer.start(); Fixture engine = new Fixture()) {
            Fixture.Watched w = engine.add("auth", Fixture.endpoint(server.uri())
                    .withHeaders(Map.of("Authorization", "Bearer ${WSMON_TEST_SURELY_UNSET_42}")),
                    Fixture.fast().autoReconnect(false).build());
            w.conn().open();

            StateChanged closed = (StateChanged) w.events().awaitState(State.CLOSED, 0, Fixture.PROMPT).event();
            CloseReport report = closed.close().orElseThrow();
            assertThat(report.cause()).isEqualTo(CloseCause.CONNECT_FAILED);
            assertThat(report.error()).contains("Authorization").contains("WSMON_TEST_SURELY_UNSET_42");
            assertThat(server.openedCount()).isZero();
        }
    }

    @Test
    void variableHoldingALineBreak_isNotSent_andTheAttemptFailsNamingTheVariable() {
        String evil = "a\r\nEvil: b";
        Monitor monitor = Monitor.builder()
                .transports(TransportFactory.javaWebSocket(name -> name.equals("WSMON_EVIL") ? evil : null)).build();
        try (HttpRejectServer server = HttpRejectServer.start("403 Forbidden", Map.of())) {
            MonitoredConnection c = monitor.add("inject", Fixture.endpoint(server.uri())
                    .withHeaders(Map.of("X-Inject", "${WSMON_EVIL}")), Fixture.fast().autoReconnect(false).build());
            EventRecorder events = new EventRecorder();
            c.addListener(events);
            c.open();

            StateChanged closed = (StateChanged) events.awaitState(State.CLOSED, 0, Fixture.PROMPT).event();
            assertThat(server.requests()).noneSatisfy(request -> assertThat(request).containsIgnoringCase("Evil:"));
            CloseReport report = closed.close().orElseThrow();
            assertThat(report.cause()).isEqualTo(CloseCause.CONNECT_FAILED);
            assertThat(report.error()).contains("X-Inject").contains("${WSMON_EVIL}").contains("line break")
                    .doesNotContain("Evil: b");
        } finally {
            monitor.shutdown(Duration.ofSeconds(5));
        }
    }
}
