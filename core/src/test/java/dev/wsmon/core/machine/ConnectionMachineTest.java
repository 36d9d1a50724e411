package dev.wsmon.core.machine;

import static dev.wsmon.core.State.CLOSED;
import static dev.wsmon.core.State.CLOSING;
import static dev.wsmon.core.State.CONNECTING;
import static dev.wsmon.core.State.OPEN;
import static dev.wsmon.core.machine.ConnectionMachine.NEVER;
import static dev.wsmon.core.machine.MachineHarness.SETTINGS;
import static dev.wsmon.core.machine.MachineHarness.actionsOf;
import static dev.wsmon.core.machine.MachineHarness.assertActions;
import static dev.wsmon.core.machine.MachineHarness.assertNoOutput;
import static dev.wsmon.core.machine.MachineHarness.closeReport;
import static dev.wsmon.core.machine.MachineHarness.eventsOf;
import static dev.wsmon.core.machine.MachineHarness.ms;
import static dev.wsmon.core.machine.MachineHarness.only;
import static dev.wsmon.core.machine.MachineHarness.reconnect;
import static dev.wsmon.core.machine.MachineHarness.states;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.core.CloseCause;
import dev.wsmon.core.CloseReport;
import dev.wsmon.core.HandshakePhase;
import dev.wsmon.core.HandshakeTiming;
import dev.wsmon.core.Initiator;
import dev.wsmon.core.SendFailure;
import dev.wsmon.core.Settings;
import dev.wsmon.core.State;
import dev.wsmon.core.event.ConnectionEvent;
import dev.wsmon.core.event.LatencySample;
import dev.wsmon.core.event.MessageDelivered;
import dev.wsmon.core.event.MessageReceived;
import dev.wsmon.core.event.MessageSent;
import dev.wsmon.core.event.PingUnanswered;
import dev.wsmon.core.event.ReconnectScheduled;
import dev.wsmon.core.event.SendFailed;
import dev.wsmon.core.event.SettingsApplied;
import dev.wsmon.core.event.StateChanged;
import dev.wsmon.core.transport.TransportEnd;
import dev.wsmon.core.transport.TransportFailure;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pure connection state machine, one transition at a time, on a fake clock: no threads, no sockets,
 * no sleeps. Every deadline is checked on both sides (one nanosecond before: nothing; at it: the action),
 * as OkHttp's {@code clientCloseCancelsConnectionAfterTimeout} does. Seeds refer to failure-modes.md.
 */
class ConnectionMachineTest {

    private static final long MS = 1_000_000L;
    private static final long SEC = 1_000_000_000L;
    private static final long PING_INTERVAL = SETTINGS.pingInterval().toNanos();
    private static final long PING_TIMEOUT = SETTINGS.pingTimeout().toNanos();
    private static final long OPEN_TIMEOUT = SETTINGS.openTimeout().toNanos();
    private static final long CLOSE_TIMEOUT = SETTINGS.closeTimeout().toNanos();

    private final MachineHarness h = new MachineHarness();

    private static TransportEnd failed(TransportFailure failure) {
        return TransportEnd.failed(failure, failure.name().toLowerCase());
    }

    private static StateChanged onlyStateChange(Step step) {
        return only(step, StateChanged.class);
    }

    @Nested
    class Connecting {

        @Test
        void open_startsAttemptOne_withConnect_andEntersConnecting() {
            Step step = h.open();

            assertActions(step, new Action.Connect(1, SETTINGS));
            StateChanged s = onlyStateChange(step);
            assertThat(s.state()).isEqualTo(CONNECTING);
            assertThat(s.previous()).isEqualTo(CLOSED);
            assertThat(s.attempt()).isEqualTo(1);
            assertThat(s.initiator()).isEmpty();
            assertThat(s.close()).isEmpty();
            assertThat(h.machine.state()).isEqualTo(CONNECTING);
            assertThat(h.machine.wakeAt()).isEqualTo(h.time.nanos() + OPEN_TIMEOUT);
        }

        @Test
        void openAgain_whileConnecting_startsNoSecondAttempt() {
            h.open();

            assertNoOutput(h.open());
            assertThat(h.machine.attempt()).isEqualTo(1);
        }

        @Test
        void opened_entersOpen_carryingTheSubprotocol() {
            h.open();

            Step step = h.opened("chat");

            assertThat(step.actions()).isEmpty();
            StateChanged s = onlyStateChange(step);
            assertThat(s.state()).isEqualTo(OPEN);
            assertThat(s.previous()).isEqualTo(CONNECTING);
            assertThat(s.subprotocol()).isEqualTo("chat");
            assertThat(s.attempt()).isEqualTo(1);
            assertThat(h.machine.subprotocol()).isEqualTo("chat");
        }

        @Test
        void opened_carriesTheTiming_andTheNextFailedAttemptItsPhase() {
            h.open();
            HandshakeTiming timing = new HandshakeTiming(Map.of(HandshakePhase.TCP, Duration.ofMillis(2)));
            h.handle(new Input.PhaseBegan(1, HandshakePhase.TCP));

            StateChanged open = onlyStateChange(h.handle(new Input.Opened(1, "", "", timing)));
            assertThat(open.timing()).contains(timing);
            Step closed = h.handle(new Input.Ended(1, failed(TransportFailure.EOF)));
            assertThat(closeReport(closed).phase()).as("the attempt had opened").isEmpty();
            assertThat(onlyStateChange(closed).timing()).isEmpty();
        }

        @Test
        void openTimeout_namesThePhaseInProgress_andALateAttemptsPhaseIsIgnored() {
            h.open();
            long started = h.time.nanos();
            h.handle(new Input.PhaseBegan(1, HandshakePhase.TCP));
            h.handle(new Input.PhaseBegan(1, HandshakePhase.TLS));
            h.handle(new Input.PhaseBegan(0, HandshakePhase.UPGRADE));

            CloseReport r = closeReport(h.advanceTo(started + OPEN_TIMEOUT));
            assertThat(r.cause()).isEqualTo(CloseCause.OPEN_TIMEOUT);
            assertThat(r.phase()).contains(HandshakePhase.TLS);
        }

        @Test
        void opened_withoutSubprotocol_carriesEmpty() {
            h.open();

            assertThat(onlyStateChange(h.handle(new Input.Opened(1, null))).subprotocol()).isEmpty();
        }

        @Test
        void abortsAt_openTimeout_andNotOneNanosecondBefore() {
            h.open();
            long started = h.time.nanos();

            assertNoOutput(h.advanceTo(started + OPEN_TIMEOUT - 1));
            assertThat(h.machine.state()).isEqualTo(CONNECTING);

            Step step = h.advanceTo(started + OPEN_TIMEOUT);
            assertActions(step, new Action.Dispose(true));
            CloseReport r = closeReport(step);
            assertThat(r.code()).isEqualTo(1006);
            assertThat(r.cause()).isEqualTo(CloseCause.OPEN_TIMEOUT);
            assertThat(r.initiator()).isEqualTo(Initiator.LOCAL);
            assertThat(r.waited()).isEqualTo(SETTINGS.openTimeout());
            assertThat(r.handshakeCompleted()).isFalse();
            assertThat(reconnect(step).attempt()).isEqualTo(2);
        }

        @Test
        void closeWhileConnecting_abortsAndReportsLocalClose_andNeverReconnects() {
            h.open();

            Step step = h.close(1000, "");

            assertActions(step, new Action.Dispose(true));
            CloseReport r = closeReport(step);
            assertThat(r.code()).isEqualTo(1006);
            assertThat(r.cause()).isEqualTo(CloseCause.LOCAL_CLOSE);
            assertThat(r.initiator()).isEqualTo(Initiator.LOCAL);
            assertThat(eventsOf(step, ReconnectScheduled.class)).isEmpty();
            assertThat(h.machine.wakeAt()).isEqualTo(NEVER);
            assertThat(actionsOf(h.advance(Duration.ofHours(2)), Action.Connect.class)).isEmpty();
        }

        @Test
        void refusedConnect_closes1006ConnectFailed_fromTheNetwork() {
            h.open();

            Step step = h.ended(failed(TransportFailure.CONNECT_FAILED));

            assertActions(step, new Action.Dispose(true));
            CloseReport r = closeReport(step);
            assertThat(r.code()).isEqualTo(1006);
            assertThat(r.cause()).isEqualTo(CloseCause.CONNECT_FAILED);
            assertThat(r.initiator()).isEqualTo(Initiator.NETWORK);
            assertThat(r.error()).isEqualTo("connect_failed");
            assertThat(onlyStateChange(step).previous()).isEqualTo(CONNECTING);
        }

        @Test
        void tlsFailure_closes1006TlsFailed() {
            h.open();

            CloseReport r = closeReport(h.ended(failed(TransportFailure.TLS_FAILED)));

            assertThat(r.code()).isEqualTo(1006);
            assertThat(r.cause()).isEqualTo(CloseCause.TLS_FAILED);
        }
    }

    @Nested
    class HttpRejection {

        private TransportEnd rejected(int status, Optional<Duration> retryAfter) {
            return new TransportEnd(1006, "", false, TransportFailure.HTTP_REJECTED,
                    "Invalid status code received: " + status, status, retryAfter);
        }

