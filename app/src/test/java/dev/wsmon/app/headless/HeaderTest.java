package dev.wsmon.app.headless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A bad --header is explained without echoing what may be a credential. */
class HeaderTest {

    @Test
    void withoutAColon_theMessageShowsTheNameButNotTheValue() {
        assertThatThrownBy(() -> Header.parse("Authorization Bearer QSECRET"))
                .hasMessage("'Authorization…' is not a header; write 'Name: value'");
    }

    @Test
    void badName_orNoName_showsNoValue() {
        assertThatThrownBy(() -> Header.parse("Auth orization: Bearer QSECRET")).hasMessageNotContaining("QSECRET")
                .hasMessageContaining("'Auth orization' is not a valid header name");
        assertThatThrownBy(() -> Header.parse(": Bearer QSECRET")).hasMessageNotContaining("QSECRET");
    }

    @Test
    void toString_showsTheNameOnly() {
        assertThat(Header.parse("Authorization: Bearer QSECRET")).hasToString("Authorization: ***");
    }
}
