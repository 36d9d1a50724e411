package dev.wsmon.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonPrettyTest {

    private final JsonPretty json = new JsonPretty();

    @Test
    void anObject_isIndented_oneFieldOrElementALine() {
        JsonPretty.Result r = json.pretty("{\"op\":\"book\",\"bids\":[[1,2]],\"ok\":true,\"none\":null}");

        assertThat(r.json()).isTrue();
        assertThat(r.text()).isEqualTo(String.join("\n",
                "{",
                "  \"op\": \"book\",",
                "  \"bids\": [",
                "    [",
                "      1,",
                "      2",
                "    ]",
                "  ],",
                "  \"ok\": true,",
                "  \"none\": null",
                "}"));
    }

    @Test
    void whatThePeerSent_survives_digitsKeyOrderAndDuplicateKeys() {
        JsonPretty.Result r = json.pretty("{\"z\":0.10000000000000000000001,\"a\":123456789012345678901234567890,\"z\":1e400}");

        assertThat(r.text()).contains("\"z\": 0.10000000000000000000001", "\"a\": 123456789012345678901234567890",
                "\"z\": 1e400");
        assertThat(r.text().indexOf("\"z\"")).isLessThan(r.text().indexOf("\"a\""));
    }

    @Test
    void notJson_saysWhatAndWhere_andKeepsTheText() {
        JsonPretty.Result r = json.pretty("{\"op\": pong}");

        assertThat(r.json()).isFalse();
        assertThat(r.text()).isEqualTo("{\"op\": pong}");
        assertThat(r.problem()).startsWith("not JSON: ").contains("line 1, column");
        assertThat(json.pretty("2").json()).isTrue(); // a scalar is JSON too (Engine.IO's "2" ping is one)
        assertThat(json.pretty("{} {}").problem()).contains("more follows the first value");
        assertThat(json.pretty("").problem()).isEqualTo("not JSON: the message is empty");
    }
}