        @Test
        void rejectedUpgrade_closes1006HttpRejected_withTheStatus() {
            h.open();

            Step step = h.ended(rejected(503, Optional.of(Duration.ofSeconds(2))));

            assertThat(step.actions()).containsExactly(new Action.Dispose(true));
            CloseReport r = closeReport(step);
            assertThat(r.code()).isEqualTo(1006);
            assertThat(r.cause()).isEqualTo(CloseCause.HTTP_REJECTED);
            assertThat(r.cause().token()).isEqualTo("http-rejected");
            assertThat(r.httpStatus()).isEqualTo(503);
            assertThat(r.retryAfter()).contains(Duration.ofSeconds(2));
        }

        @Test
        void retryAfter_setsTheNextDelayExactly_evenWithJitter() {
            h.apply(SETTINGS.toBuilder().reconnectJitter(1.0).build());
            h.random.set(0.9);
            h.open();

            Step step = h.ended(rejected(503, Optional.of(Duration.ofSeconds(2))));
            long closedAt = h.time.nanos();

            ReconnectScheduled rs = reconnect(step);
            assertThat(rs.delay()).isEqualTo(Duration.ofSeconds(2));
            assertThat(rs.basis()).isEqualTo("retry-after");
            assertThat(rs.attempt()).isEqualTo(2);
            assertNoOutput(h.advanceTo(closedAt + 2 * SEC - 1));
            assertThat(actionsOf(h.advanceTo(closedAt + 2 * SEC), Action.Connect.class))
                    .extracting(Action.Connect::attempt).containsExactly(2);
        }

        @Test
        void retryAfterOfThreeHours_isCappedAtOneHour() {
            h.open();

            ReconnectScheduled rs = reconnect(h.ended(rejected(503, Optional.of(Duration.ofHours(3)))));

            assertThat(rs.delay()).isEqualTo(Duration.ofHours(1));
            assertThat(rs.basis()).isEqualTo("retry-after");
        }

        @Test
        void rejectionWithoutRetryAfter_usesTheBackoff() {
            h.open();

            ReconnectScheduled rs = reconnect(h.ended(rejected(403, Optional.empty())));

            assertThat(rs.delay()).isEqualTo(SETTINGS.reconnectInitial());
            assertThat(rs.basis()).isEqualTo("backoff");
        }
    }

    @Nested
    class Open {

        private long openedAt;

        @BeforeEach
        void openIt() {
            h.connectAndOpen();
            openedAt = h.time.nanos();
        }

        @Test
        void pingsEvery_pingInterval_withIncreasingSequenceNumbers() {
            assertThat(h.machine.wakeAt()).isEqualTo(openedAt + PING_INTERVAL);
            assertNoOutput(h.advanceTo(openedAt + PING_INTERVAL - 1));

            assertActions(h.advanceTo(openedAt + PING_INTERVAL), new Action.SendPing(1));
            h.advance(ms(10));
            h.pong(1);
            assertThat(h.machine.wakeAt()).isEqualTo(openedAt + 2 * PING_INTERVAL);

            assertNoOutput(h.advanceTo(openedAt + 2 * PING_INTERVAL - 1));
            assertActions(h.advanceTo(openedAt + 2 * PING_INTERVAL), new Action.SendPing(2));
            h.pong(2);
            assertActions(h.advanceTo(openedAt + 3 * PING_INTERVAL), new Action.SendPing(3));
        }

        @Test
        void matchingPong_emitsLatencySample_measuredFromTheWrite() {
            h.runToWake();
            long sentAt = h.time.nanos();
            h.advance(ms(12));

            Step step = h.pong(1, sentAt + 2 * MS);

            LatencySample sample = only(step, LatencySample.class);
            assertThat(sample.pingSeq()).isEqualTo(1);
            assertThat(sample.rtt()).isEqualTo(ms(10));
            assertThat(sample.connectionId()).isEqualTo(MachineHarness.ID);
            assertThat(sample.connection()).isEqualTo(MachineHarness.NAME);
            assertThat(sample.ts()).isEqualTo(h.time.now().epochMillis());
            assertThat(step.actions()).isEmpty();
        }

        @Test
        void matchingPong_withUnknownWriteTime_measuresFromTheSend() {
            h.runToWake();
            h.advance(ms(12));

            assertThat(only(h.pong(1, 0), LatencySample.class).rtt()).isEqualTo(ms(12));
        }

        @Test
        void matchingPong_withAWriteTimeBeforeTheSend_measuresFromTheSend() {
            h.runToWake();
            long sentAt = h.time.nanos();
            h.advance(ms(12));

            assertThat(only(h.pong(1, sentAt - 5 * MS), LatencySample.class).rtt()).isEqualTo(ms(12));
        }

        @Test
        void pongWithAnotherSequenceNumber_isIgnored_andTheTimeoutStillRuns() {
            h.runToWake();
            long sentAt = h.time.nanos();

            assertNoOutput(h.pong(7));
            assertNoOutput(h.pong(0));

            assertThat(closeReport(h.advanceTo(sentAt + PING_TIMEOUT)).cause()).isEqualTo(CloseCause.KEEPALIVE_TIMEOUT);
        }

        @Test
        void secondPongForTheSamePing_isIgnored() {
            h.runToWake();
            h.pong(1);

            assertNoOutput(h.pong(1));
        }

        @Test
        void unsolicitedPong_beforeAnyPing_isIgnored() {
            assertNoOutput(h.pong(1));
        }

        @Test
        void pongWithoutAPingInFlight_isIgnored_evenWhenItCarriesMinusOne() {
            // RFC 6455 5.5.3: an unsolicited pong is allowed and needs no answer; -1 is no ping of ours.
            assertNoOutput(h.pong(-1));
            h.runToWake();
            h.pong(1);
            h.advance(ms(300));

            assertNoOutput(h.pong(-1));
        }

        @Test
        void failsAt_pingTimeout_whenNoPongArrives_andNotOneNanosecondBefore() {
            h.runToWake();
            long sentAt = h.time.nanos();

            assertNoOutput(h.advanceTo(sentAt + PING_TIMEOUT - 1));
            assertThat(h.machine.state()).isEqualTo(OPEN);

            Step step = h.advanceTo(sentAt + PING_TIMEOUT);
            assertActions(step, new Action.SendClose(1011, "keepalive timeout"), new Action.Dispose(true));
            PingUnanswered unanswered = only(step, PingUnanswered.class);
            assertThat(unanswered.pingSeq()).isEqualTo(1);
            assertThat(unanswered.waited()).isEqualTo(SETTINGS.pingTimeout());
            CloseReport r = closeReport(step);
            assertThat(r.code()).isEqualTo(1006);
            assertThat(r.cause()).isEqualTo(CloseCause.KEEPALIVE_TIMEOUT);
            assertThat(r.initiator()).isEqualTo(Initiator.LOCAL);
            assertThat(r.waited()).isEqualTo(SETTINGS.pingTimeout());
            assertThat(r.pingSeq()).isEqualTo(1);
            assertThat(r.handshakeCompleted()).isFalse();
            assertThat(step.events().indexOf(unanswered))
                    .as("the unanswered ping is reported before the CLOSED it caused")
                    .isLessThan(step.events().indexOf(onlyStateChange(step)));
            assertThat(onlyStateChange(step).previous()).isEqualTo(OPEN);
        }

        @Test
        void isClosedExactlyAt_pingIntervalPlusPingTimeout_afterTheLastPong_andStillOpenJustBefore() {
            h.runToWake();
            h.pong(1); // answered at once: the tightest case of the half-open-link bound
            long lastPong = h.time.nanos();
            long bound = lastPong + PING_INTERVAL + PING_TIMEOUT;

            Step before = h.advanceTo(bound - 1);
            assertActions(before, new Action.SendPing(2));
            assertThat(h.machine.state()).isEqualTo(OPEN);

            Step at = h.advanceTo(bound);
            assertThat(closeReport(at).cause()).isEqualTo(CloseCause.KEEPALIVE_TIMEOUT);
            assertThat(h.machine.state()).isEqualTo(CLOSED);
        }

        @Test
        void receivedMessage_isReported() {
            MessageReceived m = only(h.handle(new Input.Received(1, 5, false, "hello")), MessageReceived.class);

            assertThat(m.size()).isEqualTo(5);
            assertThat(m.text()).isEqualTo("hello");
            assertThat(m.binary()).isFalse();
        }

        @Test
        void tcpClosedWithoutCloseFrame_closes1006Eof_fromTheNetwork() {
            Step step = h.ended(failed(TransportFailure.EOF));

            assertActions(step, new Action.Dispose(true));
            CloseReport r = closeReport(step);
            assertThat(r.code()).isEqualTo(1006);
            assertThat(r.cause()).isEqualTo(CloseCause.EOF);
            assertThat(r.initiator()).isEqualTo(Initiator.NETWORK);
        }

        @Test
        void peerCloseFrameAndTcpEndTogether_closeWithThePeersCode() {
            Step step = h.ended(TransportEnd.closeHandshake(4001, "bye"));

            assertActions(step, new Action.Dispose(false));
            CloseReport r = closeReport(step);
            assertThat(r.code()).isEqualTo(4001);
            assertThat(r.reason()).isEqualTo("bye");
            assertThat(r.initiator()).isEqualTo(Initiator.REMOTE);
            assertThat(r.cause()).isEqualTo(CloseCause.REMOTE_CLOSE);
            assertThat(r.handshakeCompleted()).isTrue();
        }

