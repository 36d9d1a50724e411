package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.core.event.StateChanged;
import dev.wsmon.core.testing.ClientCertRefuser;
import dev.wsmon.core.testing.Fixture;
import dev.wsmon.core.testing.TestPki;
import dev.wsmon.core.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Private CAs and client certificates against a real TLS server, with a CA and certificates made at test time:
 * what opens, and what fails with which words.
 */
class PrivateCaAndClientCertTest {

    @TempDir
    static Path dir;
    static TestPki pki;
    static TestPki stranger;

    private Fixture engine;

    @BeforeAll
    static void makeCertificates() throws Exception {
        pki = TestPki.create(dir, "wsmon-test-ca");
        pki.issue("localhost", "RSA", "dns:localhost,ip:127.0.0.1", "-1d", 10);
        pki.issue("wrong-host", "RSA", "dns:other.example,dns:www.other.example", "-1d", 10);
        pki.issue("expired-server", "RSA", "dns:localhost", "2020/01/01 00:00:00", 1);
        pki.issue("client-rsa", "RSA", null, "-1d", 10);
        pki.issue("client-ec", "EC", null, "-1d", 10);
        pki.issue("client-expired", "RSA", null, "2020/01/01 00:00:00", 1);
        Path other = Files.createDirectories(dir.resolve("stranger"));
        stranger = TestPki.create(other, "stranger-ca");
        stranger.issue("client-stranger", "RSA", null, "-1d", 10);
    }

