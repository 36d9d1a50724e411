package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Settings that exist are usable; the ones that are not say which field, which value, and what is allowed. */
class SettingsTest {

    @Test
    void defaults_matchTheHeadlessContract() {
        Settings d = Settings.DEFAULTS;

        assertThat(d.pingInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(d.pingTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(d.openTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.closeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.reconnectInitial()).isEqualTo(Duration.ofMillis(500));
        assertThat(d.reconnectMax()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.autoReconnect()).as("--no-reconnect is off by default").isTrue();
        assertThat(d.maxMessageSize()).isEqualTo(16 * 1024 * 1024);
    }

    @Test
    void anUntouchedBuilder_buildsTheDefaults() {
        assertThat(Settings.builder().build()).isEqualTo(Settings.DEFAULTS);
    }

    @Test
    void toBuilder_keepsEveryFieldButTheChangedOne() {
        Settings s = Settings.DEFAULTS.toBuilder().pingTimeout(Duration.ofSeconds(3)).build();

        assertThat(s).isEqualTo(new Settings(Duration.ofSeconds(20), Duration.ofSeconds(3), Duration.ofSeconds(10),
                Duration.ofSeconds(10), Duration.ofMillis(500), Duration.ofSeconds(30), 2.0, 0.5, Duration.ofSeconds(30),
                true, 16 * 1024 * 1024, 32L * 1024 * 1024, Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ZERO,
                Duration.ZERO, Duration.ZERO, 100.0, false));
    }

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                bad("ping interval 0", b -> b.pingInterval(Duration.ZERO), "ping interval must be ≥ 10 ms, got 0 ms"),
                bad("heartbeat interval 0", b -> b.heartbeatInterval(Duration.ZERO),
                        "heartbeat interval must be ≥ 10 ms, got 0 ms"),
                bad("heartbeat timeout 5 ms", b -> b.heartbeatTimeout(Duration.ofMillis(5)),
                        "heartbeat timeout must be 0 (the heartbeat interval) or ≥ 10 ms, got 5 ms"),
                bad("ping interval 9 ms", b -> b.pingInterval(Duration.ofMillis(9)), "ping interval must be ≥ 10 ms, got 9 ms"),
                bad("ping interval 2 h", b -> b.pingInterval(Duration.ofHours(2)), "ping interval must be ≤ 1 h, got 2 h"),
                bad("ping timeout 0", b -> b.pingTimeout(Duration.ZERO), "ping timeout must be ≥ 10 ms, got 0 ms"),
                bad("open timeout 5 ms", b -> b.openTimeout(Duration.ofMillis(5)), "open timeout must be ≥ 10 ms, got 5 ms"),
                bad("close timeout -1 s", b -> b.closeTimeout(Duration.ofSeconds(-1)), "close timeout must be ≥ 10 ms, got -1 s"),
                bad("close timeout 3 h", b -> b.closeTimeout(Duration.ofHours(3)), "close timeout must be ≤ 1 h, got 3 h"),
                bad("reconnect initial 0", b -> b.reconnectInitial(Duration.ZERO), "reconnect initial delay must be ≥ 1 ms, got 0 ms"),
                bad("reconnect max 2 h", b -> b.reconnectMax(Duration.ofHours(2)), "reconnect max delay must be ≤ 1 h, got 2 h"),
                bad("reconnect max below initial", b -> b.reconnectInitial(Duration.ofSeconds(5)).reconnectMax(Duration.ofSeconds(1)),
                        "reconnect max delay must be ≥ reconnect initial delay (5 s), got 1 s"),
                bad("multiplier 0.5", b -> b.reconnectMultiplier(0.5), "reconnect multiplier must be between 1 and 10, got 0.5"),
                bad("multiplier 11", b -> b.reconnectMultiplier(11), "reconnect multiplier must be between 1 and 10, got 11.0"),
                bad("multiplier NaN", b -> b.reconnectMultiplier(Double.NaN), "reconnect multiplier must be between 1 and 10, got NaN"),
                bad("jitter 1.5", b -> b.reconnectJitter(1.5), "reconnect jitter must be between 0 and 1, got 1.5"),
                bad("jitter -0.1", b -> b.reconnectJitter(-0.1), "reconnect jitter must be between 0 and 1, got -0.1"),
                bad("stable period -1 ms", b -> b.stablePeriod(Duration.ofMillis(-1)), "stable period must be ≥ 0 ms, got -1 ms"),
                bad("max message size 100", b -> b.maxMessageSize(100), "max message size must be ≥ 125 bytes, got 100"),
                bad("send queue cap 10", b -> b.sendQueueCap(10),
                        "send queue cap must be between 1024 bytes and 1 GiB, got 10 bytes"),
                bad("send queue cap 2 GiB", b -> b.sendQueueCap(2L << 30),
                        "send queue cap must be between 1024 bytes and 1 GiB, got 2147483648 bytes"));
    }

