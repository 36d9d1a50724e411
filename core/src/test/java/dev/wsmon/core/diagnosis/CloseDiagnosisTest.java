package dev.wsmon.core.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.CloseCause;
import dev.wsmon.core.CloseReport;
import dev.wsmon.core.HandshakePhase;
import dev.wsmon.core.Initiator;
import dev.wsmon.core.Settings;
import dev.wsmon.core.stats.LatencySummary;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class CloseDiagnosisTest {

    private static final Settings S = Settings.DEFAULTS;

    // ------------------------------------------------------------------------------- keepalive-timeout

    @Test
    void keepaliveTimeout_namesThePingAndTheWait_asTheContractExampleDoes() {
        CloseReport r = abnormal(Initiator.NETWORK, CloseCause.KEEPALIVE_TIMEOUT).withWaited(Duration.ofNanos(1_000_412_337))
                .withPingSeq(41);

        assertThat(CloseDiagnosis.detail(r)).isEqualTo("no pong for 1 s after ping #41; socket aborted");

        Diagnosis d = CloseDiagnosis.explain(r, S);
        assertThat(d.summary())
                .isEqualTo("The peer or the network went silent: ping #41 got no pong within the ping timeout (1 s), "
                        + "so wsmon aborted the TCP connection instead of waiting for the operating system.");
        assertThat(d.suggestion()).hasValueSatisfying(s -> assertThat(s).contains("network path", "raise the ping timeout"));
    }

    @Test
    void keepaliveTimeout_withRttP99CloseToThePingTimeout_suggestsRaisingIt_withTheFigures() {
        CloseReport r = abnormal(Initiator.NETWORK, CloseCause.KEEPALIVE_TIMEOUT).withWaited(Duration.ofSeconds(1)).withPingSeq(7);

        Diagnosis d = CloseDiagnosis.explain(r, S, latencyWithP99(Duration.ofMillis(850)));

        assertThat(d.suggestion()).hasValueSatisfying(s -> assertThat(s).contains("p99 850 ms", "against 1 s", "raise the ping timeout"));
    }

    // --------------------------------------------------------------------------------- handshake phase

    @Test
    void attemptThatNeverOpened_saysThePhaseItEndedIn() {
        CloseReport timeout = abnormal(Initiator.LOCAL, CloseCause.OPEN_TIMEOUT).withWaited(Duration.ofSeconds(10))
                .withPhase(Optional.of(HandshakePhase.TLS));
        CloseReport refused = CloseReport.abnormal(Initiator.NETWORK, CloseCause.CONNECT_FAILED, "Connection refused")
                .withPhase(Optional.of(HandshakePhase.TCP));

        assertThat(CloseDiagnosis.detail(timeout))
                .isEqualTo("connect, TLS and upgrade not finished within 10 s; attempt aborted during the TLS handshake");
        assertThat(CloseDiagnosis.explain(timeout, S).summary()).contains("aborted the attempt during the TLS handshake.");
        assertThat(CloseDiagnosis.detail(refused)).isEqualTo("could not connect: Connection refused; failed during the TCP connect");
    }

    @Test
    void rejectedUpgrade_needsNoPhase_itCanOnlyBeTheUpgrade() {
        CloseReport r = CloseReport.abnormal(Initiator.REMOTE, CloseCause.HTTP_REJECTED, "").withHttp(503, Optional.empty())
                .withPhase(Optional.of(HandshakePhase.UPGRADE));

        assertThat(CloseDiagnosis.detail(r)).isEqualTo("server answered the upgrade with HTTP 503");
    }

    @Test
    void measuredDurations_readToAboutThreeSignificantDigits_configuredOnesExactly() {
        CloseReport closeTimeout = abnormal(Initiator.LOCAL, CloseCause.CLOSE_TIMEOUT).withWaited(Duration.ofNanos(3_000_746_637L));
        CloseReport silent = abnormal(Initiator.NETWORK, CloseCause.KEEPALIVE_TIMEOUT).withWaited(Duration.ofNanos(7_345_121));
        CloseReport eof = abnormal(Initiator.NETWORK, CloseCause.EOF);
        Settings s = Settings.builder().pingInterval(Duration.ofMillis(1500)).build();

        assertThat(CloseDiagnosis.detail(closeTimeout)).isEqualTo("close handshake not finished within 3 s; socket aborted");
        assertThat(CloseDiagnosis.explain(closeTimeout, S).summary()).contains("(3 s)").doesNotContain("3000.7", "3001");
        assertThat(CloseDiagnosis.detail(silent)).isEqualTo("no pong for 7.35 ms; socket aborted");
        assertThat(CloseDiagnosis.explain(eof, s).suggestion()).hasValueSatisfying(t -> assertThat(t).contains("(1.5 s)"));
    }

    @Test
    void keepaliveTimeout_withRttP99FarBelowThePingTimeout_pointsAtTheNetworkInstead() {
        CloseReport r = abnormal(Initiator.NETWORK, CloseCause.KEEPALIVE_TIMEOUT).withWaited(Duration.ofSeconds(20)).withPingSeq(7);

        Diagnosis d = CloseDiagnosis.explain(r, S, latencyWithP99(Duration.ofMillis(12)));

        assertThat(d.suggestion()).hasValueSatisfying(s -> assertThat(s).contains("network path", "12 ms").doesNotContain("raise"));
    }

    @Test
    void keepaliveTimeout_withoutWaitOrSequence_fallsBackToTheSettings() {
        CloseReport r = abnormal(Initiator.NETWORK, CloseCause.KEEPALIVE_TIMEOUT);
        Settings s = Settings.builder().pingTimeout(Duration.ofMillis(1500)).build();

        assertThat(CloseDiagnosis.detail(r)).isEqualTo("no pong; socket aborted");
        assertThat(CloseDiagnosis.explain(r, s).summary()).contains("a keepalive ping", "(1.5 s)");
    }

    // ------------------------------------------------------------------------------------ close-timeout

    @Test
    void closeTimeout_namesTheCloseTimeout_andBlamesTheServer() {
        CloseReport r = new CloseReport(1000, "", Initiator.LOCAL, CloseCause.CLOSE_TIMEOUT, Duration.ofMillis(200), -1, "", 0,
                Optional.empty(), false);

        assertThat(CloseDiagnosis.detail(r)).isEqualTo("close handshake not finished within 200 ms; socket aborted");

        Diagnosis d = CloseDiagnosis.explain(r, S);
        assertThat(d.summary()).contains("wsmon sent a close frame", "200 ms", "aborted the TCP connection");
        assertThat(d.suggestion()).hasValueSatisfying(s -> assertThat(s).contains("close handshake", "lower the close timeout"));
    }

    @Test
    void closeTimeout_afterBothCloseFrames_saysTheServerKeptTheTcpConnection() {
        CloseReport r = new CloseReport(1000, "", Initiator.REMOTE, CloseCause.CLOSE_TIMEOUT, Duration.ofSeconds(10), -1, "", 0,
                Optional.empty(), true);

        assertThat(CloseDiagnosis.explain(r, S).summary()).contains("Close frames went both ways", "(10 s)");
    }

    // ------------------------------------------------------------------------------------- open-timeout

    @Test
    void openTimeout_namesTheOpenTimeout_andSuggestsRaisingIt() {
        CloseReport r = abnormal(Initiator.LOCAL, CloseCause.OPEN_TIMEOUT).withWaited(Duration.ofSeconds(10));

        assertThat(CloseDiagnosis.detail(r)).isEqualTo("connect, TLS and upgrade not finished within 10 s; attempt aborted");

        Diagnosis d = CloseDiagnosis.explain(r, S);
        assertThat(d.summary()).contains("open timeout (10 s)", "aborted the attempt");
        assertThat(d.suggestion()).hasValueSatisfying(s -> assertThat(s).contains("slow or unreachable", "raise the open timeout"));
    }

    // ------------------------------------------------------------------------------- remote/local close

    @Test
    void remoteClose_givesCodeNameAndReason_andNoSuggestionForANormalClosure() {
        CloseReport r = closeFrame(1000, "bye", Initiator.REMOTE, CloseCause.REMOTE_CLOSE);

        assertThat(CloseDiagnosis.detail(r)).isEqualTo("peer closed with 1000 (normal closure) \"bye\"");

        Diagnosis d = CloseDiagnosis.explain(r, S);
        assertThat(d.summary()).isEqualTo("The server closed the connection with code 1000 (normal closure) and reason \"bye\".");
        assertThat(d.suggestion()).isEmpty();
    }

    @Test
    void remoteClose_withoutReason_endsAtTheCode() {
        CloseReport r = closeFrame(1001, "", Initiator.REMOTE, CloseCause.REMOTE_CLOSE);

        assertThat(CloseDiagnosis.detail(r)).isEqualTo("peer closed with 1001 (going away)");
    }

    @Test
    void remoteClose_policyViolation_suggestsCheckingHeadersAndAuth() {
        CloseReport r = closeFrame(1008, "unauthorized", Initiator.REMOTE, CloseCause.REMOTE_CLOSE);

        assertThat(CloseDiagnosis.detail(r)).isEqualTo("peer closed with 1008 (policy violation) \"unauthorized\"");
        assertThat(CloseDiagnosis.explain(r, S).suggestion())
                .hasValueSatisfying(s -> assertThat(s).contains("headers", "credentials"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1012, 1013})
    void remoteClose_restartOrTryAgainLater_saysAReconnectFollows(int code) {
        CloseReport r = closeFrame(code, "", Initiator.REMOTE, CloseCause.REMOTE_CLOSE);

        assertThat(CloseDiagnosis.explain(r, S).suggestion()).hasValueSatisfying(s -> assertThat(s).contains("wsmon reconnects"));
        Settings noReconnect = Settings.builder().autoReconnect(false).build();
        assertThat(CloseDiagnosis.explain(r, noReconnect).suggestion())
                .hasValueSatisfying(s -> assertThat(s).contains("automatic reconnect is off"));
    }

    @Test
    void remoteClose_applicationCode_isNamedApplicationDefined() {
        CloseReport r = closeFrame(4001, "session expired", Initiator.REMOTE, CloseCause.REMOTE_CLOSE);

        assertThat(CloseDiagnosis.detail(r)).isEqualTo("peer closed with 4001 (application-defined) \"session expired\"");
        assertThat(CloseDiagnosis.explain(r, S).suggestion()).hasValueSatisfying(s -> assertThat(s).contains("4001", "documentation"));
    }

    @Test
    void remoteClose_withoutCompletedHandshake_saysSo() {
        CloseReport r = new CloseReport(1000, "", Initiator.REMOTE, CloseCause.REMOTE_CLOSE, Duration.ZERO, -1, "", 0,
                Optional.empty(), false);

        assertThat(CloseDiagnosis.explain(r, S).summary()).contains("before the close handshake finished");
    }

    @Test
    void localClose_namesTheCode_andNeedsNoSuggestion() {
        CloseReport r = closeFrame(1000, "", Initiator.LOCAL, CloseCause.LOCAL_CLOSE);

        assertThat(CloseDiagnosis.detail(r)).isEqualTo("closed by this monitor with 1000 (normal closure)");
        assertThat(CloseDiagnosis.explain(r, S).summary()).contains("1000 (normal closure)", "not a failure");
        assertThat(CloseDiagnosis.explain(r, S).suggestion()).isEmpty();
    }

    // ----------------------------------------------------------------------------------------- reset, eof

    @ParameterizedTest
    @ValueSource(strings = {"", "Connection reset", "java.net.SocketException: Connection reset", "connection reset by peer."})
    void reset_leavesOutAnErrorThatSaysNothingMore(String error) {
        CloseReport r = CloseReport.abnormal(Initiator.NETWORK, CloseCause.RESET, error);

        assertThat(CloseDiagnosis.detail(r)).isEqualTo("connection reset by peer (TCP RST)");
    }

    @Test
    void reset_addsAnErrorThatSaysMore() {
        CloseReport r = CloseReport.abnormal(Initiator.NETWORK, CloseCause.RESET, "Broken pipe (Write failed)");

        assertThat(CloseDiagnosis.detail(r)).isEqualTo("connection reset by peer (TCP RST): Broken pipe (Write failed)");
        Diagnosis d = CloseDiagnosis.explain(r, S);
        assertThat(d.summary()).contains("reset (RST)", "Broken pipe");
        assertThat(d.suggestion()).hasValueSatisfying(s -> assertThat(s).contains("server's logs"));
    }

    @Test
    void eof_saysNoCloseFrame_andPointsAtIdleTimeoutsShorterThanThePingInterval() {
        CloseReport r = CloseReport.abnormal(Initiator.NETWORK, CloseCause.EOF, "");

        assertThat(CloseDiagnosis.detail(r)).isEqualTo("TCP connection closed without a close frame");
        assertThat(CloseDiagnosis.explain(r, S).suggestion())
                .hasValueSatisfying(s -> assertThat(s).contains("idle timeout", "ping interval (20 s)"));
    }

    // ------------------------------------------------------------------------------ connect, tls, http

    @Test
    void connectFailed_quotesTheError_andSuggestsHostPortDnsFirewall() {
        CloseReport r = CloseReport.abnormal(Initiator.NETWORK, CloseCause.CONNECT_FAILED, "Connection refused");

        assertThat(CloseDiagnosis.detail(r)).isEqualTo("could not connect: Connection refused");
        Diagnosis d = CloseDiagnosis.explain(r, S);
        assertThat(d.summary()).isEqualTo("wsmon could not open a TCP connection to the server: Connection refused.");
        assertThat(d.suggestion()).hasValueSatisfying(s -> assertThat(s).contains("host name and port", "DNS", "firewall", "nothing listens"));
    }

    @Test
    void connectFailed_withoutError_hasNoDanglingColon() {
        CloseReport r = CloseReport.abnormal(Initiator.NETWORK, CloseCause.CONNECT_FAILED, "");

        assertThat(CloseDiagnosis.detail(r)).isEqualTo("could not connect");
    }

    @Test
    void tlsFailed_quotesTheError_andSuggestsCertificateChecks_andInsecureOnlyForTesting() {
        CloseReport r = CloseReport.abnormal(Initiator.NETWORK, CloseCause.TLS_FAILED,
                "No subject alternative DNS name matching example.test found.");

        assertThat(CloseDiagnosis.detail(r))
                .isEqualTo("TLS handshake failed: No subject alternative DNS name matching example.test found.");
        Diagnosis d = CloseDiagnosis.explain(r, S);
        assertThat(d.summary()).endsWith("found.").doesNotEndWith("..");
        assertThat(d.suggestion()).hasValueSatisfying(s -> assertThat(s).contains("certificate", "host name", "chain", "only for testing"));
    }

    @Test
    void httpRejected_givesStatusAndRetryAfter_andSaysTheServerShedsLoad() {
        CloseReport r = CloseReport.abnormal(Initiator.REMOTE, CloseCause.HTTP_REJECTED, "Invalid status code received: 503")
                .withHttp(503, Optional.of(Duration.ofSeconds(2)));

        assertThat(CloseDiagnosis.detail(r)).isEqualTo("server answered the upgrade with HTTP 503; retry after 2 s");
        Diagnosis d = CloseDiagnosis.explain(r, S);
        assertThat(d.summary()).contains("HTTP 503 (Service Unavailable)", "instead of 101", "retry after 2 s");
        assertThat(d.suggestion()).hasValueSatisfying(s -> assertThat(s).contains("shedding load", "waits as long as it asks"));
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403})
    void httpRejected_unauthorizedOrForbidden_suggestsCheckingCredentials(int status) {
        CloseReport r = CloseReport.abnormal(Initiator.REMOTE, CloseCause.HTTP_REJECTED, "").withHttp(status, Optional.empty());

        assertThat(CloseDiagnosis.detail(r)).isEqualTo("server answered the upgrade with HTTP " + status);
        assertThat(CloseDiagnosis.explain(r, S).suggestion()).hasValueSatisfying(s -> assertThat(s).contains("credentials", "headers"));
    }

    @Test
    void httpRejected_notFound_suggestsCheckingThePath() {
        CloseReport r = CloseReport.abnormal(Initiator.REMOTE, CloseCause.HTTP_REJECTED, "").withHttp(404, Optional.empty());

        assertThat(CloseDiagnosis.explain(r, S).summary()).contains("HTTP 404 (Not Found)");
        assertThat(CloseDiagnosis.explain(r, S).suggestion()).hasValueSatisfying(s -> assertThat(s).contains("path"));
    }

    @Test
    void httpRejected_tooManyRequests_withoutRetryAfter_saysWsmonBacksOff() {
        CloseReport r = CloseReport.abnormal(Initiator.REMOTE, CloseCause.HTTP_REJECTED, "").withHttp(429, Optional.empty());

        assertThat(CloseDiagnosis.explain(r, S).suggestion()).hasValueSatisfying(s -> assertThat(s).contains("shedding load", "backs off"));
    }

    // ------------------------------------------------------------------- protocol, too big, shutdown

    @Test
    void protocolError_prefersTheReason_thenTheError_thenTheCode() {
        CloseReport withReason = new CloseReport(1002, "bad opcode", Initiator.LOCAL, CloseCause.PROTOCOL_ERROR, Duration.ZERO, -1,
                "InvalidFrameException", 0, Optional.empty(), true);
        CloseReport withError = CloseReport.abnormal(Initiator.LOCAL, CloseCause.PROTOCOL_ERROR, "unexpected continuation frame");
        CloseReport withCode = closeFrame(1002, "", Initiator.REMOTE, CloseCause.PROTOCOL_ERROR);

        assertThat(CloseDiagnosis.detail(withReason)).isEqualTo("protocol error: bad opcode");
        assertThat(CloseDiagnosis.detail(withError)).isEqualTo("protocol error: unexpected continuation frame");
        assertThat(CloseDiagnosis.detail(withCode)).isEqualTo("protocol error; closed with 1002 (protocol error)");
        assertThat(CloseDiagnosis.explain(withReason, S).summary()).contains("bad opcode", "1002 (protocol error)");
        assertThat(CloseDiagnosis.explain(withReason, S).suggestion()).isPresent();
    }

    @Test
    void protocolError_advice_followsWhatTheServerGotWrong() {
        CloseReport subprotocol = CloseReport.abnormal(Initiator.LOCAL, CloseCause.PROTOCOL_ERROR,
                "the server selected subprotocol 'evil.v1', which wsmon did not offer (it offered none)");
        CloseReport accept = CloseReport.abnormal(Initiator.LOCAL, CloseCause.PROTOCOL_ERROR,
                "the server's Sec-WebSocket-Accept does not answer the key wsmon sent, so the response is not for this handshake");
        CloseReport masked = new CloseReport(1002, "the server masked a frame; servers must not mask (RFC 6455 5.1)",
                Initiator.LOCAL, CloseCause.PROTOCOL_ERROR, Duration.ZERO, -1, "", 0, Optional.empty(), true);

        assertThat(CloseDiagnosis.explain(subprotocol, S).suggestion()).hasValueSatisfying(t -> assertThat(t).contains("subprotocol option"));
        assertThat(CloseDiagnosis.explain(accept, S).suggestion()).hasValueSatisfying(t -> assertThat(t).contains("not a WebSocket server"));
        assertThat(CloseDiagnosis.explain(masked, S).suggestion()).hasValueSatisfying(t -> assertThat(t).contains("maintainers"));
        assertThat(CloseDiagnosis.detail(masked)).isEqualTo("protocol error: the server masked a frame; servers must not mask (RFC 6455 5.1)");
    }

    @Test
    void messageTooBig_namesTheLimitAndCode_andSuggestsRaisingTheMaxMessageSize() {
        CloseReport r = closeFrame(1009, "", Initiator.LOCAL, CloseCause.MESSAGE_TOO_BIG);

        assertThat(CloseDiagnosis.detail(r)).isEqualTo("received message exceeds the max message size; closed with 1009");
        Diagnosis d = CloseDiagnosis.explain(r, S);
        assertThat(d.summary()).contains("max message size (16 MiB)", "1009 (message too big)");
        assertThat(d.suggestion()).hasValueSatisfying(s -> assertThat(s).contains("raise the max message size", "next connection attempt"));
    }

    @Test
    void messageTooBig_fromThePeer_saysOurMessageWasTooBigForIt() {
        CloseReport r = closeFrame(1009, "", Initiator.REMOTE, CloseCause.MESSAGE_TOO_BIG);

        assertThat(CloseDiagnosis.detail(r)).contains("peer closed with 1009 (message too big)", "exceeds the peer's limit");
        assertThat(CloseDiagnosis.explain(r, S).suggestion()).hasValueSatisfying(s -> assertThat(s).contains("smaller messages"));
    }

    @Test
    void shutdown_saysSo_withoutSuggestion() {
        CloseReport r = closeFrame(1001, "", Initiator.LOCAL, CloseCause.SHUTDOWN);

        assertThat(CloseDiagnosis.detail(r)).isEqualTo("monitor shut down");
        assertThat(CloseDiagnosis.explain(r, S).suggestion()).isEmpty();
    }

    // ------------------------------------------------------------------------------------- every cause

    @ParameterizedTest
    @EnumSource(CloseCause.class)
    void everyCause_givesANonEmptyOneLineDetail_andSummary_evenFromABareReport(CloseCause cause) {
        for (Initiator initiator : Initiator.values()) {
            List<CloseReport> reports = List.of(
                    CloseReport.abnormal(initiator, cause, ""),
                    new CloseReport(1000, "", initiator, cause, Duration.ZERO, -1, "", 0, Optional.empty(), true),
                    new CloseReport(4000, "why\nnot", initiator, cause, Duration.ofMillis(1), 3, "err\r\nline 2", 418,
                            Optional.of(Duration.ofMillis(5)), false));
            for (CloseReport r : reports) {
                String detail = CloseDiagnosis.detail(r);
                assertThat(detail).as("%s", r).isNotBlank().doesNotContain("null", "\n", "\r").doesNotEndWith(":").doesNotEndWith(" ");
                Diagnosis d = CloseDiagnosis.explain(r, S);
                assertThat(d.summary()).as("%s", r).isNotBlank().doesNotContain("null", "\n").endsWith(".");
                d.suggestion().ifPresent(s -> assertThat(s).isNotBlank().endsWith("."));
            }
        }
    }

    @Test
    void longMultiLineErrors_becomeOneShortLine() {
        String error = "first line\n\tat some.Frame(Frame.java:1)\n" + "x".repeat(500);
        CloseReport r = CloseReport.abnormal(Initiator.NETWORK, CloseCause.CONNECT_FAILED, error);

        String detail = CloseDiagnosis.detail(r);

        assertThat(detail).startsWith("could not connect: first line at some.Frame(Frame.java:1) xxx").endsWith("…").doesNotContain("\n", "\t");
        assertThat(detail.length()).isLessThanOrEqualTo("could not connect: ".length() + CloseDiagnosis.MAX_QUOTE);
    }

    @Test
    void closeCodes_haveTheirNames() {
        assertThat(CloseDiagnosis.describeCode(1000)).isEqualTo("1000 (normal closure)");
        assertThat(CloseDiagnosis.describeCode(1006)).isEqualTo("1006 (abnormal closure)");
        assertThat(CloseDiagnosis.describeCode(1015)).isEqualTo("1015 (TLS handshake)");
        assertThat(CloseDiagnosis.describeCode(3000)).isEqualTo("3000 (application-defined)");
        assertThat(CloseDiagnosis.describeCode(4999)).isEqualTo("4999 (application-defined)");
        assertThat(CloseDiagnosis.describeCode(1004)).isEqualTo("1004");
        assertThat(CloseDiagnosis.describeCode(2999)).isEqualTo("2999");
        assertThat(CloseDiagnosis.describeCode(5000)).isEqualTo("5000");
        for (int code = 1000; code <= 1015; code++) {
            assertThat(CloseDiagnosis.codeName(code).isPresent()).as("code %d", code).isEqualTo(code != 1004);
        }
    }

    // ----------------------------------------------------------------------------------------- helpers

    private static CloseReport abnormal(Initiator initiator, CloseCause cause) {
        return CloseReport.abnormal(initiator, cause, "");
    }

    private static CloseReport closeFrame(int code, String reason, Initiator initiator, CloseCause cause) {
        return new CloseReport(code, reason, initiator, cause, Duration.ZERO, -1, "", 0, Optional.empty(), true);
    }

    private static LatencySummary latencyWithP99(Duration p99) {
        Optional<Duration> v = Optional.of(p99);
        return new LatencySummary(Duration.ofMinutes(1), 100, 0, v, v, v, v, v, v, Optional.of(Duration.ZERO), 0.0);
    }
}