        @ParameterizedTest(name = "interval {0} ms, timeout {1} ms, pong after {2} ms")
        @CsvSource({"1000,500,0", "1000,500,1", "1000,500,499", "100,500,0", "100,500,250", "100,500,499",
            "20,20,0", "20,20,19", "10,3600000,3599999"})
        void isClosedNoLaterThan_pingIntervalPlusPingTimeout_afterTheLastPong(long interval, long timeout, long pongDelay) {
            MachineHarness m = new MachineHarness(SETTINGS.toBuilder()
                    .pingInterval(ms(interval)).pingTimeout(ms(timeout)).build());
            m.connectAndOpen();
            assertActions(m.runToWake(), new Action.SendPing(1));
            m.time.advance(ms(pongDelay));
            m.pong(1);
            long lastPong = m.time.nanos();

            for (int i = 0; i < 10 && m.machine.state() != CLOSED; i++) {
                m.runToWake();
            }

            assertThat(m.machine.state()).isEqualTo(CLOSED);
            assertThat(m.machine.lastClose().orElseThrow().cause()).isEqualTo(CloseCause.KEEPALIVE_TIMEOUT);
            assertThat(m.time.nanos() - lastPong).isLessThanOrEqualTo(ms(interval + timeout).toNanos());
        }
    }

    @Nested
    class Closing {

        @BeforeEach
        void openIt() {
            h.connectAndOpen();
        }

        @Test
        void userClose_whileOpen_sendsTheCloseFrame_andEntersClosingLocal() {
            Step step = h.close(4000, "bye");

            assertActions(step, new Action.SendClose(4000, "bye"));
            StateChanged s = onlyStateChange(step);
            assertThat(s.state()).isEqualTo(CLOSING);
            assertThat(s.previous()).isEqualTo(OPEN);
            assertThat(s.initiator()).contains(Initiator.LOCAL);
            assertThat(s.close()).isEmpty();
            assertThat(h.machine.wakeAt()).isEqualTo(h.time.nanos() + CLOSE_TIMEOUT);
        }

        @Test
        void answeredClose_closesWithItsCode_handshakeCompleted_andDoesNotReconnect() {
            h.close(4000, "bye");
            h.advance(ms(30));

            Step step = h.ended(TransportEnd.closeHandshake(4000, "bye"));

            assertActions(step, new Action.Dispose(false));
            CloseReport r = closeReport(step);
            assertThat(r.code()).isEqualTo(4000);
            assertThat(r.reason()).isEqualTo("bye");
            assertThat(r.initiator()).isEqualTo(Initiator.LOCAL);
            assertThat(r.cause()).isEqualTo(CloseCause.LOCAL_CLOSE);
            assertThat(r.handshakeCompleted()).isTrue();
            assertThat(r.waited()).isEqualTo(ms(30));
            assertThat(onlyStateChange(step).previous()).isEqualTo(CLOSING);
            assertThat(eventsOf(step, ReconnectScheduled.class)).isEmpty();
            assertThat(h.machine.wakeAt()).isEqualTo(NEVER);
        }

        @Test
        void libraryEndingTcpAfterOurCloseFrame_completesTheClose_withOurCode() {
            h.close(4000, "bye");

            Step step = h.ended(new TransportEnd(4000, "bye", false, TransportFailure.NONE, "", 0, Optional.empty()));

            assertActions(step, new Action.Dispose(false));
            CloseReport r = closeReport(step);
            assertThat(r.code()).isEqualTo(4000);
            assertThat(r.cause()).isEqualTo(CloseCause.LOCAL_CLOSE);
        }

        @Test
        void closesWithin_closeTimeout_whenPeerNeverAnswersClose() {
            h.close(1000, "");
            long closingSince = h.time.nanos();

            assertNoOutput(h.advanceTo(closingSince + CLOSE_TIMEOUT - 1));
            assertThat(h.machine.state()).isEqualTo(CLOSING);

            Step step = h.advanceTo(closingSince + CLOSE_TIMEOUT);
            assertActions(step, new Action.Dispose(true));
            CloseReport r = closeReport(step);
            assertThat(r.code()).isEqualTo(1006);
            assertThat(r.cause()).isEqualTo(CloseCause.CLOSE_TIMEOUT);
            assertThat(r.initiator()).isEqualTo(Initiator.LOCAL);
            assertThat(r.waited()).isEqualTo(SETTINGS.closeTimeout());
            assertThat(r.handshakeCompleted()).isFalse();
        }

        @Test
        void pingInFlightAtClose_isReportedUnanswered_andOnlyTheCloseTimeoutBoundsClosing() {
            h.runToWake(); // ping 1 in flight
            h.close(1000, "");
            long closingSince = h.time.nanos();

            assertNoOutput(h.advanceTo(closingSince + CLOSE_TIMEOUT - 1));
            Step step = h.advanceTo(closingSince + CLOSE_TIMEOUT);

            assertThat(only(step, PingUnanswered.class).pingSeq()).isEqualTo(1);
            assertThat(closeReport(step).cause()).isEqualTo(CloseCause.CLOSE_TIMEOUT);
        }

        @Test
        void lastSignOfLifeToClosed_isBoundedBy_intervalPlusPingTimeoutPlusCloseTimeout() {
            h.runToWake();
            h.pong(1);
            long lastPong = h.time.nanos();
            h.advanceTo(lastPong + PING_INTERVAL + PING_TIMEOUT - 1); // ping 2 unanswered, not yet timed out
            h.close(1000, "");
            assertThat(h.machine.state()).isEqualTo(CLOSING);

            h.runToWake();

            assertThat(h.machine.state()).isEqualTo(CLOSED);
            assertThat(h.time.nanos() - lastPong).isLessThanOrEqualTo(PING_INTERVAL + PING_TIMEOUT + CLOSE_TIMEOUT);
        }

        @Test
        void secondClose_whileClosing_changesNothing_andTheCloseIsReportedOnce() {
            h.close(1000, "");

            assertNoOutput(h.close(1000, ""));
            h.ended(TransportEnd.closeHandshake(1000, ""));
            assertThat(h.events.stream().filter(e -> e instanceof StateChanged s && s.state() == CLOSED)).hasSize(1);
        }

        @Test
        void peerClose_entersClosingRemote_asSoonAsItsFrameArrives_withoutAnySend() {
            Step step = h.peerClosing(1000, "done");

            assertThat(step.actions()).isEmpty();
            StateChanged s = onlyStateChange(step);
            assertThat(s.state()).isEqualTo(CLOSING);
            assertThat(s.initiator()).contains(Initiator.REMOTE);
            assertThat(h.machine.state()).isEqualTo(CLOSING);
        }

        @Test
        void sendAfterPeerClose_failsNotOpen_atOnce() {
            h.peerClosing(1000, "done");

            Step step = h.send(1, "late");

            assertThat(step.actions()).isEmpty();
            SendFailed f = only(step, SendFailed.class);
            assertThat(f.id()).isEqualTo(1);
            assertThat(f.reason()).isEqualTo(SendFailure.NOT_OPEN);
            assertThat(eventsOf(step, MessageSent.class)).isEmpty();
        }

        @Test
        void tcpEndAfterPeerClose_closesWithThePeersCode_remoteClose() {
            h.peerClosing(1000, "done");

            Step step = h.ended(TransportEnd.closeHandshake(1000, "done"));

            assertActions(step, new Action.Dispose(false));
            CloseReport r = closeReport(step);
            assertThat(r.code()).isEqualTo(1000);
            assertThat(r.reason()).isEqualTo("done");
            assertThat(r.initiator()).isEqualTo(Initiator.REMOTE);
            assertThat(r.cause()).isEqualTo(CloseCause.REMOTE_CLOSE);
            assertThat(r.handshakeCompleted()).isTrue();
            assertThat(onlyStateChange(step).initiator()).contains(Initiator.REMOTE);
            assertThat(reconnect(step).attempt()).isEqualTo(2);
        }

        @Test
        void peerCloseWithoutTcpClose_closesAtCloseTimeout_withThePeersCode() {
            h.peerClosing(1000, "done");
            long closingSince = h.time.nanos();

            assertNoOutput(h.advanceTo(closingSince + CLOSE_TIMEOUT - 1));
            Step step = h.advanceTo(closingSince + CLOSE_TIMEOUT);

            assertActions(step, new Action.Dispose(true));
            CloseReport r = closeReport(step);
            assertThat(r.code()).as("frames did go both ways").isEqualTo(1000);
            assertThat(r.initiator()).isEqualTo(Initiator.REMOTE);
            assertThat(r.cause()).isEqualTo(CloseCause.REMOTE_CLOSE);
            assertThat(r.handshakeCompleted()).isTrue();
            assertThat(r.waited()).isEqualTo(SETTINGS.closeTimeout());
        }

