package dev.wsmon.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 3629 as a stream: the same verdict whether the bytes come at once or one by one. */
class Utf8StreamTest {

    @ParameterizedTest(name = "{0} valid: {1}")
    @CsvSource({
        "48656c6c6f, true",
        "cebae1bdb9cf83cebcceb5, true",
        "f09f9880, true",
        "efbfbf, true",
        "ed9fbf, true",
        "f48fbfbf, true",
        "c0af, false",
        "e080af, false",
        "eda080, false",
        "f4908080, false",
        "f5808080, false",
        "80, false",
        "ff, false",
        "e282, false"})
    void judgesWholeInputsAndByteByByte_alike(String hex, boolean valid) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        Utf8Stream whole = new Utf8Stream();
        Utf8Stream single = new Utf8Stream();

        boolean wholeOk = whole.feed(bytes, 0, bytes.length) && whole.complete();
        boolean singleOk = true;
        for (byte b : bytes) {
            singleOk &= single.feed(b);
        }
        singleOk &= single.complete();

        assertThat(wholeOk).isEqualTo(valid);
        assertThat(singleOk).isEqualTo(valid);
    }
}
