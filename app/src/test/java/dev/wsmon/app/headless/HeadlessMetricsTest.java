package dev.wsmon.app.headless;

import static dev.wsmon.app.headless.AppProcess.PROMPT;
import static dev.wsmon.app.headless.AppProcess.type;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The metrics endpoint of the real application in a child JVM, as its stderr shows it. */
class HeadlessMetricsTest {

    @Test
    void scrapesAbortedWithAnRst_printNoStackTrace() throws Exception {
        try (AppProcess app = AppProcess.start("--headless", "--demo", "--ping-interval", "200ms", "--metrics-port", "0")) {
            Matcher m = Pattern.compile("127\\.0\\.0\\.1:(\\d+)/metrics").matcher(app.awaitStderr("metrics on", PROMPT));
            assertThat(m.find()).isTrue();
            int port = Integer.parseInt(m.group(1));
            app.awaitEvent("latency", type("latency"));

            for (int i = 0; i < 50; i++) {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    s.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    s.setSoLinger(true, 0); // close with an RST before the answer is read
                }
            }
            HttpResponse<String> scrape = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body()).contains("wsmon_connection_state");

            app.terminate();
            assertThat(app.awaitExit(PROMPT)).isZero();
            assertThat(app.stderrLines()).as("stderr").noneMatch(l -> l.contains("SEVERE") || l.contains("Exception")
                    || l.startsWith("\tat "));
        }
    }
}
