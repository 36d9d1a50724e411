package dev.wsmon.bench;

import dev.wsmon.app.desktop.DesktopLauncher;
import dev.wsmon.app.viewmodel.ConnectionViewModel;
import dev.wsmon.app.viewmodel.LatencyHistory;
import dev.wsmon.core.State;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Child JVM of the UI benchmark: the real desktop application ({@link DesktopLauncher}, as {@code wsmon} starts it) on
 * headless Monocle, with a profile of N connections to the echo server pinging every second, each given an hour of
 * synthetic chart history, the chart showing 1 h. After a warm-up it records every FX pulse for the window while live
 * updates flow, every few seconds switching the selected connection or the chart window through the window's own
 * controls, and prints one {@code RESULT} line; it ends on {@code quit}.
 *
 * <p>Args: {@code URI N WARMUP_S WINDOW_S ACTION_EVERY_MS}.
 */
public final class UiClient {

    static final Duration OPEN_ALL_TIMEOUT = Duration.ofMinutes(2);
    static final Duration FX_ANSWER = Duration.ofSeconds(30);
    /** An action's effects (a chart rebuild at the next drain tick, layout, repaint) land within this. */
    static final Duration AFTER_ACTION = Duration.ofSeconds(1);
    static final String FX_THREAD = "JavaFX Application Thread";
    static final String RENDER_THREAD = "QuantumRenderer-0";

    private static final List<String> ACTIONS = List.of("select", "select", "window_1min", "window_1h");

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
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
        long historyEnd = System.currentTimeMillis(); // before any connection exists: all of it is older
        long t0 = System.nanoTime();
        Thread app = new Thread(() -> DesktopLauncher.launch(new String[] {"--profile", profile.toString()}), "uibench-app");
        app.setDaemon(true);
        app.start();

        awaitWindow();
        long deadline = System.nanoTime() + OPEN_ALL_TIMEOUT.toNanos();
        int open = 0;
        while (open < n && deadline - System.nanoTime() > 0) {
            park(Duration.ofMillis(200));
            open = fx(() -> (int) table.getItems().stream().filter(c -> c.state() == State.OPEN).count());
        }
        say("OPENED ms=" + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " open=" + open + " all=" + (open == n));

        long[] backfill = fx(() -> {
            long b0 = System.nanoTime();
            int i = 0;
            for (ConnectionViewModel c : table.getItems()) {
                c.history().backfill(SyntheticHistory.hour(historyEnd, i++));
            }
            table.getSelectionModel().select(0);
            return new long[] {System.nanoTime() - b0, table.getItems().get(0).history().size()};
        });
        String size = fx(() -> (int) scene.getWidth() + "x" + (int) scene.getHeight());
        say("READY backfill_ms=" + Pct.ms(backfill[0]) + " points=" + backfill[1] + " scene=" + size);

        long fxThread = fx(() -> Thread.currentThread().getId());
        long renderThread = threadNamed(RENDER_THREAD);
        PulseRecorder recorder = fx(() -> {
            PulseRecorder r = new PulseRecorder();
            r.start();
            return r;
        });
        // The warm-up does one round of the same actions, so that class loading and JIT of first use are not measured.
        drive(new Actions(), System.nanoTime(), warmup, warmup.dividedBy(ACTIONS.size() + 1), n);

        long start = fx(() -> {
            recorder.clear();
            return System.nanoTime();
        });
        Sample s0 = sample(fxThread, renderThread);
        Actions done = drive(new Actions(), start, window, every, n);
        long[] pulses = fx(() -> {
            recorder.stop();
            return recorder.pulses();
        });
        Sample s1 = sample(fxThread, renderThread);
        int points = fx(() -> table.getSelectionModel().getSelectedItem().history().size());
        int openEnd = fx(() -> (int) table.getItems().stream().filter(c -> c.state() == State.OPEN).count());

