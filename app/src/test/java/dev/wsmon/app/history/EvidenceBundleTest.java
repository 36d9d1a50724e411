package dev.wsmon.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wsmon.app.viewmodel.ConnectionSpec;
import dev.wsmon.app.viewmodel.EvidenceSubject;
import dev.wsmon.core.CloseCause;
import dev.wsmon.core.CloseReport;
import dev.wsmon.core.Health;
import dev.wsmon.core.HealthReason;
import dev.wsmon.core.Initiator;
import dev.wsmon.core.ProxySpec;
import dev.wsmon.core.Settings;
import dev.wsmon.core.State;
import dev.wsmon.core.event.StateChanged;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The evidence bundle: every part there, and not one secret of a connection full of them anywhere in it. */
class EvidenceBundleTest {

    static final long T0 = HistoryRecorderTest.T0;
    static final List<String> SECRETS = List.of("S3cretUserPw", "TokSecret123", "HeaderSecret456", "EnvSecret789",
            "CookieSecret000", "ProxySecret111");

    @TempDir
    Path dir;

    private static ConnectionSpec secretive() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer HeaderSecret456");
        headers.put("X-Api-Key", "${WSMON_TEST_KEY}");
        headers.put("Cookie", "session=CookieSecret000");
        return new ConnectionSpec("feed", "ws://alice:S3cretUserPw@127.0.0.1:9/feed?token=TokSecret123&v=1", headers,
                List.of("chat"), false, Settings.DEFAULTS, false,
                Optional.of(ProxySpec.parse("http://bob:ProxySecret111@127.0.0.1:3128")));
    }

    @Test
    void bundle_holdsEveryPart_andNoSecretOfTheConnectionAnywhere() throws Exception {
        Path file = dir.resolve("history.db");
        HistoryEvents feed = new HistoryEvents("feed");
        // a server that echoes what it was sent into its close reason: the secret reaches a recorded event
        CloseReport echoed = new CloseReport(1008, "bad token TokSecret123 for Bearer HeaderSecret456", Initiator.REMOTE,
                CloseCause.REMOTE_CLOSE, Duration.ZERO, -1, "", 0, Optional.empty(), true);
        Path zip = dir.resolve("feed-evidence.zip");
        try (HistoryService history = HistoryService.start(file, HistoryOptions.DEFAULTS, () -> T0 + 600_000, w -> { })) {
            HistoryRecorder r = history.recorder().orElseThrow();
            r.accept(feed.state(T0, State.CONNECTING, State.CLOSED));
            r.accept(feed.state(T0 + 10, State.OPEN, State.CONNECTING));
            for (int i = 0; i < 90; i++) {
                r.accept(feed.rtt(T0 + 1_000L * (i + 1), 2_000 + 10L * i));
            }
            r.accept(feed.health(T0 + 30_000, Health.DEGRADED, HealthReason.RTT_HIGH));
            r.accept(feed.alert(T0 + 60_000, true, T0 + 30_000));
            r.accept(new StateChanged(feed.id, T0 + 95_000, State.CLOSED, State.OPEN, 1, "", Optional.of(Initiator.REMOTE),
                    Optional.of(echoed)));
            r.accept(feed.health(T0 + 95_000, Health.DOWN, HealthReason.CLOSED));
            BundleSubject subject = EvidenceSubject.of(secretive(), Settings.DEFAULTS,
                    name -> name.equals("WSMON_TEST_KEY") ? "EnvSecret789" : null);
            history.bundle(subject, T0, T0 + 600_000, zip).get(30, TimeUnit.SECONDS);

            // the control: the plain export does carry the echoed secret, so finding none in the bundle means something
            StringWriter plain = new StringWriter();
            try (HistoryDatabase db = HistoryDatabase.openForReading(file)) {
                new HistoryExport(db).eventsJsonl("feed", T0, T0 + 600_000, plain);
            }
            assertThat(plain.toString()).contains("TokSecret123");
        }

        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        assertThat(entries.keySet()).containsExactlyInAnyOrderElementsOf(EvidenceBundle.ENTRIES);
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            String text = new String(e.getValue(), StandardCharsets.ISO_8859_1); // byte for byte, binary entries too
            for (String secret : SECRETS) {
                assertThat(text).as("%s holds %s", e.getKey(), secret).doesNotContain(secret);
            }
            assertThat(text).as(e.getKey()).doesNotContain("alice:").doesNotContain("bob:");
        }

        String summary = new String(entries.get("summary.md"), StandardCharsets.UTF_8);
        assertThat(summary).contains("# wsmon evidence: feed").contains("## Closes (1; 1 opens)").contains("| 1008 | remote-close |")
                .contains("DEGRADED (rtt-high)").contains("| firing |").contains("90 samples")
                .contains("No handshake timings recorded");
        JsonNode connection = new ObjectMapper().readTree(entries.get("connection.json"));
        assertThat(connection.get("url").asText()).isEqualTo("ws://127.0.0.1:9/feed?token=***&v=1");
        assertThat(connection.get("headers").get("Authorization").asText()).isEqualTo("***");
        assertThat(connection.get("headers").get("X-Api-Key").asText()).isEqualTo("***");
        assertThat(connection.get("proxy").asText()).isEqualTo("http://127.0.0.1:3128"); // user-info goes, as in any URL
        assertThat(connection.get("subprotocols").get(0).asText()).isEqualTo("chat");
        assertThat(connection.get("settings").get("pingInterval").asText()).isNotBlank();
        JsonNode about = new ObjectMapper().readTree(entries.get("about.json"));
        assertThat(about.get("java").asText()).isEqualTo(System.getProperty("java.version"));
        assertThat(about.get("os").asText()).startsWith(System.getProperty("os.name"));
        assertThat(new String(entries.get("events.jsonl"), StandardCharsets.UTF_8).lines().count()).isEqualTo(2 + 90 + 4);
        assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(entries.get("chart.png")))).isNotNull();
    }
}
