package dev.wsmon.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class TlsMaterialTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void localhostKeystoreHoldsTheDocumentedCertificate() throws Exception {
        X509Certificate cert = TlsMaterial.certificate(TlsMaterial.LOCALHOST);

        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        assertThat(cert.getSubjectAlternativeNames()).containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        assertThat(((RSAPublicKey) cert.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(cert.getNotAfter().toInstant()).isAfter(Instant.parse("2100-01-01T00:00:00Z"));
        assertThat(TlsMaterial.keyStore(TlsMaterial.LOCALHOST).isKeyEntry(TlsMaterial.ALIAS)).isTrue();
    }

    @Test
    void otherHostKeystoreIsForADifferentName() throws Exception {
        X509Certificate cert = TlsMaterial.certificate(TlsMaterial.OTHER_HOST);

        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=other.example");
        assertThat(cert.getSubjectAlternativeNames()).containsExactly(List.of(2, "other.example"));
    }

    /** The client may report the failure from its write thread just after connectBlocking returned. */
    private static void assertHandshakeRefused(RecordingClient client) {
        Await.until("the client to report the TLS failure", () -> !client.errors.isEmpty(), TIMEOUT);
        assertThat(client.errors).first().isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void clientRefusesATrustedCertificateIssuedForAnotherHost() throws Exception {
        try (TestServer server = TestServer.builder().tls(TlsMaterial.serverContext(TlsMaterial.OTHER_HOST)).start()) {
            RecordingClient client = new RecordingClient(server.uri())
                    .tls(TlsMaterial.clientContextTrusting(TlsMaterial.OTHER_HOST));

            assertThat(client.connectBlocking(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isFalse();
            assertHandshakeRefused(client);
        }
    }

    @Test
    void clientTrustsOnlyTheGivenCertificate() throws Exception {
        try (TestServer server = TestServer.builder().tls(TlsMaterial.localhostServer()).start()) {
            RecordingClient client = new RecordingClient(server.uri())
                    .tls(TlsMaterial.clientContextTrusting(TlsMaterial.OTHER_HOST));

            assertThat(client.connectBlocking(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isFalse();
            assertHandshakeRefused(client);
        }
    }
}
