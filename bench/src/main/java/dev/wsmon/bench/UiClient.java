package dev.wsmon.bench;

import dev.wsmon.app.Launcher;
import dev.wsmon.app.viewmodel.ConnectionViewModel;
import dev.wsmon.core.State;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Child JVM of the UI benchmark: the real desktop application ({@link Launcher}, as {@code wsmon} starts it) on
 * headless Monocle, with a profile of N connections to the echo server pinging every second, each given an hour of
 * synthetic chart history, the chart showing 1 h. After a warm-up it records every FX pulse for the window while live
 * updates flow and {@link WindowActions} switch the selection and the chart window, and prints one {@code RESULT}
 * line; it ends on {@code quit}.
 *
 * <p>Args: {@code URI N WARMUP_S WINDOW_S ACTION_EVERY_MS}.
 */
public final class UiClient {

    static final Duration OPEN_ALL_TIMEOUT = Duration.ofMinutes(2);
    /** An action's effects (a chart rebuild at the next drain tick, layout, repaint) land within this. */
    static final Duration AFTER_ACTION = Duration.ofSeconds(1);
    static final String RENDER_THREAD = "QuantumRenderer-0";
    /** How many of the longest gaps the result lists, with when they ended. */
    static final int LONGEST = 5;

    private Scene scene;
    private TableView<ConnectionViewModel> table;

    private UiClient() {
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        int n = Integer.parseInt(args[1]);
        Duration warmup = Duration.ofSeconds(Long.parseLong(args[2]));
        Duration window = Duration.ofSeconds(Long.parseLong(args[3]));
        Duration every = Duration.ofMillis(Long.parseLong(args[4]));
        new UiClient().run(uri, n, warmup, window, every);
    }

    private void run(URI uri, int n, Duration warmup, Duration window, Duration every) throws Exception {
        Path dir = Files.createTempDirectory("wsmon-uibench");
        Path profile = writeProfile(dir, uri, n);
        // The desktop's remembered state: the chart at 1 h from the start; the window keeps its default 1400×900.
        Files.writeString(dir.resolve("desktop.properties"), "chart.window=ONE_HOUR\n");
        System.setProperty("wsmon.config.dir", dir.toString());
        System.setProperty("wsmon.data.dir", dir.toString()); // a history of this run only
        long historyEnd = System.currentTimeMillis(); // before any connection exists: all of it is older
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(String.format(Locale.ROOT, "ui-%03d", i));
        }
        // The week ends where the synthetic hour begins: the app reads each connection's last hour from the database
        // when it adds it, and a week reaching to now would put a sample a minute in front of the hour of samples.
        long weekMs = SyntheticWeek.write(dir.resolve("history.db"), names, historyEnd - SyntheticHistory.SPAN.toMillis(), 11);
        say("WEEK written_ms=" + weekMs + " minutes=" + SyntheticWeek.MINUTES + " connections=" + n);
        long t0 = System.nanoTime();
        Thread app = new Thread(() -> Launcher.run(new String[] {"--profile", profile.toString()}, System.in,
                System.out, System.err, false), "uibench-app");
        app.setDaemon(true);
        app.start();

        awaitWindow();
        long deadline = System.nanoTime() + OPEN_ALL_TIMEOUT.toNanos();
        int open = 0;
        while (open < n && deadline - System.nanoTime() > 0) {
            Fx.park(Duration.ofMillis(200));
            open = openNow();
        }
        say("OPENED ms=" + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " open=" + open + " all=" + (open == n));

        long[] backfill = Fx.call(() -> {
            long b0 = System.nanoTime();
            int i = 0;
            for (ConnectionViewModel c : table.getItems()) {
                c.history().backfill(SyntheticHistory.hour(historyEnd, i++));
            }
            table.getSelectionModel().select(0);
            return new long[] {System.nanoTime() - b0, table.getItems().get(0).history().size()};
        });
        String size = Fx.call(() -> (int) scene.getWidth() + "x" + (int) scene.getHeight());
        say("READY backfill_ms=" + Pct.ms(backfill[0]) + " points=" + backfill[1] + " scene=" + size);

        GcPauses gcPauses = new GcPauses();
        // Asked of the FX thread itself: a flight recording lists it as "Event Thread", Monocle's name before JavaFX's.
        long fxThread = Fx.call(() -> Thread.currentThread().getId());
        String fxThreadName = Fx.call(() -> Thread.currentThread().getName());
        long renderThread = UiSample.threadNamed(RENDER_THREAD);
        PulseRecorder recorder = Fx.call(() -> {
            PulseRecorder r = new PulseRecorder();
            r.start();
            return r;
        });
        WindowActions actions = new WindowActions(scene, table);
        // The warm-up does one round of the same actions, so that class loading and JIT of first use are not measured.
        actions.drive(System.nanoTime(), warmup, warmup.dividedBy(WindowActions.CYCLE.size() + 1));

        long start = Fx.call(() -> {
            recorder.clear();
            return System.nanoTime();
        });
        long startEpochMillis = System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        UiSample s0 = UiSample.take(fxThread, renderThread);
        gcPauses.reset();
        WindowActions.Done done = actions.drive(start, window, every);
        long[] pulses = Fx.call(() -> {
            recorder.stop();
            return recorder.pulses();
        });
        UiSample s1 = UiSample.take(fxThread, renderThread);
        int points = Fx.call(() -> table.getSelectionModel().getSelectedItem().history().size());
        // the at-a-glance views were on screen: sparkline cells with a line, and the timeline's rows
        String glance = Fx.call(() -> scene.getRoot().lookupAll(".sparkline").stream()
                .filter(x -> x instanceof javafx.scene.shape.Path p && !p.getElements().isEmpty()).count()
                + "/" + (scene.lookup("#timeline") != null && scene.lookup("#timeline").isVisible()));

