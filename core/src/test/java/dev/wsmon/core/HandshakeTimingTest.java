package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.chaos.FaultProxy;
import dev.wsmon.core.diagnosis.CloseDiagnosis;
import dev.wsmon.core.event.StateChanged;
import dev.wsmon.core.testing.Fixture;
import dev.wsmon.core.testing.TestProxy;
import dev.wsmon.core.testing.TestServer;
import dev.wsmon.core.testing.TlsMaterial;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every OPEN carries how long each phase of the opening took, on real sockets: a phase that did not happen
 * has none; an attempt that fails before OPEN names the phase it ended in.
 */
class HandshakeTimingTest {

    private final Fixture engine = new Fixture();

    @AfterEach
    void stop() {
        engine.close();
    }

    private HandshakeTiming openTiming(Endpoint endpoint) {
        Fixture.Watched w = engine.add("timed", endpoint, Fixture.fast().build());
        w.conn().open();
        StateChanged open = (StateChanged) w.events().awaitState(State.OPEN, 0, Fixture.PROMPT).event();
        return open.timing().orElseThrow();
    }

    private CloseReport failedAttempt(Endpoint endpoint, Settings settings) {
        Fixture.Watched w = engine.add("failing", endpoint, settings);
        w.conn().open();
        StateChanged closed = (StateChanged) w.events().awaitState(State.CLOSED, 0, Fixture.PROMPT).event();
        return closed.close().orElseThrow();
    }

    @Test
    void directWsToAnAddress_hasTcpAndUpgrade_noLookupNoProxyNoTls() {
        try (TestServer server = TestServer.start()) {
            HandshakeTiming t = openTiming(Fixture.endpoint(server.uri()));
            assertThat(t.of(HandshakePhase.TCP)).isPresent();
            assertThat(t.of(HandshakePhase.UPGRADE)).isPresent();
            assertThat(t.of(HandshakePhase.DNS)).as("127.0.0.1 needs no lookup").isEmpty();
            assertThat(t.of(HandshakePhase.PROXY)).isEmpty();
            assertThat(t.of(HandshakePhase.TLS)).isEmpty();
            assertThat(t.phases().values()).allSatisfy(d -> assertThat(d).isLessThan(Fixture.PROMPT));
        }
    }

    @Test
    void hostName_isLookedUp() {
        try (TestServer server = TestServer.start()) {
            HandshakeTiming t = openTiming(Fixture.endpoint(URI.create("ws://localhost:" + server.port() + "/")));
            assertThat(t.of(HandshakePhase.DNS)).isPresent();
            assertThat(t.of(HandshakePhase.TCP)).isPresent();
        }
    }

