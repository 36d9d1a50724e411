package dev.wsmon.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.app.history.HistoryOptions;
import dev.wsmon.app.history.HistoryRecorder;
import dev.wsmon.app.history.HistoryService;
import dev.wsmon.app.history.Rollup;
import dev.wsmon.core.ConnectionId;
import dev.wsmon.core.State;
import dev.wsmon.core.event.LatencySample;
import dev.wsmon.core.event.StateChanged;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The desktop's view of the history database: the chart after a restart, and the long windows from rollups. */
class HistoryViewModelTest {

    private static final long MINUTE = 60_000;

    @TempDir
    Path dir;
    private final Harness h = new Harness();
    private HistoryService history;

    @AfterEach
    void close() {
        h.close();
        if (history != null) {
            history.close();
        }
    }

    /** A previous run of the app: connection "a" open from {@code from}, one ping a minute until {@code to}, closed. */
    private void recordEarlierRun(long from, long to) throws Exception {
        ConnectionId id = new ConnectionId("a", 1);
        try (HistoryRecorder r = HistoryRecorder.start(dir.resolve("history.db"), HistoryOptions.DEFAULTS, h.clock::get,
                w -> { })) {
            r.accept(new StateChanged(id, from, State.CONNECTING, State.CLOSED, 1, "", Optional.empty(), Optional.empty()));
            r.accept(new StateChanged(id, from + 10, State.OPEN, State.CONNECTING, 1, "", Optional.empty(), Optional.empty()));
            long i = 0;
            for (long ts = from + MINUTE; ts < to; ts += MINUTE, i++) {
                r.accept(new LatencySample(id, ts, i, Duration.ofMillis(2 + i % 7)));
            }
            r.accept(new StateChanged(id, to, State.CLOSED, State.OPEN, 1, "", Optional.empty(), Optional.empty()));
            r.flush().get(10, TimeUnit.SECONDS);
        }
        history = HistoryService.start(dir.resolve("history.db"), HistoryOptions.DEFAULTS, h.clock::get, w -> { });
        h.main.setHistory(history);
    }

    @Test
    void reopening_putsTheLastHourRecordedBefore_inFrontOfTheChart() throws Exception {
        long now = h.clock.get();
        recordEarlierRun(now - 50 * MINUTE, now - 5 * MINUTE);
        ConnectionViewModel a = h.main.add(ConnectionSpec.of("a", "ws://127.0.0.1:9/", Harness.FAST), false);

        h.tickUntil("the earlier run's points in the chart", Duration.ofSeconds(10), () -> a.history().size() >= 44);

        assertThat(a.history().points().get(0).ts()).isEqualTo(now - 49 * MINUTE);
        assertThat(a.history().bands()).anySatisfy(b -> assertThat(b.state()).isEqualTo(State.CONNECTING));
    }

    @Test
    void longWindows_drawTheRollups_andTheFiguresStayOnTheLastHour() throws Exception {
        long now = h.clock.get();
        recordEarlierRun(now - 3 * 24 * 60 * MINUTE, now - 10 * MINUTE); // three days, a sample a minute
        ConnectionViewModel a = h.main.add(ConnectionSpec.of("a", "ws://127.0.0.1:9/", Harness.FAST), false);
        LatencyChartViewModel chart = new LatencyChartViewModel(h.main);
        assertThat(chart.rollups()).isEmpty();

        h.main.windowProperty().set(ChartWindow.SEVEN_DAYS);
        h.tickUntil("the rollups of three days", Duration.ofSeconds(10), () -> !chart.rollups().isEmpty());

        // 4 310 minutes merged to at most MAX_ROLLUP_POINTS buckets of whole minutes
        assertThat(chart.rollups()).hasSizeLessThanOrEqualTo(LatencyChartViewModel.MAX_ROLLUP_POINTS).hasSizeGreaterThan(500);
        assertThat(chart.rollups().stream().mapToInt(Rollup::count).sum()).isEqualTo(3 * 24 * 60 - 11);
        assertThat(chart.rollups()).allSatisfy(r -> {
            assertThat(r.min()).isBetween(2.0, 8.0);
            assertThat(r.max()).isBetween(r.avg(), 8.0);
        });
        assertThat(chart.rollupMaxMillis(now - 4 * 24 * 60 * MINUTE, now)).isEqualTo(8.0);
        assertThat(chart.subtitleProperty().get()).contains("(last 1 h)").contains("per-minute");
        assertThat(a.history().size()).isLessThan(60); // the samples in memory stay an hour's

        long revision = chart.rollupRevision();
        h.main.windowProperty().set(ChartWindow.ONE_HOUR);
        assertThat(chart.rollups()).isEmpty();
        assertThat(chart.rollupRevision()).isGreaterThan(revision);
    }

    @Test
    void exportAndBundle_writeTheSelectedConnectionsFiles_andSaySoInTheStatusBar() throws Exception {
        long now = h.clock.get();
        recordEarlierRun(now - 50 * MINUTE, now - 5 * MINUTE);
        h.main.add(ConnectionSpec.of("a", "ws://127.0.0.1:9/?token=T0kenValue9", Harness.FAST), false);
        ExportViewModel export = new ExportViewModel(h.main, name -> null);
        h.main.windowProperty().set(ChartWindow.ONE_HOUR);
        Path out = java.nio.file.Files.createDirectories(dir.resolve("out"));

        export.exportTo(out);
        h.tickUntil("the export's outcome", Duration.ofSeconds(20), () -> h.main.statusProperty().get().startsWith("Exported"));
        assertThat(h.main.statusProperty().get()).contains("-rtt.csv").contains("-events.jsonl").contains("-chart.png");
        try (var files = java.nio.file.Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).hasSize(3).allMatch(f -> f.startsWith(export.baseName()));
        }
        assertThat(java.nio.file.Files.readAllLines(out.resolve(export.baseName() + "-rtt.csv"))).hasSize(1 + 44);

        Path zip = out.resolve("a.zip");
        export.bundleTo(zip);
        h.tickUntil("the bundle's outcome", Duration.ofSeconds(20), () -> h.main.statusProperty().get().startsWith("Saved the"));
        assertThat(java.nio.file.Files.size(zip)).isPositive();
        try (var zf = new java.util.zip.ZipFile(zip.toFile())) {
            String connection = new String(zf.getInputStream(zf.getEntry("connection.json")).readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertThat(connection).contains("token=***").doesNotContain("T0kenValue9");
        }
    }

    @Test
    void withoutHistory_exportSaysItIsOff() {
        h.main.add(ConnectionSpec.of("a", "ws://127.0.0.1:9/", Harness.FAST), false);
        new ExportViewModel(h.main, name -> null).exportTo(dir);
        h.tickUntil("the export's outcome", Duration.ofSeconds(10), () -> h.main.statusProperty().get().startsWith("Could not"));
        assertThat(h.main.statusProperty().get()).isEqualTo("Could not export a: history is off, so there is nothing to export.");
    }

    @Test
    void withoutHistory_theLongWindowsAreEmpty_andSaySo() {
        h.main.add(ConnectionSpec.of("a", "ws://127.0.0.1:9/", Harness.FAST), false);
        LatencyChartViewModel chart = new LatencyChartViewModel(h.main);
        h.main.windowProperty().set(ChartWindow.ONE_DAY);
        h.main.tick();
        assertThat(chart.rollups()).isEmpty();
        assertThat(chart.subtitleProperty().get()).contains("(history is off)");
    }
}