        PulseGaps gaps = new PulseGaps(pulses);
        Pct all = new Pct(gaps.all());
        Pct steady = new Pct(gaps.steady(done.times(), AFTER_ACTION.toNanos()));
        StringBuilder perAction = new StringBuilder();
        double actionMax = 0;
        for (int i = 0; i < done.times().length; i++) {
            long at = done.times()[i];
            Pct a = new Pct(gaps.after(at, AFTER_ACTION.toNanos()));
            actionMax = Math.max(actionMax, a.max());
            perAction.append(i == 0 ? "" : ",").append(done.kinds().get(i)).append('/').append(done.targets().get(i))
                    .append('/').append(fmt(Pct.ms(at - start) / 1000)).append('/').append(fmt(a.max()));
        }
        StringBuilder longest = new StringBuilder();
        for (long[] g : gaps.longest(LONGEST)) {
            longest.append(longest.length() == 0 ? "" : ",").append(fmt(Pct.ms(g[0] - start) / 1000)).append('/')
                    .append(fmt(Pct.ms(g[1])));
        }
        say("RESULT window_s=" + fmt((s1.nanos() - s0.nanos()) / 1e9) + " pulses=" + pulses.length
                + " gap_p50_ms=" + fmt(all.median()) + " gap_p99_ms=" + fmt(all.p(99)) + " gap_max_ms=" + fmt(all.max())
                + " steady_p50_ms=" + fmt(steady.median()) + " steady_p99_ms=" + fmt(steady.p(99))
                + " steady_max_ms=" + fmt(steady.max()) + " action_max_ms=" + fmt(actionMax)
                + " fx_cpu_pct=" + fmt(UiSample.percent(s0.fxCpu(), s1.fxCpu(), s0, s1))
                + " render_cpu_pct=" + fmt(UiSample.percent(s0.renderCpu(), s1.renderCpu(), s0, s1))
                + " process_cpu_pct=" + fmt(UiSample.percent(s0.processCpu(), s1.processCpu(), s0, s1))
                + " gc_count=" + (s1.gcCount() - s0.gcCount()) + " gc_ms=" + (s1.gcMillis() - s0.gcMillis())
                + " gc_longest_ms=" + gcPauses.longestMillis() + " fx_thread=" + fxThreadName.replace(' ', '_')
                + " heap_used_mb=" + fmt(s1.heapUsed() / 1048576.0)
                + " selected_points=" + points + " open_at_end=" + openNow()
                + " sparklines_drawn=" + glance.split("/")[0] + " timeline_shown=" + glance.split("/")[1]
                + " pulse_setting_hz=" + com.sun.javafx.tk.Toolkit.getToolkit().getRefreshRate() // the timer's rate
                + " start_epoch_ms=" + startEpochMillis + " longest=" + longest + " actions=" + perAction);

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && !line.equals("quit")) {
            say("ERROR unknown command " + line);
        }
        System.exit(0);
    }

    private int openNow() throws Exception {
        return Fx.call(() -> (int) table.getItems().stream().filter(c -> c.state() == State.OPEN).count());
    }

    /** Waits for the toolkit, the main window and its connection table. */
    @SuppressWarnings("unchecked")
    private void awaitWindow() throws Exception {
        long deadline = System.nanoTime() + Fx.ANSWER.toNanos();
        while (table == null) {
            if (deadline - System.nanoTime() < 0) {
                throw new IllegalStateException("no main window within " + Fx.ANSWER.toSeconds() + " s");
            }
            Fx.park(Duration.ofMillis(100));
            try {
                Fx.call(() -> {
                    for (Window w : Window.getWindows()) {
                        if (w instanceof Stage && w.isShowing() && w.getScene() != null
                                && w.getScene().lookup("#connections") instanceof TableView<?> t) {
                            scene = w.getScene();
                            table = (TableView<ConnectionViewModel>) t;
                        }
                    }
                    return null;
                });
            } catch (IllegalStateException toolkitNotYetStarted) {
                // Platform.runLater refuses until the toolkit runs: try again
            }
        }
    }

    private static Path writeProfile(Path dir, URI uri, int n) throws IOException {
        StringBuilder json = new StringBuilder("{\n  \"version\": 1,\n  \"description\": \"UI benchmark: ").append(n)
                .append(" connections to the demo echo server\",\n  \"defaults\": {\"pingInterval\": \"1s\", \"pingTimeout\": \"3s\","
                        + " \"openTimeout\": \"30s\", \"closeTimeout\": \"1s\"},\n  \"connections\": [\n");
        for (int i = 0; i < n; i++) {
            json.append(String.format(Locale.ROOT, "    {\"name\": \"ui-%03d\", \"url\": \"%s\"}%s%n", i,
                    uri.resolve("/ui-" + i), i < n - 1 ? "," : ""));
        }
        json.append("  ]\n}\n");
        Path file = dir.resolve("uibench-profile.json");
        Files.writeString(file, json);
        return file;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
