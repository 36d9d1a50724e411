package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSizesTest {

    @Test
    void parsesBytesAndBinaryMultiples() {
        assertThat(ByteSizes.parse("1048576")).isEqualTo(1_048_576L);
        assertThat(ByteSizes.parse("125B")).isEqualTo(125L);
        assertThat(ByteSizes.parse("512KiB")).isEqualTo(512L * 1024);
        assertThat(ByteSizes.parse("16MiB")).isEqualTo(16L * 1024 * 1024);
        assertThat(ByteSizes.parse(" 1 gib ")).isEqualTo(1L << 30);
    }

    @Test
    void refusesDecimalUnitsAndNonsense_sayingWhatIsAccepted() {
        for (String bad : new String[] {"16MB", "1.5MiB", "-1", "", "lots", "99999999999999999999"}) {
            assertThatThrownBy(() -> ByteSizes.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void formatsTheShortestExactSpelling() {
        assertThat(ByteSizes.format(16L * 1024 * 1024)).isEqualTo("16MiB");
        assertThat(ByteSizes.format(1536)).isEqualTo("1536"); // no fractions: exact integers only
        assertThat(ByteSizes.format(2048)).isEqualTo("2KiB");
        assertThat(ByteSizes.format(1000)).isEqualTo("1000");
        assertThat(ByteSizes.format(0)).isEqualTo("0");
    }
}
