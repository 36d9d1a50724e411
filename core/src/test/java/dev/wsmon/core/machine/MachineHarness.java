package dev.wsmon.core.machine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.CloseReport;
import dev.wsmon.core.ConnectionId;
import dev.wsmon.core.Settings;
import dev.wsmon.core.State;
import dev.wsmon.core.event.ConnectionEvent;
import dev.wsmon.core.event.ReconnectScheduled;
import dev.wsmon.core.event.StateChanged;
import dev.wsmon.core.transport.TransportEnd;
import dev.wsmon.core.transport.TransportFailure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * One machine on a {@link FakeTime}, driven the way its driver drives it: inputs for the current attempt,
 * and a Tick at every deadline. Records everything it emitted; the static helpers assert on one step.
 */
final class MachineHarness {

    static final String NAME = "test";
    static final ConnectionId ID = new ConnectionId(NAME, 7);

    /** Small round numbers, so that every expected deadline can be read off. */
    static final Settings SETTINGS = Settings.builder()
            .pingInterval(Duration.ofSeconds(1))
            .pingTimeout(Duration.ofMillis(500))
            .openTimeout(Duration.ofSeconds(2))
            .closeTimeout(Duration.ofSeconds(1))
            .reconnectInitial(Duration.ofMillis(100))
            .reconnectMax(Duration.ofSeconds(3))
            .reconnectMultiplier(2.0)
            .reconnectJitter(0.0)
            .stablePeriod(Duration.ofSeconds(5))
            .autoReconnect(true)
            .maxMessageSize(1000)
            .sendQueueCap(4096)
            .build();

    final FakeTime time = new FakeTime();
    final FixedRandom random = new FixedRandom();
    final ConnectionMachine machine;
    final List<ConnectionEvent> events = new ArrayList<>();
    final List<Action> actions = new ArrayList<>();

    MachineHarness() {
        this(SETTINGS);
    }

    MachineHarness(Settings settings) {
        this(settings, null);
    }

    MachineHarness(Settings settings, DoubleSupplier backoffRandom) {
        machine = new ConnectionMachine(ID, settings, new Backoff(backoffRandom == null ? random : backoffRandom),
                time.nanos());
    }

    // ---- driving -------------------------------------------------------------------------------------

    Step handle(Input input) {
        Step step = machine.handle(input, time.now());
        events.addAll(step.events());
        actions.addAll(step.actions());
        return step;
    }

    Step tick() {
        return handle(new Input.Tick());
    }

    /** A Tick at {@code t} exactly, without the deadlines on the way (a late driver). */
    Step tickAt(long t) {
        time.setNanos(t);
        return tick();
    }

    /**
     * Moves the clock to {@code t} as the driver would: a Tick at every deadline on the way, at its exact
     * time, then one at {@code t}. Returns everything that happened, in order.
     */
    Step advanceTo(long t) {
        List<ConnectionEvent> ev = new ArrayList<>();
        List<Action> ac = new ArrayList<>();
        for (int guard = 0; machine.wakeAt() <= t; guard++) {
            assertThat(guard).as("deadlines before t").isLessThan(10_000);
            time.setNanos(Math.max(time.nanos(), machine.wakeAt()));
            Step s = tick();
            ev.addAll(s.events());
            ac.addAll(s.actions());
        }
        time.setNanos(t);
        Step s = tick();
        ev.addAll(s.events());
        ac.addAll(s.actions());
        return new Step(ev, ac);
    }

    Step advance(Duration d) {
        return advanceTo(time.nanos() + d.toNanos());
    }

    /** Jumps to the next deadline and ticks there. */
    Step runToWake() {
        long wake = machine.wakeAt();
        assertThat(wake).as("a deadline is armed").isNotEqualTo(ConnectionMachine.NEVER);
        time.setNanos(wake);
        return tick();
    }

    /** Stays OPEN until {@code t}: every ping is answered at once, as a healthy peer would. */
    void answerPingsUntil(long t) {
        while (machine.wakeAt() <= t) {
            Step s = runToWake();
            for (Action a : s.actions()) {
                if (a instanceof Action.SendPing p) {
                    pong(p.seq());
                }
            }
        }
        time.setNanos(t);
        tick();
    }

