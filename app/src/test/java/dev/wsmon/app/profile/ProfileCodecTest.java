package dev.wsmon.app.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.core.Setting;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProfileCodecTest {

    static LoadedProfile read(String json) throws ProfileException {
        return ProfileCodec.read("p.json", json.getBytes(StandardCharsets.UTF_8));
    }

    static Profile full() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer ${FEED_TOKEN}");
        headers.put("X-Trace", "wsmon");
        SettingsOverrides every = SettingsOverrides.NONE
                .with(Setting.PING_INTERVAL, Duration.ofMillis(250))
                .with(Setting.PING_TIMEOUT, Duration.ofNanos(10_500_000)) // sub-millisecond parts survive
                .with(Setting.OPEN_TIMEOUT, Duration.ofSeconds(5))
                .with(Setting.CLOSE_TIMEOUT, Duration.ofMinutes(2))
                .with(Setting.RECONNECT_INITIAL, Duration.ofMillis(100))
                .with(Setting.RECONNECT_MAX, Duration.ofHours(1))
                .with(Setting.RECONNECT_MULTIPLIER, 1.5)
                .with(Setting.RECONNECT_JITTER, 0.0)
                .with(Setting.STABLE_PERIOD, Duration.ZERO)
                .with(Setting.AUTO_RECONNECT, false)
                .with(Setting.MAX_MESSAGE_SIZE, 1000)
                .with(Setting.SEND_QUEUE_CAP, 4L * 1024 * 1024);
        return new Profile(1, "desk feeds", SettingsOverrides.NONE.with(Setting.PING_INTERVAL, Duration.ofSeconds(5)),
                List.of(new ConnectionProfile("feed", "wss://feed.example.com/v2?x=1", headers, List.of("v2", "v1"), every,
                                true, List.of("prod", "eu"), "the feed"),
                        ConnectionProfile.of("plain", "ws://127.0.0.1:9/"),
                        ConnectionProfile.of("mtls", "wss://h/").withTls(new ProfileTls(java.util.Optional.of("ca.pem"),
                                java.util.Optional.of("client.p12"), java.util.Optional.empty(),
                                java.util.Optional.of("${P12_PASSWORD}")), "https://app.example.com")));
    }

    @Test
    void roundTrip_readOfWrite_isEqual() throws ProfileException {
        Profile p = full();
        LoadedProfile back = ProfileCodec.read("p.json", ProfileCodec.write(p));
        assertThat(back.profile()).isEqualTo(p);
        assertThat(back.warnings()).isEmpty();
        assertThat(back.profile().connections().get(0).headers().keySet()).containsExactly("Authorization", "X-Trace");
    }

    @Test
    void write_usesTheHumanSyntax_andKeepsTemplates() {
        String text = new String(ProfileCodec.write(full()), StandardCharsets.UTF_8);
        assertThat(text).contains("\"pingInterval\": \"250ms\"", "\"pingTimeout\": \"10.5ms\"", "\"closeTimeout\": \"2m\"",
                "\"sendQueueCap\": \"4MiB\"", "\"maxMessageSize\": 1000", "\"reconnectMultiplier\": 1.5",
                "\"Authorization\": \"Bearer ${FEED_TOKEN}\"", "\"version\": 1");
        assertThat(text).doesNotContain("\"insecure\": false").endsWith("}\n");
    }

    @Test
    void tlsAndCompression_inDefaultsAndPerConnection_roundTrip_andABadCompressionNamesTheField() throws ProfileException {
        LoadedProfile p = read("""
                {"version": 1, "defaults": {"pingInterval": "5s", "tls": {"ca": "corp-ca.pem"}, "compression": false},
                 "connections": [{"name": "a", "url": "wss://h/", "compression": true,
                                  "tls": {"clientCert": "a.p12", "clientCertPassword": "${A_PW}"}},
                                 {"name": "b", "url": "wss://h/"}]}""");
        assertThat(p.warnings()).isEmpty();
        Profile profile = p.profile();
        assertThat(profile.tls().ca()).contains("corp-ca.pem");
        assertThat(profile.compression()).contains(false);
        assertThat(profile.defaults().get(Setting.PING_INTERVAL)).contains(Duration.ofSeconds(5));
        assertThat(profile.connections().get(0).compression()).contains(true);
        assertThat(profile.connections().get(1).compression()).isEmpty();
        assertThat(profile.connections().get(0).tls().over(profile.tls())).isEqualTo(new ProfileTls(
                java.util.Optional.of("corp-ca.pem"), java.util.Optional.of("a.p12"), java.util.Optional.empty(),
                java.util.Optional.of("${A_PW}")));
        assertThat(ProfileCodec.read("p.json", ProfileCodec.write(profile)).profile()).isEqualTo(profile);

        assertThatThrownBy(() -> read("""
                {"version": 1, "defaults": {"compression": "yes"}, "connections": []}"""))
                .isInstanceOf(ProfileException.class).hasMessageContaining("defaults.compression")
                .hasMessageContaining("expected true (offer permessage-deflate) or false");
    }

    @Test
    void proxy_perConnectionAndInDefaults_roundTrips_andABadOneNamesTheField() throws ProfileException {
        LoadedProfile p = read("""
                {"version": 1, "defaults": {"pingInterval": "5s", "proxy": "http://corp:3128"},
                 "connections": [{"name": "a", "url": "ws://h/", "proxy": "socks5://u:${PW}@s:1080"},
                                 {"name": "b", "url": "ws://h/", "proxy": "none"}]}""");
        assertThat(p.warnings()).isEmpty();
        assertThat(p.profile().proxy()).contains("http://corp:3128");
        assertThat(p.profile().connections()).extracting(ConnectionProfile::proxy)
                .containsExactly(java.util.Optional.of("socks5://u:${PW}@s:1080"), java.util.Optional.of("none"));
        assertThat(ProfileCodec.read("p.json", ProfileCodec.write(p.profile())).profile()).isEqualTo(p.profile());
        assertThat(p.profile().connections().get(0).toString()).doesNotContain("${PW}");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> read("""
                {"version": 1, "connections": [{"name": "a", "url": "ws://h/", "proxy": "ftp://p:1"}]}"""))
                .hasMessageContaining("proxy").hasMessageContaining("socks5://");
    }

    @Test
    void metricsLabels_roundTrip_andABadNameOrValueNamesTheField() throws ProfileException {
        LoadedProfile p = read("""
                {"version": 1, "metricsLabels": {"site": "fra1", "env": "prod"},
                 "connections": [{"name": "a", "url": "ws://h/"}]}""");
        assertThat(p.warnings()).isEmpty();
        assertThat(p.profile().metricsLabels().values()).containsExactly(java.util.Map.entry("site", "fra1"),
                java.util.Map.entry("env", "prod"));
        assertThat(ProfileCodec.read("p.json", ProfileCodec.write(p.profile())).profile()).isEqualTo(p.profile());
        assertThat(p.profile().withConnections(java.util.List.of()).metricsLabels()).isEqualTo(p.profile().metricsLabels());

        assertThatThrownBy(() -> read("{\"version\": 1, \"metricsLabels\": {\"conn\": \"x\"}}"))
                .hasMessageStartingWith("p.json: line 1, metricsLabels.conn: label name 'conn' is one of wsmon's own");
        assertThatThrownBy(() -> read("{\"version\": 1, \"metricsLabels\": {\"site\": 1}}"))
                .hasMessage("p.json: line 1, metricsLabels.site: expected a string, got the number 1");
        assertThatThrownBy(() -> read("{\"version\": 1, \"metricsLabels\": [\"site=fra1\"]}"))
                .hasMessageContaining("metricsLabels: expected an object of label names to values");
    }

    @Test
    void minimalProfile_readsWithDefaults() throws ProfileException {
        Profile p = read("{\"version\": 1, \"connections\": [{\"name\": \"a\", \"url\": \"ws://h/\"}]}").profile();
        assertThat(p.connections()).containsExactly(ConnectionProfile.of("a", "ws://h/"));
        assertThat(p.defaults().isEmpty()).isTrue();
        assertThat(p.description()).isEmpty();
    }

    @Test
    void descriptions_areAccepted_withoutWarning() throws ProfileException {
        LoadedProfile p = read("""
                {"version": 1, "description": "why",
                 "connections": [{"name": "a", "url": "ws://h/", "description": "what"}]}""");
        assertThat(p.warnings()).isEmpty();
        assertThat(p.profile().connections().get(0).description()).isEqualTo("what");
    }

    @Test
    void unknownFields_areWarnings_namingFileLineAndField() throws ProfileException {
        LoadedProfile p = read("""
                {
                  "version": 1,
                  "colour": "red",
                  "connections": [
                    {"name": "a", "url": "ws://h/",
                     "settings": {"pingIntervall": "1s"}}
                  ]
                }""");
        assertThat(p.profile().connections()).hasSize(1);
        assertThat(p.warnings()).hasSize(2);
        assertThat(p.warnings().get(0)).startsWith("p.json: line 3, colour: unknown field ignored").contains("connections");
        assertThat(p.warnings().get(1)).startsWith("p.json: line 6, connections[0].settings.pingIntervall: unknown setting")
                .contains("pingInterval");
    }

    @Test
    void sampleProfiles_loadWithoutWarnings() throws Exception {
        for (String name : List.of("demo.json", "example-deployment.json")) {
            LoadedProfile p = ProfileStore.load(java.nio.file.Path.of("..", "resources", "profiles", name));
            assertThat(p.warnings()).as(name).isEmpty();
            assertThat(p.profile().connections()).as(name).isNotEmpty();
            assertThat(p.profile().description()).as(name).isNotBlank();
        }
    }

    /** Each kind of bad profile: one error naming the file, the line and the field, and what is allowed. */
    @Nested
    class Rejects {

        @Test
        void malformedJson_withLineAndColumn() {
            assertThatThrownBy(() -> read("{\n  \"version\": 1,\n  \"connections\": [\n    {\"name\": \"a\" \"url\": \"ws://h/\"}\n  ]\n}"))
                    .isInstanceOf(ProfileException.class)
                    .hasMessageStartingWith("p.json: line 4, column ")
                    .hasMessageContaining("malformed JSON")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }

        @Test
        void tooDeeplyNested_withTheLineWhereTheLimitWasPassed() {
            String deep = "{\"version\": 1,\n\"description\": \"x\",\n\"defaults\":\n" + "[".repeat(1200) + "]".repeat(1200) + "}";
            assertThatThrownBy(() -> read(deep))
                    .isInstanceOf(ProfileException.class)
                    .hasMessageStartingWith("p.json: line 4, column ")
                    .hasMessageContaining("nested too deeply")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }

        @Test
        void emptyFile() {
            assertThatThrownBy(() -> read("")).hasMessage("p.json: is empty; expected a JSON object with \"version\": 1 and"
                    + " \"connections\"");
        }

        @Test
        void duplicateKeys() {
            assertThatThrownBy(() -> read("{\"version\": 1,\n\"version\": 1}")).hasMessageStartingWith("p.json: line 2")
                    .hasMessageContaining("Duplicate field 'version'");
        }

        @Test
        void wrongType() {
            assertThatThrownBy(() -> read("""
                    {"version": 1,
                     "connections": [
                       {"name": "a", "url": "ws://h/", "insecure": "yes"}]}"""))
                    .hasMessage("p.json: line 3, connections[0].insecure: expected true or false, got the string \"yes\"");
        }

        @Test
        void durationAsNumber() {
            assertThatThrownBy(() -> read("{\"version\": 1,\n \"defaults\": {\"pingInterval\": 5}}"))
                    .hasMessage("p.json: line 2, defaults.pingInterval: expected a duration string such as \"250ms\", \"1.5s\""
                            + " or \"2m\", got the number 5");
        }

        @Test
        void invalidDuration() {
            assertThatThrownBy(() -> read("""
                    {"version": 1,
                     "connections": [
                       {"name": "a", "url": "ws://h/",
                        "settings": {"pingTimeout": "5x"}}]}"""))
                    .hasMessage("p.json: line 4, connections[0].settings.pingTimeout: '5x' is not a duration; write a number"
                            + " with ms, s, m or h, e.g. 250ms, 1.5s, 2m");
        }

        @Test
        void durationOutOfRange() {
            assertThatThrownBy(() -> read("{\"version\": 1,\n \"defaults\": {\"pingTimeout\": \"5ms\"}}"))
                    .hasMessageStartingWith("p.json: line 2, defaults.pingTimeout: ping timeout must be ≥ "); // core's sentence
        }

        @Test
        void settingsThatClash_blameOneField() {
            assertThatThrownBy(() -> read("{\"version\": 1,\n \"defaults\": {\"reconnectMax\": \"100ms\",\n"
                    + " \"reconnectInitial\": \"1s\"}}"))
                    .hasMessageStartingWith("p.json: line ")
                    .hasMessageContaining("defaults.reconnect")
                    .hasMessageContaining("reconnect max delay must be ≥ reconnect initial delay");
        }

        @Test
        void badSize() {
            assertThatThrownBy(() -> read("{\"version\": 1,\n \"defaults\": {\"maxMessageSize\": \"16MB\"}}"))
                    .hasMessageStartingWith("p.json: line 2, defaults.maxMessageSize: '16MB' is not a size");
            assertThatThrownBy(() -> read("{\"version\": 1, \"defaults\": {\"maxMessageSize\": \"4GiB\"}}"))
                    .hasMessageContaining("too large");
        }

        @Test
        void missingOrUnsupportedVersion() {
            assertThatThrownBy(() -> read("{\"connections\": []}")).hasMessage("p.json: line 1: \"version\" is missing;"
                    + " write \"version\": 1");
            assertThatThrownBy(() -> read("{\"version\": 2}")).hasMessage("p.json: line 1, version: version the number 2 is"
                    + " not supported; this wsmon reads version 1");
        }

        @Test
        void notAnObject() {
            assertThatThrownBy(() -> read("[1, 2]")).hasMessageStartingWith("p.json: line 1: expected a JSON object");
        }

        @Test
        void missingUrl_and_badUrl() {
            assertThatThrownBy(() -> read("{\"version\": 1, \"connections\": [\n{\"name\": \"a\"}]}"))
                    .hasMessage("p.json: line 2, connections[0]: \"url\" is missing");
            assertThatThrownBy(() -> read("{\"version\": 1, \"connections\": [\n{\"name\": \"a\",\n \"url\": \"http://h/\"}]}"))
                    .hasMessage("p.json: line 3, connections[0].url: 'http://h/' must start with ws:// or wss:// (for http://,"
                            + " use ws://)");
        }

        @Test
        void aHostHeader_isRefused_namingTheLine() {
            assertThatThrownBy(() -> read("{\"version\": 1, \"connections\": [{\"name\": \"a\", \"url\": \"ws://h/\",\n"
                    + " \"headers\": {\"HOST\": \"other.example\"}}]}"))
                    .hasMessageStartingWith("p.json: line 2, connections[0].headers.HOST: a 'Host' header cannot be set");
        }

        @Test
        void port0_isRefusedLikePort70000() {
            assertThatThrownBy(() -> read("{\"version\": 1, \"connections\": [{\"name\": \"a\", \"url\": \"ws://h:0/\"}]}"))
                    .hasMessageContaining("connections[0].url: 'ws://h:0/' has port 0; ports go from 1 to 65535");
        }

        @Test
        void badHeaderName_and_nonStringValue() {
            assertThatThrownBy(() -> read("{\"version\": 1, \"connections\": [{\"name\": \"a\", \"url\": \"ws://h/\",\n"
                    + " \"headers\": {\"Bad Name\": \"x\"}}]}"))
                    .hasMessageStartingWith("p.json: line 2, connections[0].headers.Bad Name: header name 'Bad Name' is not");
            assertThatThrownBy(() -> read("{\"version\": 1, \"connections\": [{\"name\": \"a\", \"url\": \"ws://h/\",\n"
                    + " \"headers\": {\"X\": 5}}]}"))
                    .hasMessageContaining("connections[0].headers.X: expected a string");
        }

        @Test
        void duplicateNames() {
            assertThatThrownBy(() -> read("""
                    {"version": 1, "connections": [
                      {"name": "a", "url": "ws://h/"},
                      {"name": "a", "url": "ws://i/"}]}"""))
                    .hasMessage("p.json: line 3, connections[1].name: 'a' is already the name of connections[0]; names must"
                            + " be unique");
        }
    }

    @Test
    void alerts_webhookAndCommand_andAlertAfter_roundTrip_andABadWebhookNamesTheField() throws ProfileException {
        LoadedProfile p = read("""
                {"version": 1, "defaults": {"alertAfter": "1m"},
                 "alerts": {"webhook": "https://hooks.example.com/services/${HOOK}", "command": "notify.sh"},
                 "connections": [{"name": "a", "url": "ws://h/"}]}""");
        assertThat(p.warnings()).isEmpty();
        assertThat(p.profile().alerts().webhook()).contains("https://hooks.example.com/services/${HOOK}");
        assertThat(p.profile().alerts().command()).contains("notify.sh");
        assertThat(p.profile().defaults().applyTo(dev.wsmon.core.Settings.DEFAULTS).alertAfter())
                .isEqualTo(Duration.ofMinutes(1));
        String text = new String(ProfileCodec.write(p.profile()), StandardCharsets.UTF_8);
        assertThat(text).contains("\"alerts\": {", "\"webhook\": \"https://hooks.example.com/services/${HOOK}\"",
                "\"alertAfter\": \"1m\"");
        assertThat(ProfileCodec.read("p.json", ProfileCodec.write(p.profile())).profile()).isEqualTo(p.profile());

        assertThatThrownBy(() -> read("""
                {"version": 1,
                 "alerts": {"webhook": "hooks.example.com/x"}}"""))
                .isInstanceOf(ProfileException.class)
                .hasMessage("p.json: line 2, alerts.webhook: alert webhook must be an http:// or https:// URL with a"
                        + " host, e.g. https://hooks.example.com/services/${HOOK_TOKEN}");
    }
}
