package dev.wsmon.app.desktop;

import dev.wsmon.app.Launcher;
import dev.wsmon.app.ShutdownPolicy;
import dev.wsmon.app.alerting.Alerting;
import dev.wsmon.app.headless.RunPlan;
import dev.wsmon.app.headless.UsageException;
import dev.wsmon.app.history.HistoryLocation;
import dev.wsmon.app.history.HistoryOptions;
import dev.wsmon.app.history.HistoryService;
import dev.wsmon.app.viewmodel.EventInbox;
import dev.wsmon.app.viewmodel.MainViewModel;
import dev.wsmon.core.Monitor;
import dev.wsmon.core.MonotonicClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The desktop application: the composition root. It makes the engine, the inbox its events go through, the view
 * models and the window, decides what to open (a profile or URLs from the command line, else the last profile, else
 * the embedded demo), and shuts the engine down off the UI thread on exit.
 *
 * <p>What to open comes from the launcher's {@link RunPlan}, the one the command line makes for both modes: the
 * settings flags apply here as in {@code --headless}, and command-line connections get the same names.
 */
public final class WsmonApp extends Application {

    /** Completes when the engine, the proxies and the demo have stopped after the window closed. */
    static final CompletableFuture<Void> STOPPED = new CompletableFuture<>();
    /** Completes with the shutdown budget when the window has closed and the shutdown begins. */
    static final CompletableFuture<Duration> STOPPING = new CompletableFuture<>();
    /** The launcher's plan, handed over because JavaFX makes the application object itself. */
    static final AtomicReference<RunPlan> PLAN = new AtomicReference<>();

    /** The one clock of the app: the engine, the view models and the fault routes all read it. */
    private final MonotonicClock clock = MonotonicClock.SYSTEM;
    private RunPlan plan;
    private DesktopConfig config;
    private Monitor monitor;
    private ProxyRoutes routes;
    private MainViewModel main;
    private EventInbox inbox;
    private HistoryService history = HistoryService.disabled();
    private MainWindow window;
    private DrainTimer timer;
    private volatile DemoEnvironment demo;
    /** The plan's webhook and command for every alert; closed after the engine. */
    private Alerting alerting;
    /** Set by each tick: something on screen counts down, so the beat ticks every period. */
    private volatile boolean countingDown = true;
    /** The routine slot of the last tick the beat posted for it; the beat's thread only. */
    private long beatSlot = Long.MIN_VALUE;
    private volatile boolean stopping;

    @Override
    public void init() {
        DesktopLauncher.restoreLogging();
        RunPlan handed = PLAN.getAndSet(null);
        try {
            plan = handed != null ? handed : Launcher.plan(getParameters().getRaw());
        } catch (UsageException e) {
            throw new IllegalArgumentException(e.getMessage(), e); // the launcher checks first: only tests get here
        }
        config = DesktopConfig.load(DesktopConfig.defaultDir());
        plan.options().theme().ifPresent(t -> config.set("theme", Theme.parse(t).name()));
    }

    @Override
    public void start(Stage stage) {
        PausingPulseTimer.install();
        monitor = Alerting.watchers(Monitor.builder().clock(clock)).build();
        alerting = Alerting.start(plan.alerts(), System.err, System::getenv, clock);
        monitor.addListener(alerting);
        routes = new ProxyRoutes(clock);
        inbox = new EventInbox();
        main = new MainViewModel(monitor, inbox, new ProfileFiles(plan.options()), routes, clock::epochMillis);
        startHistory();
        window = new MainWindow(stage, main, config, this::startDemo);
        timer = new DrainTimer(stage, clock, this::tick, () -> inbox.urgent() || countingDown || newRoutineSlot(), this::quietMillis);
        inbox.onUrgent(timer::wake);
        stage.setOnCloseRequest(e -> window.rememberGeometry());
        stage.show();
        openInitial();
    }

    /**
     * Records every event of the engine into the history database ({@code $XDG_DATA_HOME/wsmon/history.db}); a file
     * that cannot be opened is one warning in the status bar and on stderr, and the app runs on without history.
     */
    private void startHistory() {
        HistoryOptions options = HistoryOptions.DEFAULTS;
        Optional<String> days = config.get("history.days");
        if (days.isPresent()) {
            try {
                options = options.withKeep(HistoryOptions.parseDays(days.get()));
            } catch (IllegalArgumentException e) {
                main.say("In " + config.file() + ": " + e.getMessage() + "; history keeps the default 7 days.");
            }
        }
        history = HistoryService.start(HistoryLocation.standard().file(), options, clock::epochMillis, warning -> {
            System.err.println("wsmon: " + warning);
            main.post(() -> main.say(warning.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + warning.substring(1) + "."));
        });
        history.recorder().ifPresent(monitor::addListener);
        main.setHistory(history);
    }