    @BeforeEach
    void start() {
        engine = new Fixture();
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private static TlsOptions withCa() throws TlsFileException {
        return TlsOptions.VERIFY.withExtraCas(TlsFiles.caCertificates(pki.caPem()));
    }

    private static ClientIdentity pem(String name) throws TlsFileException {
        return TlsFiles.clientIdentity(pki.dir().resolve(name + ".pem"), Optional.of(pki.dir().resolve(name + ".key.pem")),
                Optional.empty(), Instant.now());
    }

    @Test
    void serverSignedByAPrivateCa_opensWithThatCa() throws Exception {
        try (TestServer server = TestServer.builder().tls(pki.serverContext("localhost")).start()) {
            Fixture.Watched w = engine.add("ca", Fixture.endpoint(server.uri()).withTls(withCa()), Fixture.fast().build());
            w.conn().open();
            w.events().awaitState(State.OPEN, 0, Fixture.PROMPT);
        }
    }

    @Test
    void serverSignedByAPrivateCa_withoutIt_isAnUnknownIssuer() {
        try (TestServer server = TestServer.builder().tls(pki.serverContext("localhost")).start()) {
            CloseReport report = closeOf(server, TlsOptions.VERIFY);
            assertThat(report.cause()).isEqualTo(CloseCause.TLS_FAILED);
            assertThat(report.error()).contains("unknown issuer").contains("CN=wsmon-test-ca").contains("--ca");
        }
    }

    @Test
    void certificateForOtherNames_saysWhichNamesItHas() throws Exception {
        try (TestServer server = TestServer.builder().tls(pki.serverContext("wrong-host")).start()) {
            CloseReport report = closeOf(server, withCa());
            assertThat(report.cause()).isEqualTo(CloseCause.TLS_FAILED);
            assertThat(report.error()).contains("other.example, www.other.example").contains("not localhost")
                    .contains("wrong host name");
        }
    }

    @Test
    void expiredServerCertificate_saysExpired() throws Exception {
        try (TestServer server = TestServer.builder().tls(pki.serverContext("expired-server")).start()) {
            CloseReport report = closeOf(server, withCa());
            assertThat(report.cause()).isEqualTo(CloseCause.TLS_FAILED);
            assertThat(report.error()).contains("expired on 2020-01-02");
        }
    }

    @Test
    void clientCertificate_pemRsaAndEc_andPkcs12_areAccepted() throws Exception {
        List<ClientIdentity> identities = List.of(pem("client-rsa"), pem("client-ec"),
                TlsFiles.clientIdentity(pki.dir().resolve("client-rsa.p12"), Optional.empty(),
                        Optional.of(Secret.of(TestPki.PASSWORD)), Instant.now()));
        try (TestServer server = TestServer.builder().tls(pki.serverContext("localhost")).needClientAuth().start()) {
            int n = 0;
            for (ClientIdentity id : identities) {
                Fixture.Watched w = engine.add("mtls-" + n++, Fixture.endpoint(server.uri())
                        .withTls(withCa().withClient(Optional.of(id))), Fixture.fast().build());
                w.conn().open();
                w.events().awaitState(State.OPEN, 0, Fixture.PROMPT);
            }
        }
    }

    @Test
    void noClientCertificate_whereTheServerNeedsOne_saysSo() throws Exception {
        try (ClientCertRefuser server = ClientCertRefuser.start(pki.serverContext("localhost"))) {
            CloseReport report = closeOf(server.uri(), withCa());
            assertThat(report.cause()).as(report.error()).isEqualTo(CloseCause.TLS_FAILED);
            assertThat(report.error()).contains("requires a client certificate").contains("--client-cert");
        }
    }

    @Test
    void clientCertificateFromAnotherCa_isRefusedByTheServer_andSaidSo() throws Exception {
        ClientIdentity id = TlsFiles.clientIdentity(stranger.dir().resolve("client-stranger.pem"),
                Optional.of(stranger.dir().resolve("client-stranger.key.pem")), Optional.empty(), Instant.now());
        try (ClientCertRefuser server = ClientCertRefuser.start(pki.serverContext("localhost"))) {
            CloseReport report = closeOf(server.uri(), withCa().withClient(Optional.of(id)));
            assertThat(report.cause()).isEqualTo(CloseCause.TLS_FAILED);
            assertThat(report.error()).contains("the server refused the client certificate CN=client-stranger");
        }
    }

    @Test
    void badFiles_areOneClearMessage_namingTheFile() throws Exception {
        Path d = pki.dir();
        Path garbage = Files.writeString(d.resolve("garbage.pem"), "not a certificate");
        assertThatThrownBy(() -> TlsFiles.caCertificates(garbage))
                .hasMessageContaining("--ca " + garbage).hasMessageContaining("not a PEM file");
        assertThatThrownBy(() -> TlsFiles.caCertificates(d.resolve("missing.pem")))
                .hasMessageContaining("missing.pem: no such file");
        assertThatThrownBy(() -> TlsFiles.clientIdentity(d.resolve("client-rsa.pem"), Optional.of(d.resolve("client-ec.key.pem")),
                Optional.empty(), Instant.now()))
                .hasMessageContaining("--client-key " + d.resolve("client-ec.key.pem"))
                .hasMessageContaining("does not belong to the certificate");
        assertThatThrownBy(() -> TlsFiles.clientIdentity(d.resolve("client-rsa.p12"), Optional.empty(),
                Optional.of(Secret.of("wrong")), Instant.now()))
                .hasMessageContaining("client-rsa.p12").hasMessageContaining("wrong password");
        assertThatThrownBy(() -> TlsFiles.clientIdentity(d.resolve("client-expired.pem"),
                Optional.of(d.resolve("client-expired.key.pem")), Optional.empty(), Instant.now()))
                .hasMessageContaining("client-expired.pem").hasMessageContaining("expired on 2020-01-02");
        assertThatThrownBy(() -> TlsFiles.clientIdentity(d.resolve("client-rsa.pem"), Optional.empty(), Optional.empty(),
                Instant.now()))
                .hasMessageContaining("--client-key");
    }

    @Test
    void identityAndOptions_neverPrintKeyMaterial() throws Exception {
        ClientIdentity id = pem("client-rsa");
        String shown = withCa().withClient(Optional.of(id)).toString();
        assertThat(shown).contains("CN=client-rsa").doesNotContain("PRIVATE").doesNotContain("modulus");
        X509Certificate ca = TlsFiles.caCertificates(pki.caPem()).get(0);
        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=wsmon-test-ca");
    }

    private CloseReport closeOf(TestServer server, TlsOptions tls) {
        return closeOf(server.uri(), tls);
    }

    private CloseReport closeOf(java.net.URI uri, TlsOptions tls) {
        Fixture.Watched w = engine.add("tls", Fixture.endpoint(uri).withTls(tls),
                Fixture.fast().autoReconnect(false).build());
        w.conn().open();
        return ((StateChanged) w.events().awaitState(State.CLOSED, 0, Duration.ofSeconds(10)).event()).close().orElseThrow();
    }
}