    private static Arguments bad(String name, UnaryOperator<Settings.Builder> change, String message) {
        return Arguments.of(name, change, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidValues")
    void invalidValue_isRefused_withAMessageNamingTheFieldAndTheValue(
            String name, UnaryOperator<Settings.Builder> change, String message) {
        assertThatThrownBy(() -> change.apply(Settings.builder()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void limitsThemselves_areAccepted() {
        assertThatCode(() -> Settings.builder()
                .pingInterval(Settings.MIN_TIMER).pingTimeout(Settings.MAX_TIMER)
                .openTimeout(Settings.MIN_TIMER).closeTimeout(Settings.MAX_TIMER)
                .reconnectInitial(Duration.ofMillis(1)).reconnectMax(Duration.ofMillis(1))
                .reconnectMultiplier(1).reconnectJitter(0).stablePeriod(Duration.ZERO)
                .maxMessageSize(Settings.MIN_MESSAGE_SIZE).sendQueueCap(Settings.MIN_QUEUE_CAP).build())
                .doesNotThrowAnyException();
        assertThatCode(() -> Settings.builder().reconnectMultiplier(10).reconnectJitter(1)
                .reconnectMax(Settings.MAX_TIMER).stablePeriod(Settings.MAX_TIMER)
                .sendQueueCap(Settings.MAX_QUEUE_CAP).build())
                .doesNotThrowAnyException();
    }

    @Test
    void missingDuration_isRefused_namingTheField() {
        assertThatThrownBy(() -> Settings.builder().closeTimeout(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessage("close timeout");
    }

    static Stream<Arguments> justOutsideALimit() {
        return Stream.of(
                Arguments.of(Duration.ofMillis(3_600_001)),
                Arguments.of(Duration.ofNanos(9_999_999)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("justOutsideALimit")
    void aValueJustOutsideALimit_isNotPrintedAsTheLimitItself(Duration value) {
        assertThatThrownBy(() -> Settings.builder().pingInterval(value).build())
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .doesNotMatch(".* must be [≤≥] (.+), got \\1");
    }

    @Test
    void aBadValue_isTyped_namingTheSettingAndTheValue() {
        assertThatThrownBy(() -> Settings.builder().pingTimeout(Duration.ZERO).build())
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                    assertThat(e.setting()).isEqualTo(Setting.PING_TIMEOUT);
                    assertThat(e.value()).isEqualTo(Duration.ZERO);
                });
        assertThatThrownBy(() -> Settings.builder().reconnectInitial(Duration.ofSeconds(5)).reconnectMax(Duration.ofSeconds(1))
                .build())
                .isInstanceOfSatisfying(InvalidSettingException.class,
                        e -> assertThat(e.setting()).isEqualTo(Setting.RECONNECT_MAX));
    }

    @Test
    void theTable_hasOneRowPerSetting_andEachRowReadsBackWhatItDisplays() {
        assertThat(Settings.class.getRecordComponents()).extracting(c -> c.getName())
                .containsExactlyInAnyOrderElementsOf(Setting.keys());
        for (Setting s : Setting.values()) {
            Object value = s.defaultValue();
            assertThat(s.parse(s.display(value))).as(s.key()).isEqualTo(value);
            Settings.Builder b = Settings.builder();
            s.set(b, value);
            assertThat(b.build()).isEqualTo(Settings.DEFAULTS);
        }
    }
}
