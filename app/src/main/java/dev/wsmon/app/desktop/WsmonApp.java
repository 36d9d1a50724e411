package dev.wsmon.app.desktop;

import dev.wsmon.app.viewmodel.ConnectionSpec;
import dev.wsmon.app.viewmodel.EventInbox;
import dev.wsmon.app.viewmodel.MainViewModel;
import dev.wsmon.core.Monitor;
import dev.wsmon.core.MonotonicClock;
import dev.wsmon.core.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The desktop application: the composition root. It makes the engine, the inbox its events go through, the view
 * models and the window, decides what to open (a profile or URLs from the command line, else the last profile, else
 * the embedded demo), and shuts the engine down off the UI thread on exit.
 *
 * <p>Command line (the full wsmon command line is passed through; what is not for the desktop is ignored):
 * {@code [--profile FILE] [--demo] [--theme light|dark] [ws://… …]}.
 */
public final class WsmonApp extends Application {

    /** Completes when the engine, the proxies and the demo have stopped after the window closed. */
    static final CompletableFuture<Void> STOPPED = new CompletableFuture<>();

    /** The one clock of the app: the engine, the view models and the fault routes all read it. */
    private final MonotonicClock clock = MonotonicClock.SYSTEM;
    private Options options;
    private DesktopConfig config;
    private Monitor monitor;
    private ProxyRoutes routes;
    private MainViewModel main;
    private MainWindow window;
    private DrainTimer timer;
    private volatile DemoEnvironment demo;
    private volatile boolean stopping;

    /** What the command line asks of the desktop. */
    record Options(Optional<Path> profile, List<String> urls, boolean demo, Optional<String> theme) {

        static Options parse(List<String> args) {
            Optional<Path> profile = Optional.empty();
            Optional<String> theme = Optional.empty();
            boolean demo = false;
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if ((a.equals("--profile") || a.equals("-p")) && i + 1 < args.size()) {
                    profile = Optional.of(Path.of(args.get(++i)));
                } else if (a.startsWith("--profile=")) {
                    profile = Optional.of(Path.of(a.substring("--profile=".length())));
                } else if (a.equals("--theme") && i + 1 < args.size()) {
                    theme = Optional.of(args.get(++i));
                } else if (a.startsWith("--theme=")) {
                    theme = Optional.of(a.substring("--theme=".length()));
                } else if (a.equals("--demo")) {
                    demo = true;
                } else if (a.startsWith("ws://") || a.startsWith("wss://")) {
                    urls.add(a);
                }
            }
            return new Options(profile, urls, demo, theme);
        }
    }

    @Override
    public void init() {
        DesktopLauncher.restoreLogging();
        options = Options.parse(getParameters().getRaw());
        config = DesktopConfig.load(DesktopConfig.defaultDir());
        options.theme().ifPresent(t -> config.set("theme", Theme.parse(t).name()));
    }

    @Override
    public void start(Stage stage) {
        monitor = Monitor.builder().clock(clock).build();
        routes = new ProxyRoutes(clock);
        main = new MainViewModel(monitor, new EventInbox(), new ProfileFiles(), routes, clock::epochMillis);
        window = new MainWindow(stage, main, config, this::startDemo);
        timer = new DrainTimer(stage, this::tick);
        stage.setOnCloseRequest(e -> window.rememberGeometry());
        stage.show();
        openInitial();
    }

    private void tick() {
        main.tick();
        window.chart().update(main.now());
    }

    private void openInitial() {
        boolean opened = false;
        if (options.profile().isPresent()) {
            opened = main.openProfile(options.profile().get());
            if (opened) {
                config.set("profile.last", options.profile().get().toAbsolutePath().toString());
            }
        }
        int n = 1;
        for (String url : options.urls()) {
            String name = "url-" + n++;
            try {
                main.add(ConnectionSpec.of(name, url, Settings.DEFAULTS), true);
                opened = true;
            } catch (IllegalArgumentException e) {
                main.say("Not added " + dev.wsmon.core.Redaction.url(url) + ": " + e.getMessage());
            }
        }
        if (!opened && !options.demo() && options.profile().isEmpty()) {
            Optional<Path> last = config.get("profile.last").map(Path::of).filter(Files::isRegularFile);
            if (last.isPresent() && main.openProfile(last.get()) && !main.connections().isEmpty()) {
                opened = true;
            }
        }
        if (!opened || options.demo()) {
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
        Thread t = new Thread(() -> {
            try {
                if (monitor != null) {
                    monitor.shutdown(Duration.ofSeconds(2));
                }
                if (routes != null) {
                    routes.close();
                }
                if (demo != null) {
                    demo.close();
                }
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
