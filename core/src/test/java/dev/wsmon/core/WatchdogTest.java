package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.event.ConnectionEvent;
import dev.wsmon.core.event.StateChanged;
import dev.wsmon.core.machine.Backoff;
import dev.wsmon.core.testing.FakeScheduler;
import dev.wsmon.core.transport.Transport;
import dev.wsmon.core.transport.TransportListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The driver's watchdog on virtual time: one timer, armed at the machine's next deadline after every step,
 * firing exactly then and not before. The transport is a stand-in: this is the timer logic, not the network.
 */
class WatchdogTest {

    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration PING_INTERVAL = Duration.ofSeconds(1);
    private static final Duration PING_TIMEOUT = Duration.ofMillis(500);

    private final FakeScheduler scheduler = new FakeScheduler();
    private final List<ConnectionEvent> events = new ArrayList<>();
    private final List<String> wire = new ArrayList<>();
    private TransportListener transport;

    private final MonitoredConnection conn = new MonitoredConnection(new ConnectionId("virtual", 1), Endpoint.of("ws://127.0.0.1:9/"),
            Settings.builder().openTimeout(OPEN_TIMEOUT).pingInterval(PING_INTERVAL).pingTimeout(PING_TIMEOUT)
                    .reconnectInitial(Duration.ofSeconds(3)).reconnectMax(Duration.ofSeconds(3)).build(),
            (endpoint, settings, clock, listener) -> {
                transport = listener;
                return new Recording();
            }, scheduler, scheduler.clock(), new Backoff(() -> 0.0), events::add);

    @Test
    void armsOneTimerAtEachDeadline_andFiresExactlyThere() {
        long t0 = scheduler.now();
        conn.open();
        scheduler.runDue();
        assertArmedAt(t0 + OPEN_TIMEOUT.toNanos());

        scheduler.advance(Duration.ofMillis(100));
        long openedAt = scheduler.now();
        transport.opened("");
        scheduler.runDue();
        assertThat(conn.snapshot().state()).isEqualTo(State.OPEN);
        long firstPing = openedAt + PING_INTERVAL.toNanos();
        assertArmedAt(firstPing);

        scheduler.advanceTo(firstPing - 1);
        assertThat(wire).as("nothing before the deadline").isEmpty();
        scheduler.advanceTo(firstPing);
        assertThat(wire).containsExactly("ping 1 at " + firstPing);
        assertArmedAt(firstPing + PING_TIMEOUT.toNanos());

        scheduler.advance(Duration.ofMillis(40));
        transport.pong(1, 0);
        scheduler.runDue();
        long secondPing = firstPing + PING_INTERVAL.toNanos();
        assertArmedAt(secondPing);

        scheduler.advanceTo(secondPing);
        assertThat(wire).endsWith("ping 2 at " + secondPing);
        long keepaliveDeadline = secondPing + PING_TIMEOUT.toNanos();
        assertArmedAt(keepaliveDeadline);

        scheduler.advanceTo(keepaliveDeadline - 1);
        assertThat(conn.snapshot().state()).as("one nanosecond early").isEqualTo(State.OPEN);
        scheduler.advanceTo(keepaliveDeadline);
        StateChanged closed = (StateChanged) events.stream()
                .filter(e -> e instanceof StateChanged s && s.state() == State.CLOSED).findFirst().orElseThrow();
        assertThat(closed.close().orElseThrow().cause()).isEqualTo(CloseCause.KEEPALIVE_TIMEOUT);
        assertThat(closed.close().orElseThrow().waited()).isEqualTo(PING_TIMEOUT);
        long reconnect = keepaliveDeadline + Duration.ofSeconds(3).toNanos();
        assertArmedAt(reconnect);

        scheduler.advanceTo(reconnect);
        assertThat(conn.snapshot().attempt()).isEqualTo(2);
        assertArmedAt(reconnect + OPEN_TIMEOUT.toNanos());
    }

    @Test
    void aClosedConnectionHasNoTimer() {
        conn.open();
        scheduler.runDue();
        transport.opened("");
        conn.close();
        scheduler.runDue();
        assertThat(conn.snapshot().state()).isEqualTo(State.CLOSING);
        long closeDeadline = conn.nextDeadline();
        assertArmedAt(closeDeadline);

        transport.ended(dev.wsmon.core.transport.TransportEnd.closeHandshake(1000, ""));
        scheduler.runDue();
        assertThat(conn.snapshot().state()).isEqualTo(State.CLOSED);
        assertThat(scheduler.timers()).as("a user close wants no deadline").isEmpty();
    }

    /** Exactly one timer, at the machine's deadline. */
    private void assertArmedAt(long deadline) {
        assertThat(conn.nextDeadline()).as("the machine's deadline").isEqualTo(deadline);
        assertThat(scheduler.timers()).as("armed timers").containsExactly(deadline);
    }

    /** Writes what it is asked to, with the virtual time of the call. */
    private final class Recording implements Transport {
        @Override
        public void connect() {
        }

        @Override
        public void sendText(String text) {
            wire.add("text " + text + " at " + scheduler.now());
        }

        @Override
        public void sendPing(long seq) {
            wire.add("ping " + seq + " at " + scheduler.now());
        }

        @Override
        public void sendClose(int code, String reason) {
            wire.add("close " + code + " at " + scheduler.now());
        }

        @Override
        public void dispose(boolean abort) {
        }

        @Override
        public long pendingBytes() {
            return 0;
        }
    }
}
