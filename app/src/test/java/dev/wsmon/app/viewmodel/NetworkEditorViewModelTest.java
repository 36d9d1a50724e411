package dev.wsmon.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ProxySpec;
import dev.wsmon.core.Settings;
import dev.wsmon.core.TlsOptions;
import dev.wsmon.core.testing.TestPki;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dialog's Network section with real certificate files made at test time: subject and expiry of a chosen
 * certificate, one inline error (and no OK) for a wrong password, a key of another certificate or an expired
 * certificate, the proxy field's three meanings, Origin and compression into the engine's endpoint.
 */
class NetworkEditorViewModelTest {

    @TempDir
    static Path dir;
    static TestPki pki;

    private static final Map<String, String> ENV = Map.of("P12_PW", TestPki.PASSWORD,
            "http_proxy", "http://envproxy:3128");
    private final NetworkResolver resolver = new NetworkResolver(ENV::get, Instant::now);
    private final ConnectionEditorViewModel vm = ConnectionEditorViewModel.forNew(List.of(), Settings.DEFAULTS, resolver);
    private final NetworkEditorViewModel net = vm.network();

    @BeforeAll
    static void makeCertificates() {
        pki = TestPki.create(dir, "wsmon-dialog-ca");
        pki.issue("client", "EC", null, "-1d", 30);
        pki.issue("other", "RSA", null, "-1d", 30);
        pki.issue("old", "EC", null, "2020/01/01 00:00:00", 10);
    }

    private static String file(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void pkcs12WithPasswordFromTheEnvironment_showsSubjectAndExpiry_andReachesTheEndpoint() {
        vm.urlProperty().set("wss://feed.example.com/x");
        net.clientCertProperty().set(file("client.p12"));
        net.clientCertPasswordProperty().set("${P12_PW}");
        net.caProperty().set(pki.caPem().toString());

        assertThat(net.certificateErrorProperty().get()).isEmpty();
        assertThat(net.passwordNoteProperty().get()).as("a reference, not the password").isEmpty();
        assertThat(net.certificateProperty().get()).contains("CN=client").containsPattern("expires \\d{4}-\\d{2}-\\d{2}");
        assertThat(vm.validProperty().get()).isTrue();
        ConnectionSpec spec = vm.result().orElseThrow();
        TlsOptions tls = spec.endpoint().tls();
        assertThat(tls.client()).isPresent();
        assertThat(tls.extraCas()).hasSize(1);
        assertThat(spec.network().clientCertPassword()).isEqualTo("${P12_PW}"); // the reference is kept, not the password
        assertThat(spec.toString()).doesNotContain(TestPki.PASSWORD);
    }

    @Test
    void wrongPassword_isAnInlineError_andRefusesOk_withoutShowingThePassword() {
        vm.urlProperty().set("wss://h/");
        net.clientCertProperty().set(file("client.p12"));
        net.clientCertPasswordProperty().set("QWRONGPW");

        assertThat(net.certificateErrorProperty().get()).contains("client.p12").contains("wrong password")
                .doesNotContain("QWRONGPW").doesNotContain("--client");
        assertThat(net.certificateProperty().get()).isEmpty();
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.result()).isEmpty();

        net.clientCertPasswordProperty().set(TestPki.PASSWORD);
        assertThat(vm.validProperty().get()).isTrue();
        assertThat(net.passwordNoteProperty().get()).contains("${ENV_NAME}").doesNotContain(TestPki.PASSWORD);
    }

    @Test
    void keyOfAnotherCertificate_isAnInlineError() {
        vm.urlProperty().set("wss://h/");
        net.clientCertProperty().set(file("client.pem"));
        net.clientKeyProperty().set(file("other.key.pem"));

        assertThat(net.certificateErrorProperty().get()).contains("does not belong to the certificate");
        assertThat(vm.validProperty().get()).isFalse();

        net.clientKeyProperty().set(file("client.key.pem"));
        assertThat(net.certificateErrorProperty().get()).isEmpty();
        assertThat(net.certificateProperty().get()).contains("CN=client");
        assertThat(vm.validProperty().get()).isTrue();
    }