        @Test
        void libraryClose1009_entersClosingLocal_messageTooBig_thenClosesWith1009() {
            Step closing = h.libraryClosing(1009, "message too big");

            assertThat(closing.actions()).as("the library sends its own close frame").isEmpty();
            assertThat(onlyStateChange(closing).state()).isEqualTo(CLOSING);
            assertThat(onlyStateChange(closing).initiator()).contains(Initiator.LOCAL);

            CloseReport r = closeReport(h.ended(TransportEnd.closeHandshake(1009, "message too big")));
            assertThat(r.code()).isEqualTo(1009);
            assertThat(r.cause()).isEqualTo(CloseCause.MESSAGE_TOO_BIG);
            assertThat(r.initiator()).isEqualTo(Initiator.LOCAL);
            assertThat(r.handshakeCompleted()).isTrue();
        }

        @Test
        void libraryClose1002_isAProtocolError() {
            h.libraryClosing(1002, "bad frame");

            CloseReport r = closeReport(h.ended(TransportEnd.closeHandshake(1002, "bad frame")));

            assertThat(r.code()).isEqualTo(1002);
            assertThat(r.cause()).isEqualTo(CloseCause.PROTOCOL_ERROR);
        }

        @Test
        void shutdown_whileOpen_closesWith1001_causeShutdown_andDoesNotReconnect() {
            Step step = h.handle(new Input.Shutdown());

            assertActions(step, new Action.SendClose(1001, "monitor shutting down"));
            Step closed = h.ended(TransportEnd.closeHandshake(1001, "monitor shutting down"));
            CloseReport r = closeReport(closed);
            assertThat(r.code()).isEqualTo(1001);
            assertThat(r.cause()).isEqualTo(CloseCause.SHUTDOWN);
            assertThat(eventsOf(closed, ReconnectScheduled.class)).isEmpty();
        }
    }

    @Nested
    class Closed {

        @Test
        void lateCallbacksOfTheCurrentAttempt_whileClosed_produceNothing() {
            h.connectAndOpen();
            h.runToWake(); // ping 1
            h.reset();
            assertThat(h.machine.state()).isEqualTo(CLOSED);
            assertThat(h.machine.attempt()).isEqualTo(1);

            assertNoOutput(h.handle(new Input.Ended(1, TransportEnd.closeHandshake(1000, ""))));
            assertNoOutput(h.handle(new Input.Ended(1, failed(TransportFailure.RESET))));
            assertNoOutput(h.handle(new Input.Pong(1, 1, 0)));
            assertNoOutput(h.handle(new Input.Opened(1, "chat")));
            assertNoOutput(h.handle(new Input.PeerClosing(1, 1000, "")));
            assertNoOutput(h.handle(new Input.LibraryClosing(1, 1009, "")));
            assertNoOutput(h.handle(new Input.Received(1, 3, false, "abc")));
            assertThat(h.machine.state()).isEqualTo(CLOSED);
        }

        @Test
        void callbacksOfAnEarlierAttempt_duringTheNextAttempt_areIgnored() {
            h.connectAndOpen();
            h.runToWake(); // ping 1 of attempt 1
            h.reset();
            h.runToWake(); // attempt 2 starts
            assertThat(h.machine.attempt()).isEqualTo(2);
            assertThat(h.machine.state()).isEqualTo(CONNECTING);

            assertNoOutput(h.handle(new Input.Opened(1, "")));
            assertNoOutput(h.handle(new Input.Ended(1, failed(TransportFailure.RESET))));
            assertNoOutput(h.handle(new Input.Pong(1, 1, 0)));
            assertThat(h.machine.state()).isEqualTo(CONNECTING);

            h.opened();
            assertNoOutput(h.handle(new Input.Ended(1, TransportEnd.closeHandshake(1000, ""))));
            assertNoOutput(h.handle(new Input.PeerClosing(1, 1000, "")));
            assertThat(h.machine.state()).isEqualTo(OPEN);
        }

        @Test
        void closeWhileClosed_cancelsThePendingReconnect() {
            h.open();
            h.ended(failed(TransportFailure.CONNECT_FAILED));
            assertThat(h.machine.wakeAt()).isNotEqualTo(NEVER);

            Step step = h.close(1000, "");

            assertNoOutput(step);
            assertThat(h.machine.wakeAt()).isEqualTo(NEVER);
            assertThat(h.machine.reconnectAt()).isEqualTo(NEVER);
            assertThat(h.machine.wanted()).isFalse();
            assertNoOutput(h.advance(Duration.ofHours(2)));
        }

        @Test
        void openWhileClosed_startsTheNextAttempt() {
            h.open();
            h.close(1000, "");

            assertActions(h.open(), new Action.Connect(2, SETTINGS));
        }

