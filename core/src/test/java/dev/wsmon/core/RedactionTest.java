package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RedactionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ws://alice:S3cretPW@host/x?token=QTOKEN123 | ws://host/x?token=***",
        "wss://h:8443/feed?v=2&api_key=K1&room=7     | wss://h:8443/feed?v=2&api_key=***&room=7",
        "ws://h/?X-Api-Key=K&Signature=S&sig=T&SESSION=U&jwt=J&access_token=A&Passwd=P&pwd=Q&credential=C&auth=Z | "
                + "ws://h/?X-Api-Key=***&Signature=***&sig=***&SESSION=***&jwt=***&access_token=***&Passwd=***&pwd=***&credential=***&auth=***",
        "ws://h/plain?room=7&user=bob                 | ws://h/plain?room=7&user=bob",
        "ws://[::1]:9000/x?secret=s                    | ws://[::1]:9000/x?secret=***",
        "ws://h/x?to%6Ben=enc                          | ws://h/x?to%6Ben=***",
    })
    void url_dropsUserInfo_andMasksSecretLookingParameters(String raw, String shown) {
        assertThat(Redaction.url(URI.create(raw))).isEqualTo(shown);
        assertThat(Redaction.url(raw)).isEqualTo(shown);
    }

    @Test
    void textThatIsNoUrl_isScrubbedAsWell() {
        assertThat(Redaction.url("ws://bob:pw@h /x?token=abc def")).doesNotContain("pw").doesNotContain("abc")
                .contains("token=***");
    }

    @Test
    void secret_showsOnlyTheMask_butRevealsAndComparesTheValue() {
        Secret s = Secret.of("Bearer abc");
        assertThat(s).hasToString("***");
        assertThat(s.reveal()).isEqualTo("Bearer abc");
        assertThat(s).isEqualTo(Secret.of("Bearer abc"));
        assertThat(Secret.url(URI.create("ws://u:p@h/?key=k"))).hasToString("ws://h/?key=***");
    }

    @Test
    void endpoint_printsNoCredential() {
        Endpoint e = Endpoint.of("ws://alice:S3cretPW@host/x?token=QTOKEN123")
                .withHeaders(java.util.Map.of("Authorization", "Bearer QBEARER"));
        assertThat(e.toString()).doesNotContain("S3cretPW").doesNotContain("QTOKEN123").doesNotContain("QBEARER");
        assertThat(e.display()).isEqualTo("ws://host/x?token=***");
    }

    @Test
    void badUrlMessage_printsNoCredential() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Endpoint.parseUri("http://alice:S3cretPW@host/?token=QT"))
                .hasMessageNotContaining("S3cretPW").hasMessageNotContaining("QT\"").hasMessageContaining("ws://");
    }
}
