package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProxyEnvironmentTest {

    private static Optional<ProxySpec> resolve(String url, Map<String, String> env) {
        return ProxyEnvironment.forUri(URI.create(url), env::get);
    }

    @Test
    void wsFollowsHttpProxy_wssFollowsHttpsProxy_thenAllProxy() {
        Map<String, String> env = Map.of("http_proxy", "http://plain:3128", "https_proxy", "http://secure:3129",
                "ALL_PROXY", "socks5://all:1080");
        assertThat(resolve("ws://example.com/", env)).map(ProxySpec::address).contains("plain:3128");
        assertThat(resolve("wss://example.com/", env)).map(ProxySpec::address).contains("secure:3129");
        assertThat(resolve("wss://example.com/", Map.of("ALL_PROXY", "socks5://all:1080")))
                .map(ProxySpec::kind).contains(ProxySpec.Kind.SOCKS5);
        assertThat(resolve("ws://example.com/", Map.of("https_proxy", "http://secure:3129"))).isEmpty();
    }

    @Test
    void lowerCaseWinsOverUpperCase() {
        assertThat(resolve("ws://e.com/", Map.of("http_proxy", "http://low:1", "HTTP_PROXY", "http://up:2")))
                .map(ProxySpec::host).contains("low");
        assertThat(resolve("ws://e.com/", Map.of("HTTP_PROXY", "http://up:2"))).map(ProxySpec::host).contains("up");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "example.com     | example.com           | true",
            "api.example.com | example.com           | true",
            "api.example.com | .example.com          | true",
            "example.com     | .example.com          | true",
            "badexample.com  | example.com           | false",
            "example.org     | example.com           | false",
            "anything        | *                     | true",
            "api.example.com | 'other.net, example.com' | true",
            "localhost       | ''                    | false",
            "::1             | '[::1]'               | true",
            "[::1]           | ::1                   | true",
            "127.0.0.1       | 127.0.0.1             | true",
            "EXAMPLE.com     | example.COM           | true",
    })
    void noProxyRules_asCurlReadsThem(String host, String noProxy, boolean excluded) {
        assertThat(ProxyEnvironment.excluded(host, noProxy)).isEqualTo(excluded);
    }

    @Test
    void noProxyExcludes_upperCaseToo() {
        Map<String, String> env = Map.of("http_proxy", "http://p:1", "NO_PROXY", ".internal");
        assertThat(resolve("ws://feed.internal/", env)).isEmpty();
        assertThat(resolve("ws://feed.example/", env)).isPresent();
    }

    @Test
    void badValue_namesTheVariable() {
        assertThatThrownBy(() -> resolve("ws://e.com/", Map.of("http_proxy", "ftp://p:1")))
                .hasMessageContaining("http_proxy").hasMessageContaining("ftp");
    }
}