    // ---- inputs of the current attempt -----------------------------------------------------------------

    Step open() {
        return handle(new Input.Open());
    }

    Step opened() {
        return opened("");
    }

    Step opened(String subprotocol) {
        return handle(new Input.Opened(machine.attempt(), subprotocol));
    }

    /** Open, and the transport opens at once. */
    Step connectAndOpen() {
        open();
        return opened();
    }

    Step pong(long seq) {
        return pong(seq, 0);
    }

    Step pong(long seq, long writtenAtNanos) {
        return handle(new Input.Pong(machine.attempt(), seq, writtenAtNanos));
    }

    Step peerClosing(int code, String reason) {
        return handle(new Input.PeerClosing(machine.attempt(), code, reason));
    }

    Step libraryClosing(int code, String reason) {
        return handle(new Input.LibraryClosing(machine.attempt(), code, reason));
    }

    Step ended(TransportEnd end) {
        return handle(new Input.Ended(machine.attempt(), end));
    }

    Step reset() {
        return ended(TransportEnd.failed(TransportFailure.RESET, "Connection reset"));
    }

    Step close(int code, String reason) {
        return handle(new Input.Close(code, reason));
    }

    Step reconnectNow() {
        return handle(new Input.ReconnectNow());
    }

    Step apply(Settings settings) {
        return handle(new Input.ApplySettings(settings));
    }

    Step send(long id, String text) {
        return handle(new Input.Send(id, text, text.getBytes(StandardCharsets.UTF_8).length, 0));
    }

    Step send(long id, int payloadBytes, long pendingBytes) {
        return handle(new Input.Send(id, "x".repeat(Math.min(payloadBytes, 16)), payloadBytes, pendingBytes));
    }

    /** Fails {@code n} attempts in a row at connect time, each reconnect run at its deadline. */
    List<Duration> failAttempts(int n) {
        List<Duration> delays = new ArrayList<>();
        if (machine.state() == State.CLOSED && machine.attempt() == 0) {
            open();
        }
        for (int i = 0; i < n; i++) {
            if (machine.state() == State.CLOSED) {
                runToWake();
            }
            Step s = ended(TransportEnd.failed(TransportFailure.CONNECT_FAILED, "Connection refused"));
            delays.add(reconnect(s).delay());
        }
        return delays;
    }

    // ---- assertions on one step --------------------------------------------------------------------

    static void assertActions(Step step, Action... expected) {
        assertThat(step.actions()).as("actions").containsExactly(expected);
    }

    static void assertNoOutput(Step step) {
        assertThat(step.events()).as("events").isEmpty();
        assertThat(step.actions()).as("actions").isEmpty();
    }

    static <T> List<T> eventsOf(Step step, Class<T> type) {
        return step.events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    static <T> List<T> actionsOf(Step step, Class<T> type) {
        return step.actions().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The one event of {@code type} in the step. */
    static <T> T only(Step step, Class<T> type) {
        List<T> found = eventsOf(step, type);
        assertThat(found).as("events of type " + type.getSimpleName() + " in " + step.events()).hasSize(1);
        return found.get(0);
    }

    static List<State> states(Step step) {
        return eventsOf(step, StateChanged.class).stream().map(StateChanged::state).toList();
    }

    /** The report of the one CLOSED in the step. */
    static CloseReport closeReport(Step step) {
        List<StateChanged> closed = eventsOf(step, StateChanged.class).stream()
                .filter(s -> s.state() == State.CLOSED).toList();
        assertThat(closed).as("CLOSED events in " + step.events()).hasSize(1);
        assertThat(closed.get(0).close()).as("a CLOSED carries its report").isPresent();
        return closed.get(0).close().get();
    }

    static ReconnectScheduled reconnect(Step step) {
        return only(step, ReconnectScheduled.class);
    }

    static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    static long nanos(Duration d) {
        return d.toNanos();
    }

    /** The backoff's random number, set by the test. */
    static final class FixedRandom implements DoubleSupplier {
        private double value;

        void set(double v) {
            value = v;
        }

        @Override
        public double getAsDouble() {
            return value;
        }
    }
}
