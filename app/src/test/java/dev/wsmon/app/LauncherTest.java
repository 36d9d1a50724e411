package dev.wsmon.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.app.headless.PlanBuilder;
import dev.wsmon.app.headless.RunPlan;
import dev.wsmon.core.Setting;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The command line in-process: help, version, the desktop seam and every kind of bad usage. */
class LauncherTest {

    /** Every option of the contract's table. */
    static final List<String> CONTRACT_FLAGS = List.of("--ping-interval", "--ping-timeout", "--open-timeout", "--close-timeout",
            "--reconnect-initial", "--reconnect-max", "--no-reconnect", "--duration", "--header", "--subprotocol", "--profile",
            "--metrics-port", "--max-message-size", "--insecure", "--headless", "--version", "--help");

    private record Result(int status, String out, List<String> err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Launcher.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        String errText = err.toString(StandardCharsets.UTF_8);
        return new Result(status, out.toString(StandardCharsets.UTF_8), errText.isEmpty() ? List.of() : List.of(errText.split("\n")));
    }

    @Test
    void help_listsEveryContractOption_onStdout() {
        Result r = run("--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains(CONTRACT_FLAGS).contains("--demo");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void help_showsEnvTemplatesAsWritten_notPicocliInterpolatedToNull() {
        String help = run("--help").out().replaceAll("\\s+", " ");
        assertThat(help).doesNotContain("null").contains("may be ${ENV}").contains("may be ${ENV_NAME}");
    }

    @Test
    void version_printsTheBuildVersion() {
        Result r = run("--version");
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("wsmon " + Version.current() + "\n");
        assertThat(Version.current()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void version_namesTheLicence_andWhereTheNoticesAre() {
        assertThat(run("--version").out()).contains("\nLicence: Apache-2.0 (LICENSE; bundled components: THIRD-PARTY)\n");
    }

    @Test
    void withoutHeadless_theDesktopUiIsFoundThroughItsSeam() {
        // The window itself is DesktopAppTest's job: launching it here would block this test JVM.
        assertThat(DesktopEntry.find()).isInstanceOf(dev.wsmon.app.desktop.DesktopUi.class);
    }

    static Stream<Arguments> badUsage() {
        return Stream.of(
                Arguments.of(new String[] {"--headless", "--ping-interval", "5x", "ws://h/"}, "--ping-interval", "5x"),
                Arguments.of(new String[] {"--headless", "--ping-timeout", "1.5", "ws://h/"}, "--ping-timeout", "1.5"),
                Arguments.of(new String[] {"--headless", "--open-timeout", "-1s", "ws://h/"}, "--open-timeout", "-1s"),
                Arguments.of(new String[] {"--headless", "--close-timeout", "5ms", "ws://h/"}, "--close-timeout", "5ms"),
                Arguments.of(new String[] {"--headless", "--reconnect-max", "2h", "ws://h/"}, "--reconnect-max", "2h"),
                Arguments.of(new String[] {"--headless", "--duration", "forever", "ws://h/"}, "--duration", "forever"),
                Arguments.of(new String[] {"--headless", "--header", "no colon", "ws://h/"}, "--header", "'no…' is not a header"), // no more: it may be a credential
                Arguments.of(new String[] {"--headless", "--header", "Bad Name: x", "ws://h/"}, "--header", "Bad Name"),
                Arguments.of(new String[] {"--headless", "--subprotocol", "a b", "ws://h/"}, "--subprotocol", "a b"),
                Arguments.of(new String[] {"--headless", "--metrics-port", "http", "ws://h/"}, "--metrics-port", "http"),
                Arguments.of(new String[] {"--headless", "--metrics-label", "site", "ws://h/"}, "--metrics-label site",
                        "write NAME=VALUE"),
                Arguments.of(new String[] {"--headless", "--metrics-label", "conn=x", "ws://h/"}, "--metrics-label conn=x",
                        "one of wsmon's own"),
                Arguments.of(new String[] {"--headless", "--metrics-label", "data-centre=x", "ws://h/"},
                        "--metrics-label data-centre=x", "not allowed"),
                Arguments.of(new String[] {"--headless", "--metrics-label", "site=a", "--metrics-label", "site=b", "ws://h/"},
                        "--metrics-label site", "'a', 'b'"),
                Arguments.of(new String[] {"--headless", "--metrics-port", "0", "--metrics-address", "probe.example.com",
                        "ws://h/"}, "--metrics-address probe.example.com", "write an IP address"),
                Arguments.of(new String[] {"--headless", "--metrics-port", "0", "--metrics-address", "10.0.0.256",
                        "ws://h/"}, "--metrics-address 10.0.0.256", "write an IP address"),
                Arguments.of(new String[] {"--headless", "--max-message-size", "16MB", "ws://h/"}, "--max-message-size", "16MB"),
                Arguments.of(new String[] {"--headless", "--max-message-size", "3GiB", "ws://h/"}, "--max-message-size", "3GiB"),
                Arguments.of(new String[] {"--headless", "--reconnect-jitter", "2", "ws://h/"}, "--reconnect-jitter", "2"),
                Arguments.of(new String[] {"--headless", "--no-such-flag", "ws://h/"}, "--no-such-flag", "--no-such-flag"),
                Arguments.of(new String[] {"--headless", "--ping-interval"}, "--ping-interval", "--ping-interval"),
                Arguments.of(new String[] {"--headless", "--profile", "/no/such/profile.json"}, "--profile", "/no/such/profile.json"),
                Arguments.of(new String[] {"--headless", "http://h/"}, "URL", "http://h/"),
                // --duration: were the value accepted, the run would end (exit 0) instead of hanging the test
                Arguments.of(new String[] {"--headless", "--duration", "1s", "ws://h:0/"}, "URL", "port 0"),
                Arguments.of(new String[] {"--headless", "--duration", "1s", "--header", "Host: evil.example", "ws://h/"},
                        "--header", "'Host' header cannot be set"),
                Arguments.of(new String[] {"--headless", "--duration", "1s", "--header", "host: evil.example", "ws://h/"},
                        "--header", "host"),
                Arguments.of(new String[] {"--headless", "--ping-interval", "1s", "--ping-interval", "2s", "ws://h/"},
                        "--ping-interval", "'1s', '2s'"),
                Arguments.of(new String[] {"--headless", "--profile", "a.json", "--profile", "b.json"}, "--profile",
                        "'a.json', 'b.json'"),
                Arguments.of(new String[] {"--headless", "--ping-interval", "0s", "ws://h/"}, "--ping-interval 0s:",
                        "got 0 ms"),
                Arguments.of(new String[] {"--headless", "--ping-timeout", "2562047.7h", "ws://h/"},
                        "--ping-timeout 2562047.7h:", "≤ 1 h"),
                Arguments.of(new String[] {"--headless", "--duration", "0s", "ws://h/"}, "--duration 0s:", "more than 0"),
                // desktop mode, flags picocli refuses; settings values: DesktopUsageProcessTest (a child JVM, as a
                // window opened here would block this JVM)
                Arguments.of(new String[] {"--no-such-flag"}, "--no-such-flag", "--no-such-flag"),
                Arguments.of(new String[] {"--theme", "blue"}, "--theme", "blue"));
    }

    @ParameterizedTest
    @MethodSource("badUsage")
    void badUsage_exits2_oneLineNamingFlagAndValue_thenTheUsageHint_nothingOnStdout(String[] args, String flag, String value) {
        Result r = run(args);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).hasSize(2);
        assertThat(r.err().get(0)).startsWith("wsmon: ").contains(flag).contains(value);
        assertThat(r.err().get(1)).isEqualTo(Launcher.USAGE_HINT);
    }

    @Test
    void help_isBuiltFromTheSettingsTable_everySettingWithItsFlagHelpAndDefault() {
        String help = run("--help").out().replaceAll("\\s+", " ");
        for (Setting s : Setting.values()) {
            assertThat(help).as(s.flag()).contains(s.flag()).contains(s.help().replaceAll("\\s+", " ").substring(0, 20));
            if (s.kind() != Setting.Kind.BOOLEAN) {
                assertThat(help).as(s.flag()).contains("(default: " + s.display(s.defaultValue()) + ")");
            }
        }
    }

    @Test
    void desktopAndHeadless_getOnePlan_withTheSameNames_andTheSettingsFlags() throws Exception {
        RunPlan desktop = Launcher.plan(List.of("--ping-interval", "2s", "--ping-timeout", "1s", " ws://h:1/x "));
        RunPlan headless = Launcher.plan(List.of("--headless", "--ping-interval", "2s", "--ping-timeout", "1s", " ws://h:1/x "));
        assertThat(desktop.options().headless()).isFalse();
        assertThat(desktop.connections()).hasSize(1);
        assertThat(desktop.connections().get(0).settings().pingInterval()).isEqualTo(java.time.Duration.ofSeconds(2));
        assertThat(desktop.connections().get(0).settings().pingTimeout()).isEqualTo(java.time.Duration.ofSeconds(1));
        assertThat(desktop.connections().get(0).name()).isEqualTo(headless.connections().get(0).name())
                .isEqualTo(PlanBuilder.commandLineName(" ws://h:1/x "));
        assertThat(desktop.connections()).isEqualTo(headless.connections());
    }

    @Test
    void aDesktopPlan_mayBeEmpty_theWindowThenOpensTheLastProfileOrTheDemo() throws Exception {
        assertThat(Launcher.plan(List.of()).connections()).isEmpty();
    }

    @Test
    void metricsPortInUse_isBadUsage() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Result r = run("--headless", "--metrics-port", Integer.toString(taken.getLocalPort()), "ws://127.0.0.1:1/");
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().get(0)).contains("--metrics-port " + taken.getLocalPort());
        }
    }
}
