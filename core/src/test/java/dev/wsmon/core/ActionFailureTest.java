package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.event.ConnectionEvent;
import dev.wsmon.core.event.StateChanged;
import dev.wsmon.core.machine.ConnectionMachine;
import dev.wsmon.core.testing.EventRecorder;
import dev.wsmon.core.testing.Fixture;
import dev.wsmon.core.testing.TestServer;
import dev.wsmon.core.transport.Transport;
import dev.wsmon.core.transport.TransportFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An exception while the driver performs an action ends that attempt like any other failure: reported
 * once, with the message, and the reconnect goes on. The driver is never left without a deadline.
 */
class ActionFailureTest {

    private TestServer server;
    private Monitor monitor;

    @BeforeEach
    void start() {
        server = TestServer.start();
    }

    @AfterEach
    void stop() {
        if (monitor != null) {
            monitor.shutdown(Duration.ofSeconds(5));
        }
        server.close();
    }

    @Test
    void factoryThrowingOnAttempt2_endsItAsConnectFailed_andAttempt3Opens() {
        AtomicInteger created = new AtomicInteger();
        TransportFactory real = TransportFactory.javaWebSocket();
        TransportFactory flaky = (endpoint, settings, clock, listener) -> {
            if (created.incrementAndGet() == 2) {
                throw new IllegalStateException("no transport for attempt two");
            }
            return real.create(endpoint, settings, clock, listener);
        };
        Watched w = open(flaky);
        w.events.awaitState(State.OPEN, 0, Fixture.PROMPT);

        server.closeAll(1000, "go away");

        w.events.await("attempt 3 OPEN", ev -> ev.stream().anyMatch(e -> e instanceof StateChanged s
                && s.state() == State.OPEN && s.attempt() == 3), Fixture.PROMPT);
        List<StateChanged> closedOf2 = w.events.states(State.CLOSED).stream().filter(s -> s.attempt() == 2).toList();
        assertThat(closedOf2).as("CLOSED events of attempt 2").hasSize(1);
        CloseReport report = closedOf2.get(0).close().orElseThrow();
        assertThat(report.cause()).isEqualTo(CloseCause.CONNECT_FAILED);
        assertThat(report.error()).contains("no transport for attempt two");
        assertThat(w.strandings).as("steps that left a wanted connection without a deadline").isEmpty();
    }

    @Test
    void pingAndDisposeThrowing_endTheAttemptOnce_andTheReconnectGoesOn() {
        AtomicInteger created = new AtomicInteger();
        TransportFactory real = TransportFactory.javaWebSocket();
        TransportFactory flaky = (endpoint, settings, clock, listener) -> {
            Transport t = real.create(endpoint, settings, clock, listener);
            return created.incrementAndGet() == 1 ? new Throwing(t) : t;
        };
        Watched w = open(flaky);

        w.events.await("attempt 2 OPEN", ev -> ev.stream().anyMatch(e -> e instanceof StateChanged s
                && s.state() == State.OPEN && s.attempt() == 2), Fixture.PROMPT);
        List<StateChanged> closedOf1 = w.events.states(State.CLOSED).stream().filter(s -> s.attempt() == 1).toList();
        assertThat(closedOf1).as("CLOSED events of attempt 1").hasSize(1);
        CloseReport report = closedOf1.get(0).close().orElseThrow();
        assertThat(report.initiator()).isEqualTo(Initiator.LOCAL);
        assertThat(report.error()).contains("sendPing failed: ping refused");
        server.awaitConnectionCount(1, Fixture.PROMPT); // attempt 1's socket was released despite its dispose
        assertThat(w.strandings).as("steps that left a wanted connection without a deadline").isEmpty();
    }

    private record Watched(MonitoredConnection conn, EventRecorder events, List<String> strandings) {
    }

    private Watched open(TransportFactory transports) {
        monitor = Monitor.builder().transports(transports).build();
        MonitoredConnection c = monitor.add("flaky", Fixture.endpoint(server.uri()), Fixture.fast().build());
        EventRecorder events = new EventRecorder();
        List<String> strandings = new CopyOnWriteArrayList<>();
        c.addListener((ConnectionEvent e) -> {
            // Listeners run on the connection's queue right after a step: the view is that step's.
            ConnectionSnapshot s = c.snapshot();
            if (s.wanted() && c.nextDeadline() == ConnectionMachine.NEVER) {
                strandings.add(s.state() + " after " + e);
            }
        });
        c.addListener(events);
        c.open();
        return new Watched(c, events, strandings);
    }

    /** The real transport, except that pings and releasing it throw. */
    private static final class Throwing implements Transport {
        private final Transport real;

        Throwing(Transport real) {
            this.real = real;
        }

        @Override
        public void connect() {
            real.connect();
        }

        @Override
        public void sendText(String text) {
            real.sendText(text);
        }

        @Override
        public void sendPing(long seq) {
            throw new IllegalStateException("ping refused");
        }

        @Override
        public void sendClose(int code, String reason) {
            real.sendClose(code, reason);
        }

        @Override
        public void dispose(boolean abort) {
            real.dispose(abort);
            throw new IllegalStateException("dispose refused");
        }

        @Override
        public long pendingBytes() {
            return real.pendingBytes();
        }
    }
}
