package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.event.MessageReceived;
import dev.wsmon.core.event.SendFailed;
import dev.wsmon.core.event.StateChanged;
import dev.wsmon.core.testing.Fixture;
import dev.wsmon.core.testing.TestServer;
import dev.wsmon.core.testing.TlsMaterial;
import dev.wsmon.core.chaos.FaultProxy;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** wss:// checks chain and host name unless explicitly told not to; message size limits hold both ways. */
class TlsAndLimitsTest {

    private Fixture engine;

    @BeforeEach
    void start() {
        engine = new Fixture();
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void selfSignedCertificate_isRefusedByDefault_withTheReason() {
        try (TestServer server = TestServer.builder().tls(TlsMaterial.localhostServer()).start()) {
            Fixture.Watched w = engine.open("tls", server.uri(), Fixture.fast().autoReconnect(false).build());

            CloseReport report = closeOf(w);
            assertThat(report.cause()).isEqualTo(CloseCause.TLS_FAILED);
            assertThat(report.code()).isEqualTo(1006);
            assertThat(report.error()).containsAnyOf("PKIX", "certification path", "trust");
        }
    }

    @Test
    void selfSignedCertificate_isAccepted_withTheExplicitOptOut() {
        try (TestServer server = TestServer.builder().tls(TlsMaterial.localhostServer()).start()) {
            Fixture.Watched w = engine.add("tls", Fixture.endpoint(server.uri()).withTls(TlsOptions.insecureTrustAll()),
                    Fixture.fast().build());
            w.conn().open();
            w.events().awaitState(State.OPEN, 0, Fixture.PROMPT);
        }
    }

    @Test
    void trustedCertificate_forTheRightHost_opens() {
        try (TestServer server = TestServer.builder().tls(TlsMaterial.localhostServer()).start()) {
            Fixture.Watched w = engine.add("tls", Fixture.endpoint(server.uri())
                    .withTls(TlsOptions.trusting(TlsMaterial.localhostClient())), Fixture.fast().build());
            w.conn().open();
            w.events().awaitState(State.OPEN, 0, Fixture.PROMPT);
        }
    }

    @Test
    void routedThroughTheFaultProxy_stillVerifiesTheUrlsHost() throws Exception {
        try (TestServer server = TestServer.builder().tls(TlsMaterial.localhostServer()).start();
             FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", server.port()))) {
            Fixture.Watched w = engine.add("tls", Fixture.endpoint(server.uri())
                    .withTls(TlsOptions.trusting(TlsMaterial.localhostClient()))
                    .withVia(Optional.of(proxy.address())), Fixture.fast().build());
            w.conn().open();
            w.events().awaitState(State.OPEN, 0, Fixture.PROMPT);
            assertThat(proxy.acceptedLinks()).as("the connection went through the proxy").isEqualTo(1);
        }
    }

    @Test
    void certificateForAnotherHost_isRefused_evenWhenTrusted() {
        try (TestServer server = TestServer.builder().tls(TlsMaterial.serverContext(TlsMaterial.OTHER_HOST)).start()) {
            Fixture.Watched w = engine.add("tls", Fixture.endpoint(server.uri())
                            .withTls(TlsOptions.trusting(TlsMaterial.clientContextTrusting(TlsMaterial.OTHER_HOST))),
                    Fixture.fast().autoReconnect(false).build());
            w.conn().open();

            CloseReport report = closeOf(w);
            assertThat(report.cause()).isEqualTo(CloseCause.TLS_FAILED);
            assertThat(report.error()).containsIgnoringCase("localhost");
        }
    }

    @Test
    void receivedMessageOverMaxSize_closesWith1009() {
        try (TestServer server = TestServer.start()) {
            Fixture.Watched w = engine.open("limits", Fixture.ws(server.port()),
                    Fixture.fast().maxMessageSize(1024).autoReconnect(false).build());
            w.events().awaitState(State.OPEN, 0, Fixture.PROMPT);

            server.sendToAll("b".repeat(4096));

            CloseReport report = closeOf(w);
            assertThat(report.code()).isEqualTo(1009);
            assertThat(report.cause()).isEqualTo(CloseCause.MESSAGE_TOO_BIG);
            assertThat(report.initiator()).isEqualTo(Initiator.LOCAL);
        }
    }

    @Test
    void receivedMessagesFarLargerThanOneRead_arriveWhole_overWsAndWss() {
        String big = "0123456789abcdef".repeat(64 * 1024); // 1 MiB: 64 reads of the transport's chunk
        try (TestServer plain = TestServer.start();
                TestServer tls = TestServer.builder().tls(TlsMaterial.localhostServer()).start()) {
            for (TestServer server : java.util.List.of(plain, tls)) {
                Fixture.Watched w = engine.add(server == plain ? "ws" : "wss",
                        Fixture.endpoint(server.uri()).withTls(TlsOptions.insecureTrustAll()), Fixture.fast().build());
                w.conn().open();
                w.events().awaitState(State.OPEN, 0, Fixture.PROMPT);

                server.sendToAll(big);

                MessageReceived got = (MessageReceived) w.events()
                        .awaitNext(MessageReceived.class, m -> m.size() >= big.length(), 0, Duration.ofSeconds(10)).event();
                assertThat(got.text()).isEqualTo(big);
            }
        }
    }

    @Test
    void binaryMessage_arrivesWithItsWholePayload() {
        byte[] payload = new byte[300 * 1024];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        try (TestServer server = TestServer.start()) {
            Fixture.Watched w = engine.open("payloads", Fixture.ws(server.port()), Fixture.fast().build());
            w.events().awaitState(State.OPEN, 0, Fixture.PROMPT);

            server.sendToAll(payload);

            MessageReceived got = (MessageReceived) w.events()
                    .awaitNext(MessageReceived.class, MessageReceived::binary, 0, Duration.ofSeconds(10)).event();
            byte[] data = new byte[got.data().remaining()];
            got.data().get(data);
            assertThat(got.size()).isEqualTo(payload.length);
            assertThat(data).isEqualTo(payload);
        }
    }

    @Test
    void sendOverMaxSize_isRefusedTooBig() {
        try (TestServer server = TestServer.start()) {
            Fixture.Watched w = engine.open("limits", Fixture.ws(server.port()), Fixture.fast().maxMessageSize(1024).build());
            w.events().awaitState(State.OPEN, 0, Fixture.PROMPT);

            SendResult result = w.conn().send("c".repeat(1025)).outcome().join();

            assertThat(result.failure()).contains(SendFailure.TOO_BIG);
            assertThat(w.events().all(SendFailed.class)).singleElement()
                    .satisfies(f -> assertThat(f.detail()).contains("1025").contains("1024"));
            assertThat(w.conn().send("c".repeat(1024)).outcome().join().delivered()).isTrue();
        }
    }

    private static CloseReport closeOf(Fixture.Watched w) {
        return ((StateChanged) w.events().awaitState(State.CLOSED, 0, Duration.ofSeconds(10)).event()).close().orElseThrow();
    }
}
