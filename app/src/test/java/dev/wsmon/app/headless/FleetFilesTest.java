package dev.wsmon.app.headless;

import static dev.wsmon.app.headless.AppProcess.PROMPT;
import static dev.wsmon.app.headless.AppProcess.state;
import static dev.wsmon.app.headless.AppProcess.type;
import static dev.wsmon.app.testing.Executables.onPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wsmon.app.cli.WsmonCommand;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The files a fleet's Prometheus and Grafana load (resources/prometheus, resources/grafana) against the real thing:
 * the dashboard is a well-formed Grafana dashboard, and every wsmon metric it or the alert rules query exists in a
 * live scrape of wsmon in a child JVM, which {@code promtool check metrics} accepts.
 */
class FleetFilesTest {

    private static final Path DASHBOARD = Path.of("..", "resources", "grafana", "wsmon-dashboard.json");
    private static final Path RULES = Path.of("..", "resources", "prometheus", "wsmon-alerts.yml");
    private static final Pattern METRIC = Pattern.compile("\\bwsmon_[a-zA-Z0-9_]+");
    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{(\\w+)[^}]*}|(\\w+))");
    /** Grafana's own variables. */
    private static final Set<String> BUILT_IN = Set.of("__rate_interval", "__interval", "__range", "__all");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void dashboard_isWellFormed_everyPanelQueriesTheChosenDatasource_andEveryVariableItUsesIsDefined() throws IOException {
        JsonNode d = JSON.readTree(DASHBOARD.toFile());
        assertThat(d.path("uid").asText()).isNotBlank();
        assertThat(d.path("title").asText()).isNotBlank();
        assertThat(d.path("schemaVersion").isInt()).isTrue();

        Set<String> variables = new HashSet<>();
        for (JsonNode v : d.path("templating").path("list")) {
            assertThat(variables.add(v.path("name").asText())).as("variable %s defined once", v.path("name")).isTrue();
        }
        assertThat(variables).as("a variable per probe label and per connection")
                .contains("datasource", "job", "instance", "site", "conn", "filters");

        Set<Integer> ids = new HashSet<>();
        List<String> expressions = new ArrayList<>();
        for (JsonNode p : d.path("panels")) {
            String title = p.path("title").asText();
            assertThat(ids.add(p.path("id").asInt(-1))).as("panel id of %s unique", title).isTrue();
            JsonNode grid = p.path("gridPos");
            assertThat(grid.path("w").asInt() + grid.path("x").asInt()).as("%s fits the 24 columns", title).isBetween(1, 24);
            assertThat(grid.path("h").asInt()).as("%s height", title).isPositive();
            if (p.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(p.path("datasource").path("uid").asText()).as("%s datasource", title).isEqualTo("${datasource}");
            assertThat(p.path("targets")).as("%s targets", title).isNotEmpty();
            Set<String> refIds = new HashSet<>();
            for (JsonNode t : p.path("targets")) {
                assertThat(t.path("expr").asText()).as("%s expr", title).isNotBlank();
                assertThat(refIds.add(t.path("refId").asText())).as("%s refId unique", title).isTrue();
                expressions.add(t.path("expr").asText());
            }
        }
        for (JsonNode v : d.path("templating").path("list")) {
            if (v.has("definition")) {
                expressions.add(v.path("definition").asText());
            }
        }
        Set<String> used = new TreeSet<>();
        for (String expr : expressions) {
            Matcher m = VARIABLE.matcher(expr);
            while (m.find()) {
                used.add(m.group(1) != null ? m.group(1) : m.group(2));
            }
        }
        used.removeAll(BUILT_IN);
        assertThat(variables).as("variables the queries use").containsAll(used);
        assertThat(metrics(String.join("\n", expressions))).as("the dashboard queries wsmon metrics").isNotEmpty();
    }

    /** One scrape of a live wsmon (a child JVM) for the tests below. */
    private static String scrape;

    @BeforeAll
    static void scrapeALiveWsmon() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort(); // nothing listens there once closed: attempts end, closes are counted
        }
        List<String> args = new ArrayList<>(List.of("--headless", "--demo", "--ping-interval", "200ms",
                "--reconnect-initial", "100ms", "--reconnect-max", "200ms", "--metrics-port", "0",
                "--metrics-label", "site=ci", "ws://127.0.0.1:" + closedPort + "/"));
        // the application heartbeat (wsmon_app_rtt_seconds) where this build has it: the demo echoes it back
        boolean heartbeat = WsmonCommand.commandLine(new WsmonCommand()).getCommandSpec().findOption("--heartbeat") != null;
        if (heartbeat) {
            args.addAll(List.of("--heartbeat", "hb", "--heartbeat-expect", "hb", "--heartbeat-interval", "200ms"));
        }
        try (AppProcess app = AppProcess.start(args.toArray(String[]::new))) {
            Matcher m = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/metrics)").matcher(app.awaitStderr("metrics on", PROMPT));
            assertThat(m.find()).isTrue();
            app.awaitEvent("a latency of the demo", type("latency"));
            app.awaitEvent("a CLOSED of the unreachable URL", state("CLOSED"));
            app.send("hello"); // a send with an outcome: the demo echoes and its pong confirms it
            app.awaitEvent("the send delivered", type("delivered"));
            app.awaitEvent("another latency", type("latency"));
            if (heartbeat) {
                app.awaitEvent("a heartbeat's reply", type("app_latency"));
            }
            scrape = get(m.group(1));
            app.terminate();
            assertThat(app.awaitExit(PROMPT)).isZero();
        }
    }

    @Test
    void liveScrape_passesPromtoolCheckMetrics_andEverySeriesCarriesTheOperatorLabels() throws Exception {
        promtoolAccepts(scrape);
        assertThat(scrape).contains("wsmon_build_info{").contains("wsmon_up{");
        for (String line : scrape.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                assertThat(line).as("every series carries --metrics-label site=ci").contains("site=\"ci\"");
            }
        }
    }

    @Test
    void everyMetricTheDashboardAndTheRulesQuery_isInALiveScrape() throws Exception {
        Set<String> served = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                served.add(line.replaceAll("[{ ].*", ""));
            }
        }

        TreeMap<String, String> missing = new TreeMap<>();
        for (String name : metrics(dashboardExpressions())) {
            if (!served.contains(name)) {
                missing.put(name, "resources/grafana/wsmon-dashboard.json");
            }
        }
        for (String name : metrics(rulesExpressions())) {
            if (!served.contains(name)) {
                missing.merge(name, "resources/prometheus/wsmon-alerts.yml", (a, b) -> a + ", " + b);
            }
        }
        if (!missing.isEmpty()) {
            StringBuilder why = new StringBuilder("metrics queried but not in a live scrape of wsmon:\n");
            missing.forEach((name, where) -> why.append("  ").append(name).append("  (").append(where).append(")\n"));
            why.append("served:\n  ").append(String.join("\n  ", served));
            fail(why.toString());
        }
    }

    /** {@code promtool check metrics} on the scrape; where CI runs (CI=true), promtool must be there. */
    private static void promtoolAccepts(String scrape) throws IOException, InterruptedException {
        String promtool = onPath("promtool");
        if (promtool == null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("promtool is not on PATH: apt-get install prometheus (.ci/run installs it)");
            }
            System.err.println("FleetFilesTest: promtool not on PATH, `promtool check metrics` skipped"
                    + " (apt-get install prometheus)");
            return;
        }
        Process p = new ProcessBuilder(promtool, "check", "metrics").redirectErrorStream(true).start();
        p.getOutputStream().write(scrape.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("promtool ended").isTrue();
        assertThat(p.exitValue()).as("promtool check metrics:\n%s\non:\n%s", out, scrape).isZero();
        assertThat(out.strip()).as("promtool's findings").isEmpty();
    }

    private static String dashboardExpressions() throws IOException {
        List<String> out = new ArrayList<>();
        JSON.readTree(DASHBOARD.toFile()).findValues("expr").forEach(e -> out.add(e.asText()));
        JSON.readTree(DASHBOARD.toFile()).findValues("definition").forEach(e -> out.add(e.asText()));
        return String.join("\n", out);
    }

    /** The rules' {@code expr:} lines (each rule's expression is one line). */
    private static String rulesExpressions() throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(RULES)) {
            if (line.strip().startsWith("expr:")) {
                out.add(line.strip().substring("expr:".length()));
            }
        }
        assertThat(out).as("rules in %s", RULES).isNotEmpty();
        return String.join("\n", out);
    }

    private static Set<String> metrics(String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(text);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }
}