        @Test
        void everyClose_isReportedExactlyOnce_acrossFiftyReconnects() {
            h.open();
            for (int cycle = 0; cycle < 50; cycle++) {
                int attempt = h.machine.attempt();
                assertThat(attempt).isEqualTo(cycle + 1);
                switch (cycle % 5) {
                    case 0 -> {
                        h.opened();
                        h.peerClosing(1000, "");
                        h.ended(TransportEnd.closeHandshake(1000, ""));
                    }
                    case 1 -> {
                        h.opened();
                        h.reset();
                    }
                    case 2 -> {
                        h.opened();
                        h.runToWake(); // ping
                        h.runToWake(); // keepalive timeout
                    }
                    case 3 -> h.runToWake(); // open timeout
                    default -> {
                        h.opened();
                        h.libraryClosing(1009, "");
                        h.runToWake(); // close timeout
                    }
                }
                assertThat(h.machine.state()).isEqualTo(CLOSED);
                h.handle(new Input.Ended(attempt, failed(TransportFailure.RESET)));
                h.handle(new Input.Opened(attempt, ""));
                h.handle(new Input.Pong(attempt, 1, 0));
                h.runToWake(); // the reconnect
            }

            Map<Integer, Long> closedPerAttempt = h.events.stream()
                    .filter(e -> e instanceof StateChanged s && s.state() == CLOSED)
                    .collect(Collectors.groupingBy(e -> ((StateChanged) e).attempt(), Collectors.counting()));
            assertThat(closedPerAttempt).hasSize(50).allSatisfy((attempt, n) -> assertThat(n).isEqualTo(1));
            assertThat(h.actions.stream().filter(a -> a instanceof Action.Connect).map(a -> ((Action.Connect) a).attempt()))
                    .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 51).boxed().toList());
            assertThat(h.events.stream().filter(e -> e instanceof ReconnectScheduled)).hasSize(50);
        }
    }

    /** A reset at any moment (failure mode: crash on reset during close) is a CLOSED with a cause, never an exception, and the next attempt runs. */
    @Nested
    class Resets {

        @ParameterizedTest(name = "reset while {0}")
        @ValueSource(strings = {"CONNECTING", "OPEN", "CLOSING after a library close", "CLOSING after reconnect-now"})
        void reset_closesExactlyOnce_1006Reset_andTheNextAttemptStarts(String where) {
            h.open();
            Initiator expectedInitiator = Initiator.NETWORK;
            if (!where.equals("CONNECTING")) {
                h.opened();
                h.runToWake(); // a ping in flight, for good measure
                h.send(1, "in flight");
            }
            if (where.equals("CLOSING after a library close")) {
                h.libraryClosing(1009, "");
                expectedInitiator = Initiator.LOCAL;
            } else if (where.equals("CLOSING after reconnect-now")) {
                h.reconnectNow();
                expectedInitiator = Initiator.LOCAL;
            }
            State before = h.machine.state();
            List<Step> steps = new ArrayList<>();

            assertThatCode(() -> steps.add(h.reset())).doesNotThrowAnyException();

            Step step = steps.get(0);
            assertThat(actionsOf(step, Action.Dispose.class)).containsExactly(new Action.Dispose(true));
            CloseReport r = closeReport(step);
            assertThat(r.code()).isEqualTo(1006);
            assertThat(r.cause()).isEqualTo(CloseCause.RESET);
            assertThat(r.initiator()).isEqualTo(expectedInitiator);
            assertThat(onlyStateChangeTo(step, CLOSED).previous()).isEqualTo(before);
            assertThat(reconnect(step).attempt()).isEqualTo(2);

            Step next = h.machine.state() == CLOSED ? h.runToWake() : step;
            assertThat(actionsOf(next, Action.Connect.class)).containsExactly(new Action.Connect(2, SETTINGS));
            assertThat(h.machine.state()).isEqualTo(CONNECTING);
            assertThat(h.opened().events()).hasSize(1);
            assertThat(h.machine.state()).isEqualTo(OPEN);
            assertThat(h.events.stream().filter(e -> e instanceof StateChanged s && s.state() == CLOSED)).hasSize(1);
        }

        @Test
        void resetWhileClosingAfterAUserClose_closes1006Reset_andDoesNotReconnect() {
            h.connectAndOpen();
            h.close(1000, "");

            Step step = h.reset();

            CloseReport r = closeReport(step);
            assertThat(r.code()).isEqualTo(1006);
            assertThat(r.cause()).isEqualTo(CloseCause.RESET);
            assertThat(eventsOf(step, ReconnectScheduled.class)).isEmpty();
        }

        @Test
        void resetAfterThePeersCloseFrame_closesOnce_withThePeersCode_andReconnects() {
            // RFC 6455 7.1.5: a close frame was received, so the close code is the peer's, not 1006.
            h.connectAndOpen();
            h.peerClosing(1000, "bye");

            Step step = h.reset();

            CloseReport r = closeReport(step);
            assertThat(r.code()).isEqualTo(1000);
            assertThat(r.initiator()).isEqualTo(Initiator.REMOTE);
            assertThat(reconnect(step).attempt()).isEqualTo(2);
            assertThat(actionsOf(h.runToWake(), Action.Connect.class)).hasSize(1);
        }

        private StateChanged onlyStateChangeTo(Step step, State state) {
            List<StateChanged> found = eventsOf(step, StateChanged.class).stream().filter(s -> s.state() == state).toList();
            assertThat(found).hasSize(1);
            return found.get(0);
        }
    }

    /** Acceptance test 7 at machine level. */
    @Nested
    class Reconnect {

        @Test
        void delaysGrowFromInitialByTheMultiplier_andCapAtMax_withoutJitter() {
            h.open();
            long[] expectedMs = {100, 200, 400, 800, 1600, 3000, 3000, 3000};
            for (int i = 0; i < expectedMs.length; i++) {
                Step step = h.ended(failed(TransportFailure.CONNECT_FAILED));
                ReconnectScheduled rs = reconnect(step);
                assertThat(rs.delay()).as("delay %d", i + 1).isEqualTo(ms(expectedMs[i]));
                assertThat(rs.attempt()).isEqualTo(i + 2);
                assertThat(rs.basis()).isEqualTo("backoff");
                long closedAt = h.time.nanos();
                assertThat(h.machine.reconnectAt()).isEqualTo(closedAt + expectedMs[i] * MS);

                assertNoOutput(h.advanceTo(closedAt + expectedMs[i] * MS - 1));
                assertActions(h.advanceTo(closedAt + expectedMs[i] * MS), new Action.Connect(i + 2, SETTINGS));
            }
        }

        @ParameterizedTest(name = "random {0}")
        @ValueSource(doubles = {0.0, 0.25, 0.5, 0.75, 0.999999})
        void jitterTakesARandomShareOffTheBase_withinHalfToAllOfIt(double r) {
            h.apply(SETTINGS.toBuilder().reconnectJitter(0.5).build());
            h.random.set(r);

            List<Duration> delays = h.failAttempts(6);

            long[] baseMs = {100, 200, 400, 800, 1600, 3000};
            for (int i = 0; i < baseMs.length; i++) {
                long base = baseMs[i] * MS;
                assertThat(delays.get(i).toNanos()).as("delay %d", i + 1)
                        .isEqualTo((long) (base * (1.0 - 0.5 * r)))
                        .isBetween(base / 2, base);
            }
        }

        @Test
        void backoff_clampsTheRandomToTheUnitInterval() {
            Settings s = SETTINGS.toBuilder().reconnectJitter(0.5).build();

            assertThat(new Backoff(() -> 7.0).jitter(Duration.ofSeconds(1), s)).isEqualTo(ms(500));
            assertThat(new Backoff(() -> -3.0).jitter(Duration.ofSeconds(1), s)).isEqualTo(Duration.ofSeconds(1));
        }

        @Test
        void backoff_baseGrowsByTheMultiplier_andIsCapped() {
            Backoff b = new Backoff(() -> 0.0);
            Settings s = SETTINGS.toBuilder().reconnectMultiplier(1.5).build();

            assertThat(b.base(0, s)).isEqualTo(ms(100));
            assertThat(b.base(1, s)).isEqualTo(ms(150));
            assertThat(b.base(2, s)).isEqualTo(ms(225));
            assertThat(b.base(1_000, s)).isEqualTo(Duration.ofSeconds(3));
            assertThat(b.base(Integer.MAX_VALUE, s)).isEqualTo(Duration.ofSeconds(3));
        }

        @Test
        void openForTheStablePeriod_resetsTheBackoffToInitial() {
            assertThat(h.failAttempts(3)).containsExactly(ms(100), ms(200), ms(400));
            h.runToWake();
            h.opened();
            long openedAt = h.time.nanos();
            h.answerPingsUntil(openedAt + SETTINGS.stablePeriod().toNanos());

            ReconnectScheduled rs = reconnect(h.reset());

            assertThat(rs.delay()).isEqualTo(SETTINGS.reconnectInitial());
        }

        @Test
        void openShorterThanTheStablePeriod_keepsGrowingTheBackoff() {
            h.failAttempts(3);
            h.runToWake();
            h.opened();
            long openedAt = h.time.nanos();
            h.answerPingsUntil(openedAt + SETTINGS.stablePeriod().toNanos() - 1);

            ReconnectScheduled rs = reconnect(h.reset());

            assertThat(rs.delay()).isEqualTo(ms(800));
        }

        @Test
        void serviceRestart1012_reconnectsAfterTheInitialDelay_evenAfterManyFailures() {
            h.apply(SETTINGS.toBuilder().reconnectJitter(0.5).build());
            h.random.set(0.5);
            h.failAttempts(6);
            h.runToWake();
            h.opened();
            h.peerClosing(1012, "restarting");

            Step step = h.ended(TransportEnd.closeHandshake(1012, "restarting"));

            ReconnectScheduled rs = reconnect(step);
            assertThat(rs.delay()).isEqualTo(ms(75)); // 100 ms less half of the 0.5 jitter
            assertThat(rs.basis()).isEqualTo("service-restart");
            h.runToWake();
            assertThat(reconnect(h.ended(failed(TransportFailure.CONNECT_FAILED))).delay())
                    .as("the backoff starts over after a service restart")
                    .isEqualTo(ms(150));
        }

        @Test
        void serviceRestart1012_inAFrameWithTheTcpEnd_alsoUsesTheInitialDelay() {
            h.failAttempts(4);
            h.runToWake();
            h.opened();

            ReconnectScheduled rs = reconnect(h.ended(TransportEnd.closeHandshake(1012, "")));

            assertThat(rs.delay()).isEqualTo(ms(100));
            assertThat(rs.basis()).isEqualTo("service-restart");
        }

        @Test
        void tryAgainLater1013_waitsTheMaxDelay() {
            h.connectAndOpen();
            h.peerClosing(1013, "busy");

            ReconnectScheduled rs = reconnect(h.ended(TransportEnd.closeHandshake(1013, "busy")));

            assertThat(rs.delay()).isEqualTo(SETTINGS.reconnectMax());
            assertThat(rs.basis()).isEqualTo("try-again-later");
        }

        @Test
        void tryAgainLater1013_withJitter_staysWithinHalfToAllOfTheMax() {
            h.apply(SETTINGS.toBuilder().reconnectJitter(0.5).build());
            h.random.set(0.5);
            h.connectAndOpen();
            h.peerClosing(1013, "busy");

            assertThat(reconnect(h.ended(TransportEnd.closeHandshake(1013, "busy"))).delay()).isEqualTo(ms(2250));
        }

        @Test
        void reconnectNow_whileClosed_skipsTheWait_andConnectsAtOnce() {
            h.failAttempts(3);
            assertThat(h.machine.reconnectAt()).isGreaterThan(h.time.nanos());

            Step step = h.reconnectNow();

            assertActions(step, new Action.Connect(4, SETTINGS));
            assertThat(states(step)).containsExactly(CONNECTING);
            assertThat(h.machine.wakeAt()).isEqualTo(h.time.nanos() + OPEN_TIMEOUT);
        }

        @Test
        void reconnectNow_whileOpen_closesAndReconnectsWithoutDelay_onceClosed() {
            h.connectAndOpen();

            Step closing = h.reconnectNow();
            assertActions(closing, new Action.SendClose(1000, "reconnect requested"));
            assertThat(onlyStateChange(closing).state()).isEqualTo(CLOSING);
            assertThat(onlyStateChange(closing).initiator()).contains(Initiator.LOCAL);

            h.advance(ms(5));
            Step step = h.ended(TransportEnd.closeHandshake(1000, "reconnect requested"));

            assertActions(step, new Action.Dispose(false), new Action.Connect(2, SETTINGS));
            assertThat(closeReport(step).code()).isEqualTo(1000);
            ReconnectScheduled rs = reconnect(step);
            assertThat(rs.delay()).isZero();
            assertThat(rs.basis()).isEqualTo("requested");
            assertThat(states(step)).containsExactly(CLOSED, CONNECTING);
        }

        @Test
        void reconnectNow_whileOpen_withAPeerThatNeverAnswers_reconnectsAtTheCloseTimeout() {
            h.connectAndOpen();
            h.reconnectNow();
            long closingSince = h.time.nanos();

            assertNoOutput(h.advanceTo(closingSince + CLOSE_TIMEOUT - 1));
            Step step = h.advanceTo(closingSince + CLOSE_TIMEOUT);

            assertThat(closeReport(step).cause()).isEqualTo(CloseCause.CLOSE_TIMEOUT);
            assertThat(actionsOf(step, Action.Connect.class)).containsExactly(new Action.Connect(2, SETTINGS));
        }

        @Test
        void reconnectNow_whileConnecting_abortsTheAttempt_andStartsAFreshOne() {
            h.open();

            Step step = h.reconnectNow();

            assertActions(step, new Action.Dispose(true), new Action.Connect(2, SETTINGS));
            assertThat(closeReport(step).cause()).isEqualTo(CloseCause.LOCAL_CLOSE);
            assertThat(states(step)).containsExactly(CLOSED, CONNECTING);
        }

        @Test
        void reconnectNow_withAutoReconnectOff_stillReconnects() {
            h.apply(SETTINGS.toBuilder().autoReconnect(false).build());
            h.connectAndOpen();
            h.reconnectNow();

            Step step = h.ended(TransportEnd.closeHandshake(1000, ""));

            assertThat(actionsOf(step, Action.Connect.class)).hasSize(1);
        }

        @Test
        void userClose_stopsReconnecting() {
            h.connectAndOpen();
            h.close(1000, "");

            Step step = h.ended(TransportEnd.closeHandshake(1000, ""));

            assertThat(eventsOf(step, ReconnectScheduled.class)).isEmpty();
            assertThat(h.machine.wakeAt()).isEqualTo(NEVER);
            assertThat(actionsOf(h.advance(Duration.ofHours(2)), Action.Connect.class)).isEmpty();
        }

        @Test
        void autoReconnectOff_schedulesNoReconnect() {
            MachineHarness m = new MachineHarness(SETTINGS.toBuilder().autoReconnect(false).build());
            m.connectAndOpen();

            Step step = m.reset();

            assertThat(closeReport(step).cause()).isEqualTo(CloseCause.RESET);
            assertThat(eventsOf(step, ReconnectScheduled.class)).isEmpty();
            assertThat(m.machine.wakeAt()).isEqualTo(NEVER);
            assertThat(actionsOf(m.advance(Duration.ofHours(2)), Action.Connect.class)).isEmpty();
        }
    }

    @Nested
    class Sends {

        private long openedAt;

        @BeforeEach
        void openIt() {
            h.connectAndOpen();
            openedAt = h.time.nanos();
        }

        private void assertRefused(Step step, long id, SendFailure reason) {
            assertThat(step.actions()).as("nothing is written").isEmpty();
            assertThat(eventsOf(step, MessageSent.class)).isEmpty();
            SendFailed f = only(step, SendFailed.class);
            assertThat(f.id()).isEqualTo(id);
            assertThat(f.reason()).isEqualTo(reason);
        }

        @ParameterizedTest(name = "while {0}")
        @ValueSource(strings = {"CONNECTING", "CLOSING", "CLOSED", "never opened"})
        void sendWhileNotOpen_failsNotOpen_andWritesNothing(String where) {
            MachineHarness m = new MachineHarness();
            switch (where) {
                case "CONNECTING" -> m.open();
                case "CLOSING" -> {
                    m.connectAndOpen();
                    m.close(1000, "");
                }
                case "CLOSED" -> {
                    m.connectAndOpen();
                    m.reset();
                }
                default -> { }
            }

            Step step = m.send(9, "hello");

            assertThat(step.actions()).isEmpty();
            SendFailed f = only(step, SendFailed.class);
            assertThat(f.id()).isEqualTo(9);
            assertThat(f.reason()).isEqualTo(SendFailure.NOT_OPEN);
            assertThat(eventsOf(step, MessageSent.class)).isEmpty();
        }

        @Test
        void sendOverTheMaxMessageSize_failsTooBig_andOneAtTheLimitIsAccepted() {
            h.advance(ms(1));

            assertRefused(h.send(1, SETTINGS.maxMessageSize() + 1, 0), 1, SendFailure.TOO_BIG);
            assertThat(eventsOf(h.send(2, SETTINGS.maxMessageSize(), 0), MessageSent.class)).hasSize(1);
        }

        @Test
        void sendThatWouldOverflowTheQueue_failsQueueFull_andOneThatFitsIsAccepted() {
            h.advance(ms(1));
            long fits = SETTINGS.sendQueueCap() - 100 - ConnectionMachine.FRAME_OVERHEAD;

            assertRefused(h.send(1, 100, fits + 1), 1, SendFailure.QUEUE_FULL);
            assertThat(eventsOf(h.send(2, 100, fits), MessageSent.class)).hasSize(1);
        }

        @Test
        void acceptedSend_writesTheText_reportsSent_andPingsAtOnce_whenNoPingInTheLast25ms() {
            h.advance(ms(25));

            Step step = h.send(1, "hello");

            assertActions(step, new Action.SendText(1, "hello"), new Action.SendPing(1));
            MessageSent sent = only(step, MessageSent.class);
            assertThat(sent.id()).isEqualTo(1);
            assertThat(sent.size()).isEqualTo(5);
            assertThat(h.machine.unconfirmedCount()).isEqualTo(1);
        }

        @Test
        void confirmingPing_waitsUntil25msAfterThePreviousPing() {
            h.runToWake(); // keepalive ping 1
            long pingAt = h.time.nanos();
            h.advance(ms(4));
            h.pong(1);
            h.advance(ms(6));

            Step step = h.send(1, "hello");

            assertActions(step, new Action.SendText(1, "hello"));
            assertThat(h.machine.wakeAt()).isEqualTo(pingAt + ConnectionMachine.CONFIRM_GAP_NANOS);
            assertNoOutput(h.advanceTo(pingAt + ConnectionMachine.CONFIRM_GAP_NANOS - 1));
            assertActions(h.advanceTo(pingAt + ConnectionMachine.CONFIRM_GAP_NANOS), new Action.SendPing(2));
        }

        @Test
        void atMostOnePingIsInFlight_whileSending() {
            h.advance(ms(30));
            h.send(1, "a"); // ping 1
            for (int i = 2; i <= 10; i++) {
                h.advance(ms(30));
                assertActions(h.send(i, "b"), new Action.SendText(i, "b"));
            }
            h.advance(ms(100));
            assertThat(h.machine.wakeAt()).isEqualTo(openedAt + 30 * MS + PING_TIMEOUT);

            Step pong = h.pong(1);

            assertThat(actionsOf(pong, Action.SendPing.class)).as("the next confirming ping, at once: the gap has passed")
                    .containsExactly(new Action.SendPing(2));
        }

        @Test
        void pongConfirms_theMessagesAcceptedBeforeItsPing_andNotThoseAfter() {
            h.advance(ms(30));
            h.send(1, "one");
            h.advance(ms(1));
            h.send(2, "two"); // after ping 1 was sent
            h.advance(ms(1));
            h.send(3, "three");
            h.advance(ms(8));

            Step first = h.pong(1);

            assertThat(eventsOf(first, MessageDelivered.class)).extracting(MessageDelivered::id).containsExactly(1L);
            assertThat(only(first, MessageDelivered.class).confirm()).isEqualTo(ms(10));
            assertThat(first.events().get(0)).isInstanceOf(LatencySample.class);
            assertThat(h.machine.unconfirmedCount()).isEqualTo(2);

            Step ping2 = h.advance(ms(15)); // 25 ms after ping 1
            assertThat(ping2.actions()).containsExactly(new Action.SendPing(2));
            h.advance(ms(3));
            Step second = h.pong(2);
            assertThat(eventsOf(second, MessageDelivered.class)).extracting(MessageDelivered::id).containsExactly(2L, 3L);
            assertThat(h.machine.unconfirmedCount()).isZero();
            assertThat(second.actions()).as("nothing left to confirm").isEmpty();
        }

        @Test
        void everyUnconfirmedSend_failsExactlyOnce_whenTheConnectionEnds() {
            h.advance(ms(30));
            h.send(1, "a");
            h.send(2, "b");
            h.send(3, "c");

            Step step = h.reset();

            List<SendFailed> failures = eventsOf(step, SendFailed.class);
            assertThat(failures).extracting(SendFailed::id).containsExactly(1L, 2L, 3L);
            assertThat(failures).extracting(SendFailed::reason).containsOnly(SendFailure.UNCONFIRMED);
            assertThat(h.machine.unconfirmedCount()).isZero();
            h.runToWake();
            h.opened();
            h.runToWake();
            assertThat(eventsOf(h.pong(2), MessageDelivered.class)).as("the next attempt knows nothing of them").isEmpty();
            assertThat(h.events.stream().filter(e -> e instanceof SendFailed)).hasSize(3);
        }

        @Test
        void unconfirmedSends_failWhenTheKeepaliveTimesOut() {
            h.advance(ms(30));
            h.send(1, "a"); // ping 1, never answered

            Step step = h.runToWake();

            assertThat(only(step, SendFailed.class).reason()).isEqualTo(SendFailure.UNCONFIRMED);
            assertThat(closeReport(step).cause()).isEqualTo(CloseCause.KEEPALIVE_TIMEOUT);
        }

        @Test
        void userClose_sendsAConfirmingPingBeforeTheCloseFrame_andItsPongStillConfirms() {
            h.runToWake(); // ping 1
            h.pong(1);
            h.advance(ms(2));
            h.send(1, "last words"); // within 25 ms of ping 1: no ping yet

            Step step = h.close(1000, "");

            assertActions(step, new Action.SendPing(2), new Action.SendClose(1000, ""));
            assertThat(eventsOf(h.pong(2), MessageDelivered.class)).extracting(MessageDelivered::id).containsExactly(1L);
            CloseReport r = closeReport(h.ended(TransportEnd.closeHandshake(1000, "")));
            assertThat(r.cause()).isEqualTo(CloseCause.LOCAL_CLOSE);
            assertThat(h.events.stream().filter(e -> e instanceof SendFailed)).isEmpty();
        }

        @ParameterizedTest(name = "seed {0}")
        @ValueSource(longs = {1, 7, 42, 1234, 20240611})
        void everySend_endsWithExactlyOneFinalOutcome_overALongRandomInterleaving(long seed) {
            new RandomRun(seed).run(2000);
        }
    }

    /** Acceptance test 8 at machine level: settings change without a reconnect. */
    @Nested
    class LiveSettings {

        private long openedAt;

        @BeforeEach
        void openIt() {
            h.connectAndOpen();
            openedAt = h.time.nanos();
        }

        @Test
        void applyWhileOpen_emitsSettingsApplied_withoutStateChangeOrReconnect() {
            Settings next = SETTINGS.toBuilder().pingInterval(ms(300)).build();
            h.advance(ms(100));

            Step step = h.apply(next);

            assertThat(step.actions()).isEmpty();
            SettingsApplied applied = only(step, SettingsApplied.class);
            assertThat(applied.settings()).isEqualTo(next);
            assertThat(applied.previous()).isEqualTo(SETTINGS);
            assertThat(step.events()).hasSize(1);
            assertThat(h.machine.state()).isEqualTo(OPEN);
            assertThat(h.machine.attempt()).isEqualTo(1);
            assertThat(h.machine.settings()).isEqualTo(next);
        }

        @Test
        void shorterPingInterval_takesEffectForTheNextPing() {
            h.advance(ms(100));
            assertThat(h.machine.wakeAt()).isEqualTo(openedAt + SEC);

            h.apply(SETTINGS.toBuilder().pingInterval(ms(300)).build());

            assertThat(h.machine.wakeAt()).isEqualTo(openedAt + 300 * MS);
            assertNoOutput(h.advanceTo(openedAt + 300 * MS - 1));
            assertActions(h.advanceTo(openedAt + 300 * MS), new Action.SendPing(1));
        }

        @Test
        void shorterPingInterval_alreadyOverdue_pingsAtOnce() {
            h.advance(ms(500));

            Step step = h.apply(SETTINGS.toBuilder().pingInterval(ms(300)).build());

            assertActions(step, new Action.SendPing(1));
            assertThat(states(step)).isEmpty();
        }

        @Test
        void shorterPingTimeout_appliesToThePingAlreadyInFlight() {
            h.runToWake();
            long sentAt = h.time.nanos();
            h.advance(ms(50));

            h.apply(SETTINGS.toBuilder().pingTimeout(ms(200)).build());

            assertThat(h.machine.wakeAt()).isEqualTo(sentAt + 200 * MS);
            assertNoOutput(h.advanceTo(sentAt + 200 * MS - 1));
            Step step = h.advanceTo(sentAt + 200 * MS);
            CloseReport r = closeReport(step);
            assertThat(r.cause()).isEqualTo(CloseCause.KEEPALIVE_TIMEOUT);
            assertThat(r.waited()).isEqualTo(ms(200));
        }

        @Test
        void shorterPingTimeout_alreadyExceededByThePingInFlight_failsAtOnce() {
            h.runToWake();
            h.advance(ms(300));

            Step step = h.apply(SETTINGS.toBuilder().pingTimeout(ms(200)).build());

            assertThat(step.events().get(0)).isInstanceOf(SettingsApplied.class);
            assertThat(closeReport(step).cause()).isEqualTo(CloseCause.KEEPALIVE_TIMEOUT);
            assertThat(closeReport(step).waited()).isEqualTo(ms(300));
        }

        @Test
        void longerPingTimeout_givesThePingInFlightMoreTime() {
            h.runToWake();
            long sentAt = h.time.nanos();

            h.apply(SETTINGS.toBuilder().pingTimeout(Duration.ofSeconds(2)).build());

            assertNoOutput(h.advanceTo(sentAt + 2 * SEC - 1));
            assertThat(h.machine.state()).isEqualTo(OPEN);
        }

        @Test
        void shorterCloseTimeout_appliesToAClosingInProgress() {
            h.close(1000, "");
            long closingSince = h.time.nanos();

            h.apply(SETTINGS.toBuilder().closeTimeout(ms(100)).build());

            assertNoOutput(h.advanceTo(closingSince + 100 * MS - 1));
            assertThat(closeReport(h.advanceTo(closingSince + 100 * MS)).cause()).isEqualTo(CloseCause.CLOSE_TIMEOUT);
        }

        @Test
        void newSettings_areCarriedByTheNextAttemptsConnect() {
            Settings next = SETTINGS.toBuilder().maxMessageSize(4096).build();
            h.apply(next);

            h.reset();

            assertActions(h.runToWake(), new Action.Connect(2, next));
        }

        @Test
        void turningAutoReconnectOff_cancelsAReconnectAlreadyScheduled() {
            h.reset();
            assertThat(h.machine.reconnectAt()).isNotEqualTo(NEVER);

            h.apply(SETTINGS.toBuilder().autoReconnect(false).build());

            assertThat(h.machine.wakeAt()).isEqualTo(NEVER);
            assertThat(actionsOf(h.advance(Duration.ofHours(2)), Action.Connect.class)).isEmpty();
        }

        @Test
        void invalidSettings_cannotEvenBeBuilt() {
            assertThatThrownBy(() -> Settings.builder().pingTimeout(Duration.ZERO).build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("ping timeout must be ≥ 10 ms, got 0 ms");
        }
    }

    /**
     * Drives one machine with a seeded random mix of every input and checks, after each step, the
     * invariants the failure modes ask for: every send gets exactly one final outcome, every attempt
     * exactly one CLOSED, at most one ping in flight, a deadline always in the future.
     */
    private static final class RandomRun {

        private final long seed;
        private final Random rnd;
        private final MachineHarness h;
        private final Deque<TraceEntry> trace = new ArrayDeque<>();

        private long nextId = 1;
        private long actionIndex;
        private State lastState = CLOSED;
        private int inflight;
        private final Set<Long> pingsSent = new HashSet<>();
        private final Set<Long> pingsResolved = new HashSet<>();
        private final Map<Long, Long> pingActionIndex = new HashMap<>();
        private final Map<Long, Long> textActionIndex = new HashMap<>();
        private final Set<Long> accepted = new HashSet<>();
        /** Accepted sends without an outcome yet. */
        private final Set<Long> unresolved = new HashSet<>();
        private final Map<Long, Integer> outcomes = new HashMap<>();
        private final Map<Integer, Integer> closedPerAttempt = new HashMap<>();
        private long lastPingSeq = -1;
        /** When the current attempt last pinged, or opened if it has not pinged yet. */
        private long lastPingTime;

        RandomRun(long seed) {
            this.seed = seed;
            this.rnd = new Random(seed);
            Random backoffRandom = new Random(seed * 31 + 1);
            this.h = new MachineHarness(randomSettings(rnd), backoffRandom::nextDouble);
        }

        void run(int inputs) {
            apply(new Input.Open());
            for (int i = 0; i < inputs; i++) {
                apply(randomInput());
            }
            apply(new Input.Close(1000, "done"));
            for (int i = 0; i < 10 && h.machine.state() != CLOSED; i++) {
                h.time.setNanos(h.machine.wakeAt());
                apply(new Input.Tick());
            }
            check(h.machine.state() == CLOSED, "closed at the end");
            for (long id = 1; id < nextId; id++) {
                check(outcomes.getOrDefault(id, 0) == 1, "send " + id + " has exactly one final outcome, has "
                        + outcomes.getOrDefault(id, 0));
            }
            check(h.machine.unconfirmedCount() == 0, "nothing unconfirmed after CLOSED");
        }

        /** A state-aware mix: connections mostly open and stay up for a while, so sends get every outcome. */
        private Input randomInput() {
            int attempt = h.machine.attempt();
            State state = h.machine.state();
            if (state == CONNECTING && rnd.nextInt(3) == 0) {
                return new Input.Opened(attempt, rnd.nextBoolean() ? "" : "chat");
            }
            if (state == CLOSED && !h.machine.wanted() && rnd.nextInt(5) == 0) {
                return new Input.Open();
            }
            if (state == CLOSING && rnd.nextInt(6) == 0) {
                return new Input.Ended(attempt, randomEnd());
            }
            int k = rnd.nextInt(100);
            if (k < 32) {
                int size = rnd.nextInt(10) == 0 ? 1 + rnd.nextInt(3000) : 1 + rnd.nextInt(200);
                long pending = rnd.nextInt(10) == 0 ? rnd.nextInt(10_000) : rnd.nextInt(500);
                long id = nextId++;
                return new Input.Send(id, "m" + id, size, pending);
            } else if (k < 52) {
                h.time.advance(Duration.ofNanos(rnd.nextInt(10) == 0 ? rnd.nextLong(2 * SEC) : rnd.nextLong(40 * MS)));
                return new Input.Tick();
            } else if (k < 72) {
                // seq -1 is left to pongWithoutAPingInFlight_isIgnored_evenWhenItCarriesMinusOne
                long seq = inflight == 1 && rnd.nextInt(6) != 0 ? lastPingSeq : Math.max(0, lastPingSeq) + rnd.nextInt(3) - 1;
                long writtenAt = rnd.nextBoolean() ? 0 : h.time.nanos() - rnd.nextInt(5_000_000);
                return new Input.Pong(attempt, Math.max(0, seq), writtenAt);
            } else if (k < 76) {
                return switch (rnd.nextInt(9)) {
                    case 0, 1 -> new Input.PeerClosing(attempt, new int[] {1000, 1001, 1012, 1013, 4000}[rnd.nextInt(5)], "");
                    case 2, 3, 4 -> new Input.Ended(attempt, randomEnd());
                    case 5 -> new Input.ReconnectNow();
                    case 6 -> new Input.LibraryClosing(attempt, rnd.nextBoolean() ? 1009 : 1002, "");
                    case 7 -> new Input.Shutdown();
                    default -> new Input.Close(1000, "");
                };
            } else if (k < 79) {
                return new Input.Open();
            } else if (k < 81) {
                return new Input.ApplySettings(randomSettings(rnd));
            } else if (k < 86) {
                int old = attempt - 1 - rnd.nextInt(2);
                return switch (rnd.nextInt(4)) {
                    case 0 -> new Input.Ended(old, failed(TransportFailure.RESET));
                    case 1 -> new Input.Pong(old, Math.max(0, lastPingSeq), 0);
                    case 2 -> new Input.PeerClosing(old, 1000, "");
                    default -> new Input.Opened(old, "");
                };
            } else if (k < 90) {
                return new Input.Received(attempt, 3, false, "abc");
            } else {
                return new Input.Opened(attempt, "");
            }
        }

        private TransportEnd randomEnd() {
            return switch (rnd.nextInt(7)) {
                case 0 -> failed(TransportFailure.RESET);
                case 1 -> failed(TransportFailure.EOF);
                case 2 -> failed(TransportFailure.CONNECT_FAILED);
                case 3 -> TransportEnd.closeHandshake(1000, "");
                case 4 -> TransportEnd.closeHandshake(1012, "");
                case 5 -> new TransportEnd(1000, "", false, TransportFailure.NONE, "", 0, Optional.empty());
                default -> new TransportEnd(1006, "", false, TransportFailure.HTTP_REJECTED, "503", 503,
                        Optional.of(Duration.ofMillis(rnd.nextInt(3000))));
            };
        }

        private void apply(Input input) {
            trace.addLast(new TraceEntry(h.time.nanos(), h.machine.state(), input));
            if (trace.size() > 25) {
                trace.removeFirst();
            }
            int attemptBefore = h.machine.attempt();
            State stateBefore = h.machine.state();
            Step step;
            try {
                step = h.handle(input);
            } catch (RuntimeException e) {
                throw new AssertionError(describe("the machine threw " + e), e);
            }
            if (input instanceof Input.FromTransport t && (t.attempt() != attemptBefore || stateBefore == CLOSED)) {
                check(step.events().isEmpty() && step.actions().isEmpty(),
                        "a callback of an attempt that is over changes nothing, got " + step);
            }
            observe(input, step);
        }

        private void observe(Input input, Step step) {
            for (Action a : step.actions()) {
                actionIndex++;
                if (a instanceof Action.SendPing p) {
                    check(pingsSent.add(p.seq()), "ping seq " + p.seq() + " sent once");
                    pingActionIndex.put(p.seq(), actionIndex);
                    lastPingSeq = p.seq();
                    lastPingTime = h.time.nanos();
                } else if (a instanceof Action.SendText t) {
                    textActionIndex.put(t.id(), actionIndex);
                }
            }
            long sent = actionsOf(step, Action.SendPing.class).size();
            long resolved = 0;
            for (ConnectionEvent e : step.events()) {
                if (e instanceof StateChanged s) {
                    check(s.previous() == lastState, "StateChanged.previous " + s.previous() + " follows " + lastState);
                    check(legal(s.previous(), s.state()), "legal transition " + s.previous() + " -> " + s.state());
                    check(s.close().isPresent() == (s.state() == CLOSED), "a report on CLOSED only");
                    if (s.state() == OPEN) {
                        lastPingTime = h.time.nanos();
                    }
                    if (s.state() == CLOSED) {
                        int n = closedPerAttempt.merge(s.attempt(), 1, Integer::sum);
                        check(n == 1, "attempt " + s.attempt() + " closed once");
                    }
                    lastState = s.state();
                } else if (e instanceof LatencySample l) {
                    resolved++;
                    check(pingsSent.contains(l.pingSeq()) && pingsResolved.add(l.pingSeq()),
                            "latency for a sent, unresolved ping " + l.pingSeq());
                    check(!l.rtt().isNegative(), "rtt not negative");
                    long pingIdx = pingActionIndex.get(l.pingSeq());
                    List<Long> deliveredNow = eventsOf(step, MessageDelivered.class).stream().map(MessageDelivered::id).toList();
                    for (long id : unresolved) {
                        if (textActionIndex.get(id) < pingIdx) {
                            check(deliveredNow.contains(id), "send " + id + " written before ping " + l.pingSeq()
                                    + " is confirmed by its pong");
                        }
                    }
                    for (long id : deliveredNow) {
                        check(textActionIndex.get(id) < pingIdx, "send " + id + " confirmed only by a ping written after it");
                    }
                } else if (e instanceof PingUnanswered p) {
                    resolved++;
                    check(pingsSent.contains(p.pingSeq()) && pingsResolved.add(p.pingSeq()),
                            "unanswered ping " + p.pingSeq() + " was sent and not yet resolved");
                } else if (e instanceof MessageSent m) {
                    check(input instanceof Input.Send s && s.id() == m.id(), "MessageSent only for the send at hand");
                    check(accepted.add(m.id()), "send " + m.id() + " accepted once");
                    unresolved.add(m.id());
                    check(textActionIndex.containsKey(m.id()), "an accepted send is written");
                } else if (e instanceof MessageDelivered d) {
                    check(accepted.contains(d.id()), "delivered send " + d.id() + " was accepted");
                    outcome(d.id());
                } else if (e instanceof SendFailed f) {
                    boolean wasAccepted = accepted.contains(f.id());
                    check(wasAccepted == (f.reason() == SendFailure.UNCONFIRMED),
                            "send " + f.id() + ": " + f.reason() + " iff accepted (" + wasAccepted + ")");
                    outcome(f.id());
                }
            }
            inflight += (int) sent - (int) resolved;
            check(inflight == 0 || inflight == 1, "at most one ping in flight, now " + inflight);
            check(h.machine.state() == lastState, "machine state " + h.machine.state() + " matches the events");
            if (h.machine.state() == CLOSED) {
                check(inflight == 0, "no ping in flight once CLOSED");
                check(h.machine.unconfirmedCount() == 0, "nothing unconfirmed once CLOSED");
            }
            long open = unresolved.size();
            check(h.machine.unconfirmedCount() == open, "unconfirmed " + h.machine.unconfirmedCount()
                    + " = accepted without outcome " + open);
            check(h.machine.wakeAt() > h.time.nanos(), "the next deadline is in the future");
            if (h.machine.state() == OPEN && inflight == 0) {
                long lastPingIdx = pingActionIndex.getOrDefault(lastPingSeq, -1L);
                boolean waiting = unresolved.stream().anyMatch(id -> textActionIndex.get(id) > lastPingIdx);
                check(!waiting || h.machine.wakeAt() <= lastPingTime + ConnectionMachine.CONFIRM_GAP_NANOS,
                        "a confirming ping is due within the confirm gap of the last ping");
            }
            if (input instanceof Input.Send s) {
                check(outcomes.getOrDefault(s.id(), 0) == 1 || accepted.contains(s.id()),
                        "send " + s.id() + " is accepted or refused at once");
            }
        }

        private void outcome(long id) {
            unresolved.remove(id);
            int n = outcomes.merge(id, 1, Integer::sum);
            check(n == 1, "send " + id + " has one outcome, got " + n);
        }

        private record TraceEntry(long nanos, State state, Input input) {
        }

        private static boolean legal(State from, State to) {
            return switch (from) {
                case CLOSED -> to == CONNECTING;
                case CONNECTING -> to == OPEN || to == CLOSED;
                case OPEN -> to == CLOSING || to == CLOSED;
                case CLOSING -> to == CLOSED;
            };
        }

        private void check(boolean ok, String what) {
            if (!ok) {
                throw new AssertionError(describe(what));
            }
        }

        private String describe(String what) {
            return "seed " + seed + ": " + what + "\nlast inputs (time, state before, input):\n  "
                    + trace.stream().map(TraceEntry::toString).collect(Collectors.joining("\n  "));
        }

        private static Settings randomSettings(Random rnd) {
            long initial = 1 + rnd.nextInt(100);
            return Settings.builder()
                    .pingInterval(ms(10 + rnd.nextInt(1000)))
                    .pingTimeout(ms(10 + rnd.nextInt(500)))
                    .openTimeout(ms(10 + rnd.nextInt(1000)))
                    .closeTimeout(ms(10 + rnd.nextInt(500)))
                    .reconnectInitial(ms(initial))
                    .reconnectMax(ms(initial + rnd.nextInt(2000)))
                    .reconnectMultiplier(1 + rnd.nextDouble() * 3)
                    .reconnectJitter(rnd.nextDouble())
                    .stablePeriod(ms(rnd.nextInt(2000)))
                    .autoReconnect(rnd.nextInt(10) != 0)
                    .maxMessageSize(125 + rnd.nextInt(2000))
                    .sendQueueCap(1024 + rnd.nextInt(8192))
                    .build();
        }
    }
}
