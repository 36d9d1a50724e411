package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.chaos.FaultMode;
import dev.wsmon.core.chaos.FaultProxy;
import dev.wsmon.core.event.LatencySample;
import dev.wsmon.core.event.MessageReceived;
import dev.wsmon.core.event.StateChanged;
import dev.wsmon.core.testing.EventRecorder;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ws:// and wss:// through a real HTTP CONNECT and a real SOCKS5 proxy on wsmon's own socket: open, echo,
 * named failures ({@code proxy-failed}, with the proxy's HTTP status, never the password), and a half-open
 * link behind the proxy detected within ping interval + ping timeout.
 */
class ProxyTest {

    private static final String PASSWORD = "s3cret-Pa55";

    private final Fixture engine = new Fixture();

    @AfterEach
    void stop() {
        engine.close();
    }

    private static ProxySpec spec(TestProxy.Kind kind, int port, String credentials) {
        String scheme = kind == TestProxy.Kind.HTTP ? "http" : "socks5";
        return ProxySpec.parse(scheme + "://" + (credentials == null ? "" : credentials + "@") + "127.0.0.1:" + port);
    }

    private Fixture.Watched open(Endpoint endpoint, Settings settings) {
        Fixture.Watched w = engine.add("proxied", endpoint, settings);
        w.conn().open();
        return w;
    }

    @ParameterizedTest
    @EnumSource(TestProxy.Kind.class)
    void wsOpensAndEchoesThroughProxy_withCredentials(TestProxy.Kind kind) throws IOException {
        try (TestServer server = TestServer.start();
             TestProxy proxy = TestProxy.withAuth(kind, "alice", PASSWORD)) {
            Fixture.Watched w = open(Fixture.endpoint(server.uri())
                    .withProxy(Optional.of(spec(kind, proxy.port(), "alice:" + PASSWORD))), Fixture.fast().build());
            w.events().awaitState(State.OPEN, 0, Fixture.PROMPT);
            w.conn().send("hello through " + kind);
            w.events().awaitNext(MessageReceived.class, m -> true, 0, Fixture.PROMPT);
            assertThat(proxy.targets()).containsExactly("127.0.0.1:" + server.port());
        }
    }

    @ParameterizedTest
    @EnumSource(TestProxy.Kind.class)
    void wssOpensThroughProxy_checkingTheUrlsHostName(TestProxy.Kind kind) throws IOException {
        try (TestServer server = TestServer.builder().tls(TlsMaterial.localhostServer()).start();
             TestProxy proxy = TestProxy.start(kind)) {
            Fixture.Watched w = open(Fixture.endpoint(server.uri())
                    .withTls(TlsOptions.trusting(TlsMaterial.localhostClient()))
                    .withProxy(Optional.of(spec(kind, proxy.port(), null))), Fixture.fast().build());
            w.events().awaitState(State.OPEN, 0, Fixture.PROMPT);
            w.conn().send("tls hello");
            w.events().awaitNext(MessageReceived.class, m -> true, 0, Fixture.PROMPT);
            assertThat(proxy.targets()).containsExactly("localhost:" + server.port()); // resolved by the proxy
        }
    }

    @Test
    void wssThroughProxy_refusesACertificateForAnotherHost() throws IOException {
        try (TestServer server = TestServer.builder().tls(TlsMaterial.serverContext(TlsMaterial.OTHER_HOST)).start();
             TestProxy proxy = TestProxy.start(TestProxy.Kind.HTTP)) {
            Fixture.Watched w = open(Fixture.endpoint(server.uri())
                    .withTls(TlsOptions.trusting(TlsMaterial.clientContextTrusting(TlsMaterial.OTHER_HOST)))
                    .withProxy(Optional.of(spec(TestProxy.Kind.HTTP, proxy.port(), null))),
                    Fixture.fast().autoReconnect(false).build());
            assertThat(closed(w).cause()).isEqualTo(CloseCause.TLS_FAILED);
        }
    }

    @ParameterizedTest
    @EnumSource(TestProxy.Kind.class)
    void missingCredentials_endInProxyFailed(TestProxy.Kind kind) throws IOException {
        try (TestServer server = TestServer.start();
             TestProxy proxy = TestProxy.withAuth(kind, "alice", PASSWORD)) {
            Fixture.Watched w = open(Fixture.endpoint(server.uri())
                    .withProxy(Optional.of(spec(kind, proxy.port(), null))), Fixture.fast().autoReconnect(false).build());
            CloseReport r = closed(w);
            assertThat(r.cause()).isEqualTo(CloseCause.PROXY_FAILED);
            assertThat(r.httpStatus()).isEqualTo(kind == TestProxy.Kind.HTTP ? 407 : 0);
            assertThat(r.error()).contains("127.0.0.1:" + proxy.port()).contains("user:password@");
            assertThat(server.openedCount()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestProxy.Kind.class)
    void wrongPassword_endsInProxyFailed_andNoEventShowsIt(TestProxy.Kind kind) throws IOException {
        try (TestServer server = TestServer.start();
             TestProxy proxy = TestProxy.withAuth(kind, "alice", "the-right-one")) {
            Fixture.Watched w = open(Fixture.endpoint(server.uri())
                    .withProxy(Optional.of(spec(kind, proxy.port(), "alice:" + PASSWORD))),
                    Fixture.fast().autoReconnect(false).build());
            CloseReport r = closed(w);
            assertThat(r.cause()).isEqualTo(CloseCause.PROXY_FAILED);
            assertThat(r.httpStatus()).isEqualTo(kind == TestProxy.Kind.HTTP ? 407 : 0);
            assertThat(r.error()).contains("check the proxy user name and password");
            assertThat(w.events().events()).allSatisfy(e -> assertThat(e.toString()).doesNotContain(PASSWORD));
            assertThat(w.conn().endpoint().toString()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void passwordFromEnvironment_isExpandedAtConnectTime() throws IOException {
        try (TestServer server = TestServer.start();
             TestProxy proxy = TestProxy.withAuth(TestProxy.Kind.HTTP, "alice", PASSWORD)) {
            ProxySpec spec = ProxySpec.parse("http://alice:${PROXY_PW}@127.0.0.1:" + proxy.port());
            Fixture.Watched w = engine.add("env", Fixture.endpoint(server.uri()).withProxy(Optional.of(spec)),
                    Fixture.fast().build());
            w.conn().open();
            // The monitor reads the real environment; PROXY_PW is unset here, so the attempt names the variable.
            CloseReport r = closed(w);
            assertThat(r.cause()).isEqualTo(CloseCause.PROXY_FAILED);
            assertThat(r.error()).contains("${PROXY_PW}").contains("not set");
        }
    }

    @Test
    void refusedTunnel_endsInProxyFailedWith403() throws IOException {
        try (TestServer server = TestServer.start();
             TestProxy proxy = TestProxy.refusing(TestProxy.Kind.HTTP)) {
            Fixture.Watched w = open(Fixture.endpoint(server.uri())
                    .withProxy(Optional.of(spec(TestProxy.Kind.HTTP, proxy.port(), null))),
                    Fixture.fast().autoReconnect(false).build());
            CloseReport r = closed(w);
            assertThat(r.cause()).isEqualTo(CloseCause.PROXY_FAILED);
            assertThat(r.httpStatus()).isEqualTo(403);
            assertThat(r.initiator()).isEqualTo(Initiator.REMOTE);
        }
    }

    @ParameterizedTest
    @EnumSource(TestProxy.Kind.class)
    void unreachableProxy_endsInProxyFailed_andIsRetriedWithBackoff(TestProxy.Kind kind) throws IOException {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        try (TestServer server = TestServer.start()) {
            Fixture.Watched w = open(Fixture.endpoint(server.uri())
                    .withProxy(Optional.of(spec(kind, deadPort, null))), Fixture.fast().build());
            w.events().await("two failed attempts",
                    ev -> w.events().states(State.CLOSED).size() >= 2, Fixture.PROMPT);
            CloseReport r = w.events().states(State.CLOSED).get(0).close().orElseThrow();
            assertThat(r.cause()).isEqualTo(CloseCause.PROXY_FAILED);
            assertThat(r.httpStatus()).isZero();
            assertThat(r.error()).contains("127.0.0.1:" + deadPort).contains("could not be reached");
            assertThat(server.openedCount()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(TestProxy.Kind.class)
    void halfOpenLinkBehindProxy_isDetectedWithinPingIntervalPlusPingTimeout(TestProxy.Kind kind) throws IOException {
        try (TestServer server = TestServer.builder().echo(false).start();
             FaultProxy fault = FaultProxy.start(new InetSocketAddress("127.0.0.1", server.port()));
             TestProxy proxy = TestProxy.start(kind)) {
            Settings settings = Fixture.fast().autoReconnect(false).build();
            Fixture.Watched w = open(Fixture.endpoint(URI.create("ws://127.0.0.1:" + fault.port() + "/"))
                    .withProxy(Optional.of(spec(kind, proxy.port(), null))), settings);
            w.events().await("2 latency samples",
                    ev -> ev.stream().filter(e -> e instanceof LatencySample).count() >= 2, Fixture.PROMPT);
            int mark = w.events().size();
            fault.setMode(FaultMode.BLACKHOLE);

            EventRecorder.Seen closed = w.events().awaitState(State.CLOSED, mark, Fixture.PROMPT);
            long lastFrame = w.events().seen().stream()
                    .filter(s -> s.nanos() <= closed.nanos())
                    .filter(s -> s.event() instanceof LatencySample || s.event() instanceof MessageReceived)
                    .mapToLong(EventRecorder.Seen::nanos).max().orElseThrow();
            CloseReport r = ((StateChanged) closed.event()).close().orElseThrow();
            assertThat(r.cause()).isEqualTo(CloseCause.KEEPALIVE_TIMEOUT);
            assertThat(Duration.ofNanos(closed.nanos() - lastFrame))
                    .isLessThanOrEqualTo(settings.pingInterval().plus(settings.pingTimeout()).plus(Fixture.MARGIN));
            assertThat(proxy.targets()).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestProxy.Kind.class)
    void ipv6LiteralTarget_goesThroughTheProxy(TestProxy.Kind kind) throws IOException {
        InetSocketAddress v6 = new InetSocketAddress("::1", 0);
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(v6);
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort("this machine has no IPv6 loopback ::1: " + e.getMessage());
        }
        try (TestServer server = TestServer.start();
             FaultProxy v6Front = FaultProxy.start(v6, new InetSocketAddress("127.0.0.1", server.port()));
             TestProxy proxy = TestProxy.start(kind)) {
            Fixture.Watched w = open(Fixture.endpoint(URI.create("ws://[::1]:" + v6Front.port() + "/"))
                    .withProxy(Optional.of(spec(kind, proxy.port(), null))), Fixture.fast().build());
            w.events().awaitState(State.OPEN, 0, Fixture.PROMPT);
            w.conn().send("v6");
            w.events().awaitNext(MessageReceived.class, m -> true, 0, Fixture.PROMPT);
            // CONNECT authority with the literal in brackets (RFC 9110 9.3.6); SOCKS5 as address type 4 (RFC 1928 5)
            assertThat(proxy.targets()).containsExactly(kind == TestProxy.Kind.HTTP
                    ? "[::1]:" + v6Front.port() : "[0:0:0:0:0:0:0:1]:" + v6Front.port());
        }
    }

    @ParameterizedTest
    @EnumSource(TestProxy.Kind.class)
    void proxyThatNeverAnswers_isBoundedByTheOpenTimeout(TestProxy.Kind kind) throws IOException {
        // The kernel completes TCP into the backlog; nothing ever answers CONNECT or the SOCKS greeting.
        try (ServerSocket mute = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Settings settings = Fixture.fast().openTimeout(Duration.ofMillis(500)).autoReconnect(false).build();
            Fixture.Watched w = open(Fixture.endpoint(URI.create("ws://127.0.0.1:9/"))
                    .withProxy(Optional.of(spec(kind, mute.getLocalPort(), null))), settings);
            EventRecorder.Seen connecting = w.events().awaitState(State.CONNECTING, 0, Fixture.PROMPT);
            EventRecorder.Seen closed = w.events().awaitState(State.CLOSED, 0, Fixture.PROMPT);
            assertThat(((StateChanged) closed.event()).close().orElseThrow().cause()).isEqualTo(CloseCause.OPEN_TIMEOUT);
            assertThat(Duration.ofNanos(closed.nanos() - connecting.nanos()))
                    .isLessThanOrEqualTo(settings.openTimeout().plus(Fixture.MARGIN));
        }
    }

    @Test
    void halfOpenLinkBetweenWsmonAndItsProxy_isDetectedWithinPingIntervalPlusPingTimeout() throws IOException {
        try (TestServer server = TestServer.builder().echo(false).start();
             TestProxy proxy = TestProxy.start(TestProxy.Kind.HTTP);
             FaultProxy fault = FaultProxy.start(new InetSocketAddress("127.0.0.1", proxy.port()))) {
            Settings settings = Fixture.fast().autoReconnect(false).build();
            // via: TCP goes to the fault proxy, which forwards to the HTTP proxy; the tunnel is set up through both
            Fixture.Watched w = open(Fixture.endpoint(server.uri())
                    .withProxy(Optional.of(spec(TestProxy.Kind.HTTP, proxy.port(), null)))
                    .withVia(Optional.of(new InetSocketAddress("127.0.0.1", fault.port()))), settings);
            w.events().await("2 latency samples",
                    ev -> ev.stream().filter(e -> e instanceof LatencySample).count() >= 2, Fixture.PROMPT);
            int mark = w.events().size();
            fault.setMode(FaultMode.BLACKHOLE);
            StateChanged closed = (StateChanged) w.events().awaitState(State.CLOSED, mark, Fixture.PROMPT).event();
            assertThat(closed.close().orElseThrow().cause()).isEqualTo(CloseCause.KEEPALIVE_TIMEOUT);
            assertThat(proxy.targets()).containsExactly("127.0.0.1:" + server.port());
        }
    }

    private static CloseReport closed(Fixture.Watched w) {
        StateChanged s = (StateChanged) w.events().awaitState(State.CLOSED, 0, Fixture.PROMPT).event();
        return s.close().orElseThrow();
    }
}
