package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HeaderTemplatesTest {

    @Test
    void references_areExpanded() {
        Map<String, Secret> out = HeaderTemplates.expand(Map.of("Authorization", Secret.of("Bearer ${T}")),
                name -> name.equals("T") ? "abc" : null);
        assertThat(out.get("Authorization").reveal()).isEqualTo("Bearer abc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nEvil: b", "a\nEvil: b", "a\rEvil: b", "a\0b"})
    void aValueThatWouldBreakTheHeaderLine_isRefused_namingTheVariableButNotTheValue(String evil) {
        assertThatThrownBy(() -> HeaderTemplates.expand(Map.of("X-Inject", Secret.of("pre ${EVIL}")),
                name -> name.equals("EVIL") ? evil : null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("header 'X-Inject'").hasMessageContaining("${EVIL}")
                .hasMessageNotContaining("Evil:").hasMessageNotContaining("a\0b");
    }
}
