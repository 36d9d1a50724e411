package dev.wsmon.app.headless;

import static dev.wsmon.app.headless.AppProcess.PROMPT;
import static dev.wsmon.app.headless.AppProcess.state;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wsmon.core.testing.HttpRejectServer;
import dev.wsmon.core.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run full of credentials (user-info, secret query parameters, header values literal and from the environment)
 * prints none of them: not on stdout, not on stderr, not in a metrics label. And an environment variable cannot
 * inject a header line into the upgrade request.
 */
class SecretsProcessTest {

    private static final List<String> SECRETS = List.of("alice", "S3cretPW", "QTOKEN123", "QAPIKEY456", "bob",
            "QPROFILEPW", "QSIG789", "QENVTOKEN", "QLITERALSESSION", "QHEADERKEY");

    @Test
    void profileFullOfSecrets_printsNoneOfThem_inEventsStderrOrMetrics(@TempDir Path dir) throws Exception {
        try (TestServer server = TestServer.start()) {
            String host = "127.0.0.1:" + server.port();
            Path profile = dir.resolve("secrets.json");
            Files.writeString(profile, """
                    {"version": 1, "connections": [
                      {"name": "feed", "url": "ws://bob:QPROFILEPW@%s/z?X-Api-Signature=QSIG789&room=7",
                       "headers": {"Authorization": "Bearer ${WSMON_TEST_TOKEN}", "X-Session": "QLITERALSESSION"}}
                    ]}""".formatted(host));
            try (AppProcess app = AppProcess.start(Map.of("WSMON_TEST_TOKEN", "QENVTOKEN"),
                    "--headless", "--ping-interval", "200ms", "--close-timeout", "500ms", "--metrics-port", "0", "--profile", profile.toString(),
                    "--header", "X-Api-Key: QHEADERKEY",
                    "ws://alice:S3cretPW@" + host + "/x?token=QTOKEN123&room=7",
                    "ws://" + host + "/y?api_key=QAPIKEY456")) {
                String line = app.awaitStderr("metrics on http://127.0.0.1:", PROMPT);
                Matcher port = Pattern.compile("127\\.0\\.0\\.1:(\\d+)/metrics").matcher(line);
                assertThat(port.find()).isTrue();
                List<JsonNode> events = app.awaitEvents("three OPEN",
                        all -> all.stream().filter(state("OPEN")).count() == 3, PROMPT);
                assertThat(events).filteredOn(state("OPEN")).extracting(e -> e.path("conn").asText())
                        .containsExactlyInAnyOrder("ws://" + host + "/x?token=***&room=7", "ws://" + host + "/y?api_key=***", "feed");

                String metrics = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.group(1) + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertThat(metrics).contains("conn=\"ws://" + host + "/x?token=***&room=7\"");
                app.terminate();
                app.awaitExit(PROMPT.multipliedBy(2));

                for (String secret : SECRETS) {
                    assertThat(app.stdout()).as("stdout").doesNotContain(secret);
                    assertThat(app.stderr()).as("stderr").doesNotContain(secret);
                    assertThat(metrics).as("metrics").doesNotContain(secret);
                }
            }
        }
    }

    @Test
    void variableHoldingALineBreak_injectsNoHeader_andTheAttemptFailsNamingIt() {
        try (HttpRejectServer server = HttpRejectServer.start("403 Forbidden", Map.of());
             AppProcess app = AppProcess.start(Map.of("WSMON_EVIL", "a\r\nEvil: b"),
                     "--headless", "--no-reconnect", "--header", "X-Inject: ${WSMON_EVIL}", server.uri().toString())) {
            JsonNode closed = app.awaitEvent("CLOSED", state("CLOSED"), PROMPT);
            app.awaitExit(PROMPT);
            assertThat(server.requests()).noneSatisfy(request -> assertThat(request).containsIgnoringCase("Evil:"));
            assertThat(closed.path("cause").asText()).isEqualTo("connect-failed");
            assertThat(closed.path("detail").asText()).contains("X-Inject").contains("${WSMON_EVIL}")
                    .doesNotContain("Evil: b");
            assertThat(app.stderr()).contains("${WSMON_EVIL}").doesNotContain("Evil: b");
        }
    }
}
