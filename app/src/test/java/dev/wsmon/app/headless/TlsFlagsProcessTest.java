package dev.wsmon.app.headless;

import static dev.wsmon.app.headless.AppProcess.PROMPT;
import static dev.wsmon.app.headless.AppProcess.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsmon.core.testing.TestPki;
import dev.wsmon.core.testing.TestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS and handshake flags in a real child process against a real TLS server with a private CA. */
class TlsFlagsProcessTest {

    /** A cold child JVM loads the PKCS#12 store and runs its first RSA handshake: seconds on a busy 2-core machine. */
    private static final Duration COLD_TLS = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static TestPki pki;

    @BeforeAll
    static void makeCertificates() {
        pki = TestPki.create(dir, "wsmon-app-ca");
        pki.issue("localhost", "RSA", "dns:localhost,ip:127.0.0.1", "-1d", 10);
        pki.issue("client", "EC", null, "-1d", 10);
    }

    @Test
    void privateCa_clientCertFromPkcs12_withPasswordFromTheEnvironment_andOrigin_open() {
        try (TestServer server = TestServer.builder().tls(pki.serverContext("localhost")).needClientAuth().start();
             AppProcess app = AppProcess.start(Map.of("WSMON_P12_PW", TestPki.PASSWORD), "--headless",
                     "--ca", pki.caPem().toString(), "--client-cert", dir.resolve("client.p12").toString(),
                     "--client-cert-password", "${WSMON_P12_PW}", "--origin", "https://App.Example.com",
                     "--open-timeout", "25s",
                     server.uri().toString())) {
            JsonNode settled = app.awaitEvent("OPEN or CLOSED", state("OPEN").or(state("CLOSED")), COLD_TLS);
            assertThat(settled.path("state").asText()).as(settled.toString()).isEqualTo("OPEN");
            assertThat(server.handshakes()).first().extracting(h -> h.get("Origin")).isEqualTo("https://app.example.com");
            app.terminate();
            app.awaitExit(PROMPT);
            assertThat(app.stdout() + app.stderr()).doesNotContain(TestPki.PASSWORD);
        }
    }

    @Test
    void wrongPassword_isExit2_namingTheFile_withoutThePassword() {
        try (AppProcess app = AppProcess.start(Map.of(), "--headless", "--client-cert",
                dir.resolve("client.p12").toString(), "--client-cert-password", "QWRONGPW", "wss://localhost:1/")) {
            assertThat(app.awaitExit(PROMPT)).isEqualTo(2);
            assertThat(app.stderr()).contains("client.p12").contains("wrong password").doesNotContain("QWRONGPW");
        }
    }

    @Test
    void keyOfAnotherCertificate_isExit2() {
        try (AppProcess app = AppProcess.start(Map.of(), "--headless", "--client-cert",
                dir.resolve("localhost.pem").toString(), "--client-key", dir.resolve("client.key.pem").toString(),
                "wss://localhost:1/")) {
            assertThat(app.awaitExit(PROMPT)).isEqualTo(2);
            assertThat(app.stderr()).contains("client.key.pem").contains("does not belong to the certificate");
        }
    }
}