    private void tick() {
        main.tick();
        window.chart().update(main.now());
        window.timeline().update(main.now());
        boolean was = countingDown;
        countingDown = main.countingDown();
        if (countingDown && !was) {
            timer.wake(); // it may sleep to the next second; a countdown shows every tick
        }
    }

    /** On the beat's thread: how long nothing can be due without a wake: to the next routine second, or a tick. */
    private long quietMillis() {
        return countingDown ? DrainTimer.PERIOD.toMillis()
                : MainViewModel.ROUTINE_MILLIS - Math.floorMod(clock.epochMillis(), MainViewModel.ROUTINE_MILLIS) + 1;
    }

    /** On the beat's thread: the clock entered another routine second since the beat last saw it. */
    private boolean newRoutineSlot() {
        long slot = Math.floorDiv(clock.epochMillis(), MainViewModel.ROUTINE_MILLIS);
        if (slot == beatSlot) {
            return false;
        }
        beatSlot = slot;
        return true;
    }

    /** The plan's profile and URLs (same names and settings as {@code --headless}), else the last profile, else the demo. */
    private void openInitial() {
        boolean opened = false;
        Optional<Path> profile = plan.profile();
        if (profile.isPresent()) {
            opened = main.openProfile(profile.get());
            if (opened) {
                config.set("profile.last", profile.get().toAbsolutePath().toString());
            }
        }
        for (RunPlan.PlannedConnection c : plan.commandLineConnections()) {
            try {
                main.add(ProfileFiles.spec(c), true);
                opened = true;
            } catch (IllegalArgumentException e) {
                main.say("Not added " + c.name() + ": " + e.getMessage()); // a profile connection has its name
            }
        }
        if (!opened && !plan.options().demo() && profile.isEmpty()) {
            Optional<Path> last = config.get("profile.last").map(Path::of).filter(Files::isRegularFile);
            if (last.isPresent() && main.openProfile(last.get()) && !main.connections().isEmpty()) {
                opened = true;
            }
        }
        if (!opened || plan.options().demo()) {
            startDemo();
        }
    }

    /** Starts the embedded demo in the background; its connections appear at a later tick. */
    void startDemo() {
        if (demo != null) {
            main.say("The demo is already running.");
            return;
        }
        main.say("Starting the demo: an echo server on 127.0.0.1 behind three simulated networks…");
        Thread t = new Thread(() -> {
            try {
                DemoEnvironment env = DemoEnvironment.start(routes);
                main.post(() -> addDemo(env));
            } catch (RuntimeException e) {
                main.post(() -> main.say("The demo could not start: " + e.getMessage()));
            }
        }, "wsmon-demo-start");
        t.setDaemon(true);
        t.start();
    }

    private void addDemo(DemoEnvironment env) {
        if (stopping || demo != null) {
            env.connections().forEach(c -> c.route().close());
            env.close();
            return;
        }
        demo = env;
        for (DemoEnvironment.Connection c : env.connections()) {
            if (main.find(c.spec().name()).isPresent()) {
                c.route().close();
                continue;
            }
            main.addRouted(c.spec(), c.route(), true);
        }
        main.selectedProperty().set(main.connections().get(0));
        main.say("Demo running: a local echo server over three simulated networks. Try Simulate → Outage.");
    }

    @Override
    public void stop() {
        stopping = true;
        if (timer != null) {
            timer.stop();
        }
        if (window != null) {
            window.rememberGeometry();
            config.save();
        }
        // Closing connections and proxies waits on sockets: never on the UI thread. Not a daemon, so that the JVM
        // lets the engine close its connections cleanly before it exits.
        STOPPING.complete(monitor == null ? ShutdownPolicy.MARGIN : ShutdownPolicy.budget(monitor));
        Thread t = new Thread(() -> {
            try {
                if (monitor != null) {
                    List<AutoCloseable> after = new ArrayList<>();
                    after.add(routes);
                    DemoEnvironment running = demo;
                    if (running != null) {
                        after.add(running);
                    }
                    ShutdownPolicy.stop(monitor, after, line -> System.err.println("wsmon: " + line));
                }
                if (alerting != null) {
                    alerting.close();
                }
                history.close(); // after the engine: its last closes are recorded too
            } finally {
                STOPPED.complete(null);
            }
        }, "wsmon-desktop-shutdown");
        t.start();
    }

    // ------------------------------------------------------------------ for tests in this package

    MainViewModel mainViewModel() {
        return main;
    }

    MainWindow window() {
        return window;
    }

    /** Where the engine's events enter the UI: tests hand it events no engine would make on cue. */
    EventInbox inbox() {
        return inbox;
    }

    Monitor monitor() {
        return monitor;
    }

    DrainTimer timer() {
        return timer;
    }

    static void exit() {
        Platform.exit();
    }
}