    @Test
    void wss_hasTls() {
        try (TestServer server = TestServer.builder().tls(TlsMaterial.localhostServer()).start()) {
            HandshakeTiming t = openTiming(Fixture.endpoint(server.uri())
                    .withTls(TlsOptions.trusting(TlsMaterial.localhostClient())));
            assertThat(t.of(HandshakePhase.TLS)).isPresent();
            assertThat(t.of(HandshakePhase.DNS)).isPresent();
            assertThat(t.of(HandshakePhase.PROXY)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestProxy.Kind.class)
    void throughProxy_hasProxy_andTheTargetIsNotLookedUpHere(TestProxy.Kind kind) throws IOException {
        try (TestServer server = TestServer.builder().tls(TlsMaterial.localhostServer()).start();
             TestProxy proxy = TestProxy.start(kind)) {
            String scheme = kind == TestProxy.Kind.HTTP ? "http" : "socks5";
            HandshakeTiming t = openTiming(Fixture.endpoint(server.uri())
                    .withTls(TlsOptions.trusting(TlsMaterial.localhostClient()))
                    .withProxy(Optional.of(ProxySpec.parse(scheme + "://127.0.0.1:" + proxy.port()))));
            assertThat(t.of(HandshakePhase.PROXY)).isPresent();
            assertThat(t.of(HandshakePhase.TCP)).isPresent();
            assertThat(t.of(HandshakePhase.TLS)).isPresent();
            assertThat(t.of(HandshakePhase.UPGRADE)).isPresent();
            assertThat(t.of(HandshakePhase.DNS)).as("the proxy is an address; the proxy resolves localhost").isEmpty();
        }
    }

    @Test
    void reconnect_timesEachAttemptAfresh() {
        try (TestServer server = TestServer.start()) {
            Fixture.Watched w = engine.add("again", Fixture.endpoint(server.uri()), Fixture.fast().build());
            w.conn().open();
            w.events().awaitState(State.OPEN, 0, Fixture.PROMPT);
            int mark = w.events().size();
            w.conn().reconnectNow();
            StateChanged second = (StateChanged) w.events().awaitState(State.OPEN, mark, Fixture.PROMPT).event();
            assertThat(second.attempt()).isEqualTo(2);
            assertThat(second.timing().orElseThrow().of(HandshakePhase.TCP)).isPresent();
            assertThat(w.events().states(State.CLOSED)).allSatisfy(c -> assertThat(c.timing()).isEmpty());
        }
    }

    @Test
    void failedTls_namesItsPhase() {
        try (TestServer server = TestServer.builder().tls(TlsMaterial.serverContext(TlsMaterial.OTHER_HOST)).start()) {
            CloseReport r = failedAttempt(Fixture.endpoint(server.uri())
                    .withTls(TlsOptions.trusting(TlsMaterial.clientContextTrusting(TlsMaterial.OTHER_HOST))),
                    Fixture.fast().autoReconnect(false).build());
            assertThat(r.cause()).isEqualTo(CloseCause.TLS_FAILED);
            assertThat(r.phase()).contains(HandshakePhase.TLS);
            assertThat(CloseDiagnosis.detail(r)).endsWith("; failed during the TLS handshake");
        }
    }

    @Test
    void refusedConnection_namesTcpConnect() throws IOException {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        CloseReport r = failedAttempt(Fixture.endpoint(Fixture.ws(deadPort)), Fixture.fast().autoReconnect(false).build());
        assertThat(r.cause()).isEqualTo(CloseCause.CONNECT_FAILED);
        assertThat(r.phase()).contains(HandshakePhase.TCP);
        assertThat(CloseDiagnosis.detail(r)).endsWith("; failed during the TCP connect");
    }

    @Test
    void openTimeoutInAMuteProxy_namesTheProxyTunnel() throws IOException {
        try (ServerSocket mute = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            CloseReport r = failedAttempt(Fixture.endpoint(URI.create("ws://127.0.0.1:9/"))
                    .withProxy(Optional.of(ProxySpec.parse("http://127.0.0.1:" + mute.getLocalPort()))),
                    Fixture.fast().openTimeout(Duration.ofMillis(300)).autoReconnect(false).build());
            assertThat(r.cause()).isEqualTo(CloseCause.OPEN_TIMEOUT);
            assertThat(r.phase()).contains(HandshakePhase.PROXY);
            assertThat(CloseDiagnosis.detail(r)).endsWith("attempt aborted during the proxy tunnel");
        }
    }

    @Test
    void ipv6Literal_opensDirectly_withTheBracketedHostHeader() throws IOException {
        InetSocketAddress v6 = new InetSocketAddress("::1", 0);
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(v6);
        } catch (IOException e) {
            Assumptions.abort("this machine has no IPv6 loopback ::1: " + e.getMessage());
        }
        try (TestServer server = TestServer.start();
             FaultProxy v6Front = FaultProxy.start(v6, new InetSocketAddress("127.0.0.1", server.port()))) {
            HandshakeTiming t = openTiming(Fixture.endpoint(URI.create("ws://[::1]:" + v6Front.port() + "/")));
            assertThat(t.of(HandshakePhase.DNS)).as("a literal needs no lookup").isEmpty();
            assertThat(t.of(HandshakePhase.TCP)).isPresent();
            // RFC 7230 5.4 with RFC 3986 3.2.2: an IPv6 literal in the Host header keeps its brackets
            assertThat(server.handshakes().get(0)).containsEntry("Host", "[::1]:" + v6Front.port());
        }
    }

    @Test
    void ipv6Literal_throughTheHttpProxy_keepsTheBracketedHostHeader() throws IOException {
        InetSocketAddress v6 = new InetSocketAddress("::1", 0);
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(v6);
        } catch (IOException e) {
            Assumptions.abort("this machine has no IPv6 loopback ::1: " + e.getMessage());
        }
        try (TestServer server = TestServer.start();
             FaultProxy v6Front = FaultProxy.start(v6, new InetSocketAddress("127.0.0.1", server.port()));
             TestProxy proxy = TestProxy.start(TestProxy.Kind.HTTP)) {
            HandshakeTiming t = openTiming(Fixture.endpoint(URI.create("ws://[::1]:" + v6Front.port() + "/"))
                    .withProxy(Optional.of(ProxySpec.parse("http://127.0.0.1:" + proxy.port()))));
            assertThat(t.of(HandshakePhase.PROXY)).isPresent();
            assertThat(proxy.targets()).containsExactly("[::1]:" + v6Front.port());
            assertThat(server.handshakes().get(0)).containsEntry("Host", "[::1]:" + v6Front.port());
        }
    }
}
