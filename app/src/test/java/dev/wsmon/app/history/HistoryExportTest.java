package dev.wsmon.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wsmon.app.Launcher;
import dev.wsmon.core.CloseCause;
import dev.wsmon.core.State;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports read back with the libraries a script would use: CSV, JSON Lines, PNG; and {@code wsmon export}. */
class HistoryExportTest {

    static final long T0 = HistoryRecorderTest.T0;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Path file;

    @BeforeEach
    void record() throws Exception {
        file = dir.resolve("history.db");
        HistoryEvents a = new HistoryEvents("alpha");
        try (HistoryRecorder r = HistoryRecorder.start(file, HistoryOptions.DEFAULTS, () -> T0, w -> { })) {
            r.accept(a.state(T0, State.CONNECTING, State.CLOSED));
            r.accept(a.state(T0 + 5, State.OPEN, State.CONNECTING));
            for (int i = 0; i < 120; i++) {
                r.accept(a.rtt(T0 + 1_000L * (i + 1), 1_000 + 37L * i));
            }
            r.accept(a.app(T0 + 1_500, 41_250));
            r.accept(a.closed(T0 + 200_000, CloseCause.KEEPALIVE_TIMEOUT));
            r.flush().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void rttCsv_parsesBack_toTheRecordedSamples() throws Exception {
        StringWriter out = new StringWriter();
        try (HistoryDatabase db = HistoryDatabase.openForReading(file)) {
            assertThat(new HistoryExport(db).rttCsv("alpha", T0, T0 + 300_000, out)).isEqualTo(121);
        }
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(out.toString())).getRecords();
        assertThat(rows).hasSize(121);
        assertThat(rows.get(0).getParser().getHeaderNames()).containsExactly(HistoryExport.CSV_HEADER);
        assertThat(rows.get(0).get("ts_ms")).isEqualTo(Long.toString(T0 + 1_000));
        assertThat(rows.get(0).get("time")).isEqualTo(java.time.Instant.ofEpochMilli(T0 + 1_000).toString());
        assertThat(rows.get(0).get("kind")).isEqualTo("keepalive");
        assertThat(Double.parseDouble(rows.get(0).get("rtt_ms"))).isEqualTo(1.0);
        assertThat(rows.get(1).get("kind")).isEqualTo("app");
        assertThat(Double.parseDouble(rows.get(1).get("rtt_ms"))).isEqualTo(41.25);
        assertThat(Double.parseDouble(rows.get(120).get("rtt_ms"))).isEqualTo((1_000 + 37 * 119) / 1000.0);
    }

    @Test
    void eventsJsonl_isTheHeadlessFormat_inTimeOrder_withLatencyLinesFromTheSamples() throws Exception {
        StringWriter out = new StringWriter();
        try (HistoryDatabase db = HistoryDatabase.openForReading(file)) {
            new HistoryExport(db).eventsJsonl("alpha", T0, T0 + 300_000, out);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines).hasSize(2 + 121 + 1);
        long last = Long.MIN_VALUE;
        for (JsonNode n : lines) {
            assertThat(n.get("ts").isIntegralNumber()).isTrue();
            assertThat(n.get("type").isTextual()).isTrue();
            assertThat(n.get("ts").asLong()).isGreaterThanOrEqualTo(last);
            last = n.get("ts").asLong();
        }
        assertThat(lines.get(0).get("state").asText()).isEqualTo("CONNECTING");
        assertThat(lines.get(2).get("type").asText()).isEqualTo("latency");
        assertThat(lines.get(2).get("rtt_ms").asDouble()).isEqualTo(1.0);
        assertThat(lines.get(3).get("type").asText()).isEqualTo("app_latency");
        assertThat(lines.get(3).get("rtt_ms").asDouble()).isEqualTo(41.25);
        assertThat(lines.get(lines.size() - 1).get("cause").asText()).isEqualTo("keepalive-timeout");
    }

    @Test
    void chartPng_isAnImage_fromSamplesForAnHour_andFromRollupsForAWeek() throws Exception {
        try (HistoryDatabase db = HistoryDatabase.openForReading(file)) {
            for (long span : new long[] {300_000, 7 * 86_400_000L}) {
                ByteArrayOutputStream png = new ByteArrayOutputStream();
                ChartImage.png(db, "alpha", T0 + 300_000 - span, T0 + 300_000, png);
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
                assertThat(image.getWidth()).isEqualTo(ChartImage.WIDTH);
                assertThat(image.getHeight()).isEqualTo(ChartImage.HEIGHT);
            }
        }
    }

    // ------------------------------------------------------------------ wsmon export

    private record Run(int status, String out, String err) {
    }

    private Run export(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Launcher.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void exportCommand_writesCsvAndJsonl_fromTheDatabase() throws Exception {
        Run csv = export("export", "--conn", "alpha", "--format", "csv", "--db", file.toString());
        assertThat(csv.err()).isEmpty();
        assertThat(csv.status()).isZero();
        assertThat(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.out())).getRecords()).hasSize(121);

        Path into = dir.resolve("events.jsonl");
        Run jsonl = export("export", "--conn", "alpha", "--format", "jsonl", "--db", file.toString(), "--output", into.toString());
        assertThat(jsonl.status()).isZero();
        assertThat(jsonl.out()).isEmpty();
        assertThat(Files.readAllLines(into)).hasSize(124).allSatisfy(l -> assertThat(JSON.readTree(l).has("type")).isTrue());
    }

    @Test
    void exportCommand_since_takesOnlyTheRecentPast() {
        // the recording is from 2023: nothing of it lies within the last 7 days
        Run recent = export("export", "--conn", "alpha", "--since", "7d", "--format", "csv", "--db", file.toString());
        assertThat(recent.status()).isZero();
        assertThat(recent.out().strip()).isEqualTo(String.join(",", HistoryExport.CSV_HEADER));
    }

    @Test
    void exportCommand_saysClearlyWhatIsWrong() {
        Run unknown = export("export", "--conn", "gamma", "--db", file.toString());
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.out()).isEmpty();
        assertThat(unknown.err()).startsWith("wsmon export: no connection named 'gamma' in " + file + "; it holds: alpha\n");

        Run none = export("export", "--conn", "alpha", "--db", dir.resolve("nothing.db").toString());
        assertThat(none.status()).isEqualTo(1);
        assertThat(none.err()).startsWith("wsmon export: no history database at " + dir.resolve("nothing.db"));

        Run format = export("export", "--conn", "alpha", "--format", "xml", "--db", file.toString());
        assertThat(format.status()).isEqualTo(2);
        assertThat(format.err()).startsWith("wsmon: invalid value for --format: 'xml' is not a format: csv or jsonl\n")
                .contains(ExportCommand.USAGE_HINT);

        Run since = export("export", "--conn", "alpha", "--since", "a week", "--db", file.toString());
        assertThat(since.status()).isEqualTo(2);
        assertThat(since.err()).contains("'a week' is not a duration");

        Run missing = export("export", "--db", file.toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("--conn");
    }
}
