package dev.wsmon.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConnectionEditorViewModelTest {

    private final ConnectionEditorViewModel vm = ConnectionEditorViewModel.forNew(List.of("taken"), Settings.DEFAULTS);

    @Test
    void aBadUrl_isRefusedWithTheEnginesMessage() {
        vm.urlProperty().set("http://example.org/feed");

        assertThat(vm.urlErrorProperty().get())
                .isEqualTo("'http://example.org/feed' must start with ws:// or wss:// (for http://, use ws://)");
        assertThat(vm.validProperty().get()).isFalse();
        assertThat(vm.result()).isEmpty();
    }

    @Test
    void anEmptyUrl_saysWhatIsExpected() {
        assertThat(vm.urlErrorProperty().get()).startsWith("URL is empty; expected ws://host[:port]/path");
        assertThat(vm.validProperty().get()).isFalse();
    }

    @Test
    void aTakenOrBlankName_isRefused() {
        vm.urlProperty().set("ws://127.0.0.1:8080/");
        vm.nameProperty().set("taken");
        assertThat(vm.nameErrorProperty().get()).contains("already exists");
        vm.nameProperty().set("  ");
        assertThat(vm.nameErrorProperty().get()).isEqualTo("Give the connection a name.");
        assertThat(vm.validProperty().get()).isFalse();
    }

    @Test
    void headersSubprotocolsAndTheTlsOptOut_makeTheConnection() {
        vm.nameProperty().set("prices");
        vm.urlProperty().set("wss://feed.example.org/prices");
        vm.headersProperty().set("Authorization: Bearer ${TOKEN}\nX-Client: wsmon\n");
        vm.subprotocolsProperty().set("v2.prices, v1.prices");
        vm.insecureProperty().set(true);

        assertThat(vm.tlsWarningProperty().get()).startsWith("TLS checks are OFF");
        ConnectionSpec spec = vm.result().orElseThrow();
        assertThat(spec.headers()).containsExactly(Map.entry("Authorization", "Bearer ${TOKEN}"), Map.entry("X-Client", "wsmon"));
        assertThat(spec.subprotocols()).containsExactly("v2.prices", "v1.prices");
        assertThat(spec.insecure()).isTrue();
        assertThat(spec.endpoint().tls().insecure()).isTrue();
    }

    @Test
    void aMalformedHeaderLine_orName_orSubprotocol_isShownOnItsField() {
        vm.nameProperty().set("x");
        vm.urlProperty().set("ws://h/");
        vm.headersProperty().set("no colon here");
        assertThat(vm.headersErrorProperty().get()).isEqualTo("Header line 1 must read 'Name: value', got 'no colon here'.");
        vm.headersProperty().set("Bad Name: v");
        assertThat(vm.headersErrorProperty().get()).isEqualTo("Header name 'Bad Name' is not a valid HTTP token");
        vm.headersProperty().set("");
        vm.subprotocolsProperty().set("ok, b@d");
        assertThat(vm.subprotocolsErrorProperty().get()).isEqualTo("Subprotocol 'b@d' is not a valid token");
        assertThat(vm.validProperty().get()).isFalse();
    }

    @Test
    void editing_keepsTheName_andShowsTheConnectionAsDefined() {
        ConnectionSpec spec = new ConnectionSpec("feed", "ws://h:1/x", Map.of("A", "1"), List.of("p"), false,
                Settings.DEFAULTS, false);
        ConnectionEditorViewModel edit = ConnectionEditorViewModel.forEdit(spec);

        assertThat(edit.editing()).isTrue();
        assertThat(edit.headersProperty().get()).isEqualTo("A: 1");
        assertThat(edit.result()).contains(spec);
    }

    @Test
    void editing_keepsTheConnectionsProxy_whichTheDialogDoesNotShowYet() {
        ConnectionSpec spec = new ConnectionSpec("feed", "ws://h:1/x", Map.of(), List.of(), false, Settings.DEFAULTS, false,
                java.util.Optional.of(dev.wsmon.core.ProxySpec.parse("http://u:pw@proxy:3128")));
        ConnectionEditorViewModel edit = ConnectionEditorViewModel.forEdit(spec);
        edit.subprotocolsProperty().set("v2");
        ConnectionSpec edited = edit.result().orElseThrow();
        assertThat(edited.proxy()).isEqualTo(spec.proxy());
        assertThat(edited.endpoint().proxy()).map(dev.wsmon.core.ProxySpec::address).contains("proxy:3128");
        assertThat(edited.toString()).doesNotContain(":pw@");
    }
}
