package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProxySpecTest {

    @Test
    void parsesHttpWithCredentials_andNeverShowsThePassword() {
        ProxySpec p = ProxySpec.parse("http://alice:p%40ss@proxy.corp:3128");
        assertThat(p.kind()).isEqualTo(ProxySpec.Kind.HTTP);
        assertThat(p.address()).isEqualTo("proxy.corp:3128");
        assertThat(p.user()).contains("alice");
        assertThat(p.password().orElseThrow().reveal()).isEqualTo("p@ss");
        assertThat(p.toString()).isEqualTo("http://alice:***@proxy.corp:3128").doesNotContain("p@ss");
    }

    @Test
    void keepsAnEnvTemplateAsWritten() {
        ProxySpec p = ProxySpec.parse("socks5://bob:${PROXY_PASSWORD}@10.0.0.1:1080");
        assertThat(p.kind()).isEqualTo(ProxySpec.Kind.SOCKS5);
        assertThat(p.password().orElseThrow().reveal()).isEqualTo("${PROXY_PASSWORD}");
    }

    @Test
    void ipv6InBrackets_defaultPortAndSchemeAsCurl() {
        assertThat(ProxySpec.parse("http://[::1]:8080").address()).isEqualTo("[::1]:8080");
        assertThat(ProxySpec.parse("[::1]:8080").host()).isEqualTo("::1");
        assertThat(ProxySpec.parse("proxy.corp").port()).isEqualTo(1080);
        assertThat(ProxySpec.parse("socks5h://p:9").kind()).isEqualTo(ProxySpec.Kind.SOCKS5);
    }

    @Test
    void badInput_saysWhatToFix() {
        assertThatThrownBy(() -> ProxySpec.parse("ftp://p:1")).hasMessageContaining("use http:// (HTTP CONNECT) or socks5://");
        assertThatThrownBy(() -> ProxySpec.parse("http://p:99999")).hasMessageContaining("1 to 65535");
        assertThatThrownBy(() -> ProxySpec.parse("http://p:x")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> ProxySpec.parse("http://::1:80")).hasMessageContaining("brackets");
        assertThatThrownBy(() -> ProxySpec.parse("http://u:secret@p:1/path")).hasMessageContaining("path")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> ProxySpec.parse("")).hasMessageContaining("expected http://");
    }
}