    @Test
    void expiredCertificate_isAnInlineError() {
        vm.urlProperty().set("wss://h/");
        net.clientCertProperty().set(file("old.pem"));
        net.clientKeyProperty().set(file("old.key.pem"));

        assertThat(net.certificateErrorProperty().get()).contains("expired");
        assertThat(vm.validProperty().get()).isFalse();
    }

    @Test
    void missingCaFile_andAKeyWithoutCertificate_areInlineErrors() {
        net.caProperty().set(file("nowhere.pem"));
        assertThat(net.caErrorProperty().get()).startsWith("CA file ").contains("nowhere.pem");
        net.caProperty().set("");
        net.clientKeyProperty().set(file("client.key.pem"));
        assertThat(net.certificateErrorProperty().get()).contains("choose the certificate too");
        assertThat(vm.validProperty().get()).isFalse();
    }

    @Test
    void proxyField_emptyIsTheEnvironments_noneIsNone_andAUrlIsChecked() {
        vm.urlProperty().set("ws://feed.example.com/");
        assertThat(vm.result().orElseThrow().proxy()).map(ProxySpec::address).contains("envproxy:3128");

        net.proxyProperty().set("none");
        assertThat(vm.result().orElseThrow().proxy()).isEmpty();

        net.proxyProperty().set("ftp://corp:21");
        assertThat(net.proxyErrorProperty().get()).startsWith("Proxy: ");
        assertThat(vm.validProperty().get()).isFalse();

        net.proxyProperty().set("socks5://corp:1080");
        assertThat(vm.result().orElseThrow().proxy()).map(ProxySpec::address).contains("corp:1080");
        assertThat(vm.result().orElseThrow().network().proxy()).isEqualTo("socks5://corp:1080");
    }

    @Test
    void originAndCompression_reachTheEndpoint() {
        vm.urlProperty().set("ws://h/");
        net.originProperty().set("app.example.com");
        assertThat(net.originErrorProperty().get()).contains("write scheme://host[:port]");
        assertThat(vm.validProperty().get()).isFalse();

        net.originProperty().set("https://App.Example.com");
        net.offerCompressionProperty().set(false);
        ConnectionSpec spec = vm.result().orElseThrow();
        assertThat(spec.endpoint().headers().get("Origin").reveal()).isEqualTo("https://app.example.com");
        assertThat(spec.endpoint().compression()).isFalse();
    }

    @Test
    void editing_showsTheConnectionsOptions_andKeepsItsResolvedProxyAndTlsWhileUnchanged() {
        ProxySpec fromFlag = ProxySpec.parse("http://flag-proxy:8080");
        NetworkOptions written = new NetworkOptions("", "", "", "", "", "https://a.example", false);
        TlsOptions resolvedElsewhere = TlsOptions.VERIFY.withExtraCas(List.of(dev.wsmon.core.testing.TlsMaterial
                .certificate(dev.wsmon.core.testing.TlsMaterial.LOCALHOST)));
        ConnectionSpec spec = new ConnectionSpec("feed", "wss://h/", Map.of(), List.of(), false, Settings.DEFAULTS, false,
                Optional.of(fromFlag), written, resolvedElsewhere);
        ConnectionEditorViewModel edit = ConnectionEditorViewModel.forEdit(spec, resolver);

        assertThat(edit.network().originProperty().get()).isEqualTo("https://a.example");
        assertThat(edit.network().offerCompressionProperty().get()).isFalse();
        ConnectionSpec same = edit.result().orElseThrow();
        assertThat(same.proxy()).contains(fromFlag);
        assertThat(same.tls()).isEqualTo(resolvedElsewhere);

        edit.network().proxyProperty().set("none");
        assertThat(edit.result().orElseThrow().proxy()).isEmpty();
    }
}
