package dev.wsmon.app.headless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.core.Setting;
import dev.wsmon.app.headless.RunPlan.PlannedConnection;
import dev.wsmon.app.profile.SettingsOverrides;
import dev.wsmon.core.Secret;
import dev.wsmon.core.ProxySpec;
import dev.wsmon.core.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanBuilderTest {

    @TempDir
    Path dir;

    private final PlanBuilder builder = new PlanBuilder(Map.of("SET_TOKEN", "the-secret-value")::get);

    private static HeadlessOptions options(List<String> urls, SettingsOverrides flags, List<Header> headers,
                                           List<String> subprotocols, Path profile, boolean insecure, boolean noReconnect) {
        return new HeadlessOptions(urls, flags, noReconnect, Optional.empty(), headers, subprotocols,
                Optional.ofNullable(profile), OptionalInt.empty(), insecure, false);
    }

    private static HeadlessOptions urls(String... urls) {
        return options(List.of(urls), SettingsOverrides.NONE, List.of(), List.of(), null, false, false);
    }

    private Path profile(String json) throws IOException {
        Path file = dir.resolve("p.json");
        Files.writeString(file, json);
        return file;
    }

    private static final String PROFILE = """
            {"version": 1,
             "defaults": {"pingInterval": "5s", "pingTimeout": "4s"},
             "connections": [
               {"name": "feed", "url": "wss://feed.example.com/", "settings": {"pingInterval": "2s", "openTimeout": "3s"},
                "headers": {"Authorization": "Bearer ${SET_TOKEN}", "X-Other": "keep"}, "subprotocols": ["v2"]},
               {"name": "staging", "url": "wss://staging.example.com/", "insecure": true}
             ]}""";

    @Test
    void settings_layer_defaults_profileDefaults_connection_flags() throws Exception {
        SettingsOverrides flags = SettingsOverrides.NONE.with(Setting.PING_INTERVAL, Duration.ofMillis(300));
        RunPlan plan = builder.build(options(List.of("ws://127.0.0.1:1/"), flags, List.of(), List.of(), profile(PROFILE),
                false, true));
        assertThat(plan.connections()).extracting(PlannedConnection::name).containsExactly("ws://127.0.0.1:1/", "feed", "staging");
        Settings url = plan.connections().get(0).settings();
        Settings feed = plan.connections().get(1).settings();
        assertThat(url.pingInterval()).isEqualTo(Duration.ofMillis(300)); // flag
        assertThat(url.pingTimeout()).isEqualTo(Duration.ofSeconds(4)); // profile defaults apply to URLs too
        assertThat(feed.pingInterval()).isEqualTo(Duration.ofMillis(300)); // flag over connection
        assertThat(feed.openTimeout()).isEqualTo(Duration.ofSeconds(3)); // connection over defaults
        assertThat(feed.closeTimeout()).isEqualTo(Settings.DEFAULTS.closeTimeout());
        assertThat(plan.connections()).allSatisfy(c -> assertThat(c.settings().autoReconnect()).isFalse());
    }

    @Test
    void metricsLabelFlags_goOverTheProfilesLabels_nameByName() throws Exception {
        Path file = profile("""
                {"version": 1, "metricsLabels": {"site": "fra1", "env": "prod"},
                 "connections": [{"name": "feed", "url": "wss://feed.example.com/"}]}""");
        HeadlessOptions o = options(List.of(), SettingsOverrides.NONE, List.of(), List.of(), file, false, false)
                .withMetricsLabels(new dev.wsmon.app.metrics.MetricsLabels(Map.of("site", "ams2", "probe", "b")));
        assertThat(builder.build(o).metricsLabels().values())
                .containsOnly(Map.entry("site", "ams2"), Map.entry("env", "prod"), Map.entry("probe", "b"));
        assertThat(builder.build(urls("ws://127.0.0.1:1/")).metricsLabels().isEmpty()).isTrue();
    }

    @Test
    void headerFlags_overrideTheProfilesOfTheSameName_inAnyCase_andRepeatsAreJoined() throws Exception {
        RunPlan plan = builder.build(options(List.of(), SettingsOverrides.NONE,
                List.of(Header.parse("authorization: Basic x"), Header.parse("X-Add: 1"), Header.parse("x-add: 2")),
                List.of(), profile(PROFILE), false, false));
        Map<String, Secret> headers = plan.connections().get(0).endpoint().headers();
        assertThat(headers).containsEntry("authorization", Secret.of("Basic x")).containsEntry("X-Other", Secret.of("keep"))
                .containsEntry("X-Add", Secret.of("1, 2")).doesNotContainKey("Authorization");
    }

    @Test
    void subprotocolFlags_replaceTheProfilesList() throws Exception {
        RunPlan plan = builder.build(options(List.of(), SettingsOverrides.NONE, List.of(), List.of("a", "b"),
                profile(PROFILE), false, false));
        assertThat(plan.connections().get(0).endpoint().subprotocols()).containsExactly("a", "b");
        RunPlan kept = builder.build(options(List.of(), SettingsOverrides.NONE, List.of(), List.of(), profile(PROFILE),
                false, false));
        assertThat(kept.connections().get(0).endpoint().subprotocols()).containsExactly("v2");
    }

    @Test
    void insecure_isPerConnectionInAProfile_andForEveryConnectionAsAFlag_andAlwaysWarned() throws Exception {
        RunPlan perConnection = builder.build(options(List.of(), SettingsOverrides.NONE, List.of(), List.of(),
                profile(PROFILE), false, false));
        assertThat(perConnection.connections()).extracting(c -> c.endpoint().tls().insecure()).containsExactly(false, true);
        assertThat(perConnection.warnings()).anySatisfy(w -> assertThat(w).contains("staging").contains("OFF"));

        RunPlan all = builder.build(options(List.of("wss://a.example/"), SettingsOverrides.NONE, List.of(), List.of(),
                profile(PROFILE), true, false));
        assertThat(all.connections()).allSatisfy(c -> assertThat(c.endpoint().tls().insecure()).isTrue());
        assertThat(all.warnings()).anySatisfy(w -> assertThat(w).contains("--insecure").contains("every connection"));
    }

    @Test
    void headerTemplates_stayTemplates_andAnUnsetVariableIsWarnedByName() throws Exception {
        RunPlan plan = builder.build(options(List.of("ws://127.0.0.1:1/"), SettingsOverrides.NONE,
                List.of(Header.parse("X-Key: ${UNSET_ONE}")), List.of(), profile(PROFILE), false, false));
        assertThat(plan.connections().get(1).endpoint().headers())
                .containsEntry("Authorization", Secret.of("Bearer ${SET_TOKEN}"));
        assertThat(plan.warnings()).anySatisfy(w -> assertThat(w).contains("${UNSET_ONE}"));
        assertThat(String.join("\n", plan.warnings())).doesNotContain("the-secret-value");
    }

    @Test
    void repeatedUrls_getNumberedNames() throws Exception {
        RunPlan plan = builder.build(urls("ws://h/", "ws://h/"));
        assertThat(plan.connections()).extracting(PlannedConnection::name).containsExactly("ws://h/", "ws://h/#2");
    }

    @Test
    void nothingToMonitor_isBadUsage() {
        assertThatThrownBy(() -> builder.build(urls())).isInstanceOf(UsageException.class)
                .hasMessageContaining("--headless needs a URL");
    }

    @Test
    void badUrl_isBadUsage_namingIt() {
        assertThatThrownBy(() -> builder.build(urls("https://h/"))).isInstanceOf(UsageException.class)
                .hasMessage("URL argument: 'https://h/' must start with ws:// or wss:// (for https://, use wss://)");
    }

    @Test
    void aFlagOutOfRange_isNamedWithItsValue() {
        SettingsOverrides flags = SettingsOverrides.NONE.with(Setting.CLOSE_TIMEOUT, Duration.ofMillis(1));
        assertThatThrownBy(() -> builder.build(options(List.of("ws://h/"), flags, List.of(), List.of(), null, false, false)))
                .hasMessageStartingWith("--close-timeout 1ms: close timeout must be ≥ "); // the sentence is core's
    }

    @Test
    void aFlagThatClashesWithTheProfile_isNamedWithTheConnection() throws Exception {
        Path p = profile("""
                {"version": 1, "connections": [
                  {"name": "feed", "url": "ws://h/", "settings": {"reconnectMax": "2s"}}]}""");
        SettingsOverrides flags = SettingsOverrides.NONE.with(Setting.RECONNECT_INITIAL, Duration.ofSeconds(5));
        assertThatThrownBy(() -> builder.build(options(List.of(), flags, List.of(), List.of(), p, false, false)))
                .hasMessageStartingWith("--reconnect-initial 5s (for connection 'feed' of ")
                .hasMessageContaining("): reconnect max delay must be ≥ reconnect initial delay"); // the sentence is core's
    }

    @Test
    void aBadProfile_isBadUsage_namingTheFlagAndTheFile() throws Exception {
        Path p = profile("{\"version\": 1,\n\"connections\": 5}");
        assertThatThrownBy(() -> builder.build(options(List.of(), SettingsOverrides.NONE, List.of(), List.of(), p, false, false)))
                .isInstanceOf(UsageException.class)
                .hasMessage("--profile: " + p + ": line 2, connections: expected an array of connections, got the number 5");
    }

    @Test
    void zeroDuration_isBadUsage() {
        HeadlessOptions o = new HeadlessOptions(List.of("ws://h/"), SettingsOverrides.NONE, false, Optional.of(Duration.ZERO),
                List.of(), List.of(), Optional.empty(), OptionalInt.empty(), false, false);
        assertThatThrownBy(() -> builder.build(o)).hasMessageStartingWith("--duration 0ms:");
    }

    private static HeadlessOptions withProxy(String proxy, String... urls) {
        return new HeadlessOptions(List.of(urls), SettingsOverrides.NONE, false, Optional.empty(), List.of(), List.of(),
                Optional.empty(), OptionalInt.empty(), false, false, Map.of(), true, Optional.empty(),
                Optional.ofNullable(proxy));
    }

    @Test
    void proxyFlag_appliesToEveryConnection_loopbackIncluded_andNoneTurnsTheEnvironmentOff() throws Exception {
        PlanBuilder withEnv = new PlanBuilder(Map.of("http_proxy", "http://envproxy:3128", "no_proxy", "localhost")::get);
        RunPlan plan = withEnv.build(withProxy("socks5://u:pw@127.0.0.1:1080", "ws://127.0.0.1:1/", "ws://localhost:2/"));
        assertThat(plan.connections()).allSatisfy(c ->
                assertThat(c.endpoint().proxy()).map(ProxySpec::display).contains("socks5://u:***@127.0.0.1:1080"));

        RunPlan fromEnv = withEnv.build(withProxy(null, "ws://feed.example/", "ws://localhost:2/"));
        assertThat(fromEnv.connections().get(0).endpoint().proxy()).map(ProxySpec::address).contains("envproxy:3128");
        assertThat(fromEnv.connections().get(1).endpoint().proxy()).as("no_proxy").isEmpty();

        RunPlan none = withEnv.build(withProxy("none", "ws://feed.example/"));
        assertThat(none.connections().get(0).endpoint().proxy()).isEmpty();
    }

    @Test
    void badProxy_isOneUsageMessage_withoutThePassword() {
        assertThatThrownBy(() -> builder.build(withProxy("ftp://u:hunter2@p:1", "ws://h/")))
                .isInstanceOf(UsageException.class).hasMessageStartingWith("--proxy: ").hasMessageNotContaining("hunter2");
        PlanBuilder badEnv = new PlanBuilder(Map.of("https_proxy", "http://p:notaport")::get);
        assertThatThrownBy(() -> badEnv.build(withProxy(null, "wss://h/")))
                .hasMessageContaining("https_proxy").hasMessageContaining("--proxy none");
    }

    @Test
    void proxy_flagOverConnectionOverProfileDefaultsOverEnvironment() throws Exception {
        Path file = profile("""
                {"version": 1, "defaults": {"proxy": "http://defaults:1"},
                 "connections": [{"name": "own", "url": "ws://a/", "proxy": "socks5://own:2"},
                                 {"name": "off", "url": "ws://b/", "proxy": "none"},
                                 {"name": "inherits", "url": "ws://c/"}]}""");
        PlanBuilder withEnv = new PlanBuilder(Map.of("http_proxy", "http://env:3")::get);
        HeadlessOptions fromProfile = new HeadlessOptions(List.of("ws://url/"), SettingsOverrides.NONE, false,
                Optional.empty(), List.of(), List.of(), Optional.of(file), OptionalInt.empty(), false, false, Map.of(), true,
                Optional.empty(), Optional.empty());
        assertThat(withEnv.build(fromProfile).connections()).extracting(c -> c.endpoint().proxy().map(ProxySpec::host).orElse("-"))
                .containsExactly("defaults", "own", "-", "defaults");
        HeadlessOptions flag = new HeadlessOptions(List.of("ws://url/"), SettingsOverrides.NONE, false,
                Optional.empty(), List.of(), List.of(), Optional.of(file), OptionalInt.empty(), false, false, Map.of(), true,
                Optional.empty(), Optional.of("http://flag:4"));
        assertThat(withEnv.build(flag).connections()).allSatisfy(c ->
                assertThat(c.endpoint().proxy()).map(ProxySpec::host).contains("flag"));
    }

    private static HeadlessOptions withHandshake(HandshakeFlags h, String... urls) {
        return new HeadlessOptions(List.of(urls), SettingsOverrides.NONE, false, Optional.empty(), List.of(), List.of(),
                Optional.empty(), OptionalInt.empty(), false, false, Map.of(), true, Optional.empty(), h);
    }

    @Test
    void origin_isSentAsTheOriginHeader_overAProfileOrHeaderValue_inItsSerialisedForm() throws Exception {
        HandshakeFlags h = new HandshakeFlags(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("HTTPS://App.Example.com:8443/"));
        RunPlan plan = builder.build(withHandshake(h, "ws://h/"));
        assertThat(plan.connections().get(0).endpoint().headers().get("Origin").reveal())
                .isEqualTo("https://app.example.com:8443");
    }

    @Test
    void origin_thatIsNoOrigin_isAUsageError_sayingWhatToWrite() {
        HandshakeFlags h = new HandshakeFlags(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("app.example.com/path"));
        assertThatThrownBy(() -> builder.build(withHandshake(h, "ws://h/"))).isInstanceOf(UsageException.class)
                .hasMessage("--origin app.example.com/path: write scheme://host[:port], e.g. https://app.example.com");
    }

    @Test
    void caFile_thatIsMissingOrNotPem_isAUsageError_namingIt() throws IOException {
        Path garbage = Files.writeString(dir.resolve("ca.pem"), "hello");
        HandshakeFlags bad = new HandshakeFlags(Optional.of(garbage), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
        assertThatThrownBy(() -> builder.build(withHandshake(bad, "wss://h/"))).isInstanceOf(UsageException.class)
                .hasMessage("--ca " + garbage + ": not a PEM file (no -----BEGIN CERTIFICATE----- line)");
        HandshakeFlags missing = new HandshakeFlags(Optional.of(dir.resolve("none.pem")), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> builder.build(withHandshake(missing, "wss://h/"))).isInstanceOf(UsageException.class)
                .hasMessageContaining("none.pem: no such file");
    }

    @Test
    void clientKeyOrPassword_withoutACertificate_isAUsageError() {
        HandshakeFlags key = new HandshakeFlags(Optional.empty(), Optional.empty(), Optional.of(dir.resolve("k.pem")),
                Optional.empty(), Optional.empty());
        assertThatThrownBy(() -> builder.build(withHandshake(key, "wss://h/"))).hasMessageContaining("--client-cert FILE");
        HandshakeFlags password = new HandshakeFlags(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(Secret.of("${SET_TOKEN}")), Optional.empty());
        assertThatThrownBy(() -> builder.build(withHandshake(password, "wss://h/")))
                .hasMessageContaining("--client-cert FILE").hasMessageNotContaining("the-secret-value");
    }

    @Test
    void profileTlsAndOrigin_areReadRelativeToTheProfile_andFlagsWin() throws Exception {
        java.security.cert.X509Certificate cert = dev.wsmon.core.testing.TlsMaterial.certificate(
                dev.wsmon.core.testing.TlsMaterial.LOCALHOST);
        Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n");
        Path profile = dir.resolve("p.json");
        Files.writeString(profile, """
                {"version": 1, "connections": [
                  {"name": "a", "url": "wss://h/", "tls": {"ca": "ca.pem"}, "origin": "https://app.example.com"},
                  {"name": "b", "url": "wss://h/", "tls": {"ca": "missing.pem"}}]}""");
        HeadlessOptions o = options(List.of(), SettingsOverrides.NONE, List.of(), List.of(), profile, false, false);
        assertThatThrownBy(() -> builder.build(o)).isInstanceOf(UsageException.class)
                .hasMessageContaining("connection 'b' of " + profile).hasMessageContaining("tls.ca ")
                .hasMessageContaining("missing.pem: no such file");

        Files.writeString(profile, """
                {"version": 1, "connections": [
                  {"name": "a", "url": "wss://h/", "tls": {"ca": "ca.pem"}, "origin": "https://app.example.com"}]}""");
        PlannedConnection a = builder.build(o).connections().get(0);
        assertThat(a.endpoint().tls().extraCas()).containsExactly(cert);
        assertThat(a.endpoint().headers().get("Origin").reveal()).isEqualTo("https://app.example.com");
    }

    @Test
    void compression_isOfferedByDefault_andNoCompressionTurnsItOff() throws Exception {
        assertThat(builder.build(urls("ws://h/")).connections().get(0).endpoint().compression()).isTrue();
        HandshakeFlags off = new HandshakeFlags(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), true);
        assertThat(builder.build(withHandshake(off, "ws://h/")).connections().get(0).endpoint().compression()).isFalse();
    }

    @Test
    void alertHooks_fromTheProfile_eachOverriddenByItsFlag() throws Exception {
        Path file = profile("""
                {"version": 1, "alerts": {"webhook": "https://hooks.example/a", "command": "notify.sh"},
                 "connections": [{"name": "a", "url": "ws://h/"}]}""");
        RunPlan fromProfile = builder.build(options(List.of(), SettingsOverrides.NONE, List.of(), List.of(), file, false, false));
        assertThat(fromProfile.alerts()).isEqualTo(new dev.wsmon.app.alerting.AlertHooks(
                Optional.of("https://hooks.example/a"), Optional.of("notify.sh")));

        HeadlessOptions flags = new HeadlessOptions(List.of(), SettingsOverrides.NONE, false, Optional.empty(), List.of(),
                List.of(), Optional.of(file), OptionalInt.empty(), false, false, Map.of(), true, Optional.empty(),
                Optional.empty(), HandshakeFlags.NONE,
                new dev.wsmon.app.alerting.AlertHooks(Optional.of("http://127.0.0.1:9/b"), Optional.empty()), FeedFlags.NONE);
        RunPlan overridden = builder.build(flags);
        assertThat(overridden.alerts().webhook()).contains("http://127.0.0.1:9/b");
        assertThat(overridden.alerts().command()).contains("notify.sh");
    }

    @Test
    void profileDefaults_giveTlsAndCompression_toEveryConnection_underItsOwnFields_andTheFlagsWin() throws Exception {
        java.security.cert.X509Certificate cert = dev.wsmon.core.testing.TlsMaterial.certificate(
                dev.wsmon.core.testing.TlsMaterial.LOCALHOST);
        Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n");
        Path profile = dir.resolve("defaults.json");
        Files.writeString(profile, """
                {"version": 1, "defaults": {"tls": {"ca": "ca.pem"}, "compression": false}, "connections": [
                  {"name": "a", "url": "wss://h/"},
                  {"name": "b", "url": "wss://h/", "compression": true}]}""");
        HeadlessOptions o = options(List.of("wss://cli/"), SettingsOverrides.NONE, List.of(), List.of(), profile, false, false);
        List<PlannedConnection> all = builder.build(o).connections();
        assertThat(all).extracting(PlannedConnection::name).containsExactly("wss://cli/", "a", "b");
        assertThat(all).allSatisfy(c -> assertThat(c.endpoint().tls().extraCas()).containsExactly(cert));
        assertThat(all).extracting(c -> c.endpoint().compression()).containsExactly(false, false, true);

        Files.writeString(profile, """
                {"version": 1, "defaults": {"tls": {"ca": "nowhere.pem"}}, "connections": [{"name": "a", "url": "wss://h/"}]}""");
        assertThatThrownBy(() -> builder.build(options(List.of(), SettingsOverrides.NONE, List.of(), List.of(), profile,
                false, false))).isInstanceOf(UsageException.class).hasMessageContaining("tls.ca ")
                .hasMessageContaining("nowhere.pem");
    }
}