        long[] actions = done.at.stream().mapToLong(Long::longValue).toArray();
        PulseGaps gaps = new PulseGaps(pulses);
        Pct all = new Pct(gaps.all());
        Pct steady = new Pct(gaps.steady(actions, AFTER_ACTION.toNanos()));
        StringBuilder perAction = new StringBuilder();
        double actionMax = 0;
        for (int i = 0; i < actions.length; i++) {
            Pct a = new Pct(gaps.after(actions[i], AFTER_ACTION.toNanos()));
            actionMax = Math.max(actionMax, a.max());
            perAction.append(i == 0 ? "" : ",").append(done.kinds.get(i)).append('/').append(done.targets.get(i)).append('/')
                    .append(fmt(Pct.ms(actions[i] - start) / 1000)).append('/').append(fmt(a.max()));
        }
        double wall = s1.nanos - s0.nanos;
        say("RESULT window_s=" + fmt(wall / 1e9) + " pulses=" + pulses.length
                + " gap_p50_ms=" + fmt(all.median()) + " gap_p99_ms=" + fmt(all.p(99)) + " gap_max_ms=" + fmt(all.max())
                + " steady_p50_ms=" + fmt(steady.median()) + " steady_p99_ms=" + fmt(steady.p(99))
                + " steady_max_ms=" + fmt(steady.max()) + " action_max_ms=" + fmt(actionMax)
                + " fx_cpu_pct=" + fmt(100.0 * (s1.fxCpu - s0.fxCpu) / wall)
                + " render_cpu_pct=" + fmt(100.0 * (s1.renderCpu - s0.renderCpu) / wall)
                + " process_cpu_pct=" + fmt(100.0 * (s1.processCpu - s0.processCpu) / wall)
                + " gc_count=" + (s1.gcCount - s0.gcCount) + " gc_ms=" + (s1.gcMillis - s0.gcMillis)
                + " heap_used_mb=" + fmt(s1.heapUsed / 1048576.0)
                + " selected_points=" + points + " open_at_end=" + openEnd
                + " pulse_setting_hz=" + System.getProperty("javafx.animation.pulse", "60")
                + " actions=" + perAction);

        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && !line.equals("quit")) {
            say("ERROR unknown command " + line);
        }
        System.exit(0);
    }

    /** What {@link #drive} did: each action's kind, what it chose, and when it ran (nanoTime, on the FX thread). */
    private static final class Actions {
        final List<String> kinds = new ArrayList<>();
        final List<String> targets = new ArrayList<>();
        final List<Long> at = new ArrayList<>();
        int selected;
    }

    /** Every {@code every} from {@code start} until {@code length} has passed, one action of the cycle; returns after. */
    private Actions drive(Actions done, long start, Duration length, Duration every, int n) throws Exception {
        long end = start + length.toNanos();
        for (long next = start + every.toNanos(); next - end < 0; next += every.toNanos()) {
            park(Duration.ofNanos(Math.max(0, next - System.nanoTime())));
            String kind = ACTIONS.get(done.kinds.size() % ACTIONS.size());
            if (kind.equals("select")) {
                done.selected = (done.selected + 37) % n; // far enough to need a scroll
            }
            int row = done.selected;
            String[] target = new String[1];
            done.at.add(fx(() -> {
                long now = System.nanoTime();
                target[0] = act(kind, row);
                return now;
            }));
            done.kinds.add(kind);
            done.targets.add(target[0]);
        }
        park(Duration.ofNanos(Math.max(0, end - System.nanoTime())));
        return done;
    }

    /** Does one action through the window's controls, as a click would; returns what it chose. */
    private String act(String kind, int row) {
        switch (kind) {
            case "select" -> {
                table.getSelectionModel().select(row);
                table.scrollTo(row);
                return table.getItems().get(row).name();
            }
            case "window_1min" -> {
                ((ToggleButton) scene.lookup("#window-one_minute")).fire();
                return "1min";
            }
            case "window_1h" -> {
                ((ToggleButton) scene.lookup("#window-one_hour")).fire();
                return "1h";
            }
            default -> throw new IllegalArgumentException(kind);
        }
    }

    /** Waits for the toolkit, the main window and its connection table. */
    @SuppressWarnings("unchecked")
    private void awaitWindow() throws Exception {
        long deadline = System.nanoTime() + FX_ANSWER.toNanos();
        while (table == null) {
            if (deadline - System.nanoTime() < 0) {
                throw new IllegalStateException("no main window within " + FX_ANSWER.toSeconds() + " s");
            }
            park(Duration.ofMillis(100));
            try {
                fx(() -> {
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

    /** The CPU of the FX and render threads and the process, GC and heap, at one moment. */
    private record Sample(long nanos, long fxCpu, long renderCpu, long processCpu, long gcCount, long gcMillis, long heapUsed) {
    }

    private Sample sample(long fxThread, long renderThread) {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new Sample(System.nanoTime(), threads.getThreadCpuTime(fxThread),
                renderThread < 0 ? 0 : threads.getThreadCpuTime(renderThread), os.getProcessCpuTime(), count, millis,
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }

    private long threadNamed(String name) {
        for (ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t != null && t.getThreadName().equals(name)) {
                return t.getThreadId();
            }
        }
        return -1;
    }

    private static Path writeProfile(Path dir, URI uri, int n) throws java.io.IOException {
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

    /** Runs {@code work} on the FX thread and returns its result. */
    private static <T> T fx(Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Platform.runLater(task);
        try {
            return task.get(FX_ANSWER.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        } catch (TimeoutException e) {
            throw new IllegalStateException("the FX thread did not answer within " + FX_ANSWER.toSeconds() + " s", e);
        }
    }

    /** Holds for {@code d}: benchmark pacing, not synchronisation. */
    private static void park(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        for (long left = d.toNanos(); left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
