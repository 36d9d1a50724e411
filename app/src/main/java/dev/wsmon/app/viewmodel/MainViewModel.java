package dev.wsmon.app.viewmodel;

import dev.wsmon.app.history.HistoryService;
import dev.wsmon.core.Monitor;
import dev.wsmon.core.MonitoredConnection;
import dev.wsmon.core.Settings;
import dev.wsmon.core.State;
import dev.wsmon.core.event.ConnectionEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import dev.wsmon.core.session.FeedSession;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The main window's state: the connections, the selection, the counts per state for the status bar, the chart
 * window, the profile file, and the commands on them. Owned by the UI thread, which calls {@link #tick} at a fixed
 * rate: that is where the engine's events arrive, in one batch.
 */
public final class MainViewModel {

    /**
     * Routine updates (latency samples, messages, statistics, time in state) are applied once per this many milliseconds
     * of the clock, on the first tick of each slot, for all connections at once: each change to the screen costs a
     * redraw, and one redraw for all connections costs far less than one for each at its own moment.
     */
    public static final long ROUTINE_MILLIS = 1_000;

    private final Monitor monitor;
    private final EventInbox inbox;
    private final ProfileGateway profiles;
    private final FaultRoutes routes;
    private final LongSupplier clock;
    /** The history database: recorded by the engine's listener, read here for the chart and exports. */
    private HistoryService history = HistoryService.disabled();

    private final ObservableList<ConnectionViewModel> connections = FXCollections.observableArrayList();
    private final ObservableList<ConnectionViewModel> readOnlyConnections = FXCollections.unmodifiableObservableList(connections);
    private final ObjectProperty<ConnectionViewModel> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObjectProperty<ChartWindow> window = new SimpleObjectProperty<>(this, "window", ChartWindow.ONE_MINUTE);
    private final Map<State, ReadOnlyIntegerWrapper> counts = new EnumMap<>(State.class);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final BooleanProperty logAutomatic = new SimpleBooleanProperty(this, "logAutomatic", false);
    private final ReadOnlyObjectWrapper<Path> profilePath = new ReadOnlyObjectWrapper<>(this, "profilePath");
    private final ObservableList<LogEntry> allLog = FXCollections.observableArrayList();
    /** Messages kept whole for the inspector, over all connections: one cap for the window's memory. */
    private final KeptMessages kept = new KeptMessages();
    private final List<Consumer<ConnectionEvent>> observers = new CopyOnWriteArrayList<>();
    private final List<Runnable> tickObservers = new CopyOnWriteArrayList<>();
    /** The clock's routine slot at the last routine tick. */
    private long routineSlot = Long.MIN_VALUE;
    private boolean routine;

    public MainViewModel(Monitor monitor, EventInbox inbox, ProfileGateway profiles, FaultRoutes routes, LongSupplier clock) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.routes = Objects.requireNonNull(routes, "routes");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (State s : State.values()) {
            counts.put(s, new ReadOnlyIntegerWrapper(this, s.name().toLowerCase(java.util.Locale.ROOT)));
        }
        monitor.addListener(inbox);
        window.addListener((o, a, b) -> refresh(true));
    }

    // ------------------------------------------------------------------ the tick

    /**
     * Applies what the engine reported since the last tick, then re-reads each connection's snapshot. State changes,
     * closes and the results of the operator's actions apply at every tick; routine updates only at the first tick of
     * each {@link #ROUTINE_MILLIS} slot of the clock (see {@link EventInbox#drain(boolean)}).
     */
    public void tick() {
        long slot = Math.floorDiv(clock.getAsLong(), ROUTINE_MILLIS);
        routine = slot != routineSlot;
        if (routine) {
            routineSlot = slot;
        }
        EventInbox.Drained batch = inbox.drain(routine);
        for (Runnable task : batch.tasks()) {
            task.run();
        }
        List<LogEntry> all = new ArrayList<>();
        for (ConnectionViewModel c : connections) {
            List<ConnectionEvent> events = batch.events().getOrDefault(c.id(), List.of());
            int dropped = batch.dropped().getOrDefault(c.id(), 0);
            if (events.isEmpty() && dropped == 0) {
                continue;
            }
            all.addAll(c.apply(events, dropped));
            for (ConnectionEvent e : events) {
                for (Consumer<ConnectionEvent> o : observers) {
                    o.accept(e);
                }
            }
        }
        if (!all.isEmpty()) {
            all.sort(java.util.Comparator.comparingLong(LogEntry::ts));
            appendAll(all);
        }
        refresh(routine);
        tickObservers.forEach(Runnable::run);
    }

    /**
     * Whether something on screen counts down by itself between routine seconds: a reconnect wait, a connection
     * CONNECTING or CLOSING, a simulated outage. While none does and nothing {@linkplain EventInbox#urgent urgent}
     * waits, a tick between routine seconds changes nothing and need not run.
     */
    public boolean countingDown() {
        for (ConnectionViewModel c : connections) {
            if (c.state() == State.CONNECTING || c.state() == State.CLOSING || !c.nextReconnectProperty().get().isEmpty()
                    || c.route() != null && !c.route().outageLeft().isZero() && !c.route().outageLeft().isNegative()) {
                return true;
            }
        }
        return false;
    }

    /** Whether the last tick applied routine updates: views that redraw with them need not redraw in between. */
    public boolean routineTick() {
        return routine;
    }

    /** Runs after every tick, for countdowns. */
    public void addTickObserver(Runnable observer) {
        tickObservers.add(Objects.requireNonNull(observer, "observer"));
    }

    /** @param routine also time in state and the latency statistics, which change with every routine update */
    private void refresh(boolean routine) {
        long now = clock.getAsLong();
        Map<State, Integer> n = new EnumMap<>(State.class);
        for (ConnectionViewModel c : connections) {
            c.refresh(now, window.get().stats().duration(), routine);
            n.merge(c.state(), 1, Integer::sum);
        }
        for (State s : State.values()) {
            counts.get(s).set(n.getOrDefault(s, 0));
        }
    }

    private void appendAll(List<LogEntry> lines) {
        allLog.addAll(lines);
        int excess = allLog.size() - ConnectionViewModel.LOG_CAP;
        if (excess > 0) {
            allLog.remove(0, excess);
        }
    }

    /** Sees every event the UI thread applies, after the connection's own view model did. */
    public void addEventObserver(Consumer<ConnectionEvent> observer) {
        observers.add(Objects.requireNonNull(observer, "observer"));
    }

    /** Runs {@code task} on the UI thread at the next tick; for results of background work. */
    public void post(Runnable task) {
        inbox.post(task);
    }

    // ------------------------------------------------------------------ connections

    /**
     * Adds a connection to the engine and the table, selecting it.
     *
     * @throws IllegalArgumentException when the name is taken
     */
    public ConnectionViewModel add(ConnectionSpec spec, boolean connect) {
        if (find(spec.name()).isPresent()) {
            throw new IllegalArgumentException("a connection named '" + spec.name() + "' already exists");
        }
        MonitoredConnection engine = monitor.add(spec.name(), spec.endpoint(), spec.settings());
        inbox.track(engine.id());
        ConnectionViewModel vm = new ConnectionViewModel(engine, spec, clock, kept);
        // Always watched, so that a session added later in the dialog applies from the next OPEN
        FeedSession session = new FeedSession(spec.session(), System::getenv, (index, count, outcome, problem) ->
                inbox.post(() -> note(vm, LogKind.MESSAGE, SessionLog.onOpenNotDelivered(index, count, outcome, problem),
                        "")));
        engine.addWatcher(session);
        vm.attachSession(session);
        vm.logAutomaticProperty().bind(logAutomatic);
        connections.add(vm);
        backfill(vm);
        if (selected.get() == null) {
            selected.set(vm);
        }
        if (connect) {
            vm.connect();
        }
        refresh(true);
        return vm;
    }

    /** Adds a connection that goes through {@code route} from its first attempt (the demo's). */
    public ConnectionViewModel addRouted(ConnectionSpec spec, FaultRoute route, boolean connect) {
        ConnectionViewModel vm = add(spec, false);
        vm.setInitialRoute(route);
        if (connect) {
            vm.connect();
        }
        return vm;
    }

    /** Changes URL, headers, subprotocols or TLS of an existing connection; they apply from its next attempt. */
    public void update(ConnectionSpec spec) {
        ConnectionViewModel vm = find(spec.name()).orElseThrow(
                () -> new IllegalArgumentException("no connection named '" + spec.name() + "'"));
        FaultRoute route = vm.route();
        if (route != null && !route.target().equals(targetOf(spec))) {
            vm.setRoute(null);
            route.close();
        }
        Settings before = vm.spec().settings();
        vm.setSpec(spec);
        if (!HealthSettingsViewModel.healthOf(spec.settings(), before).equals(before)) {
            vm.applySettings(HealthSettingsViewModel.healthOf(spec.settings(), vm.settings())); // live, and audited
        }
        note(vm, LogKind.INFO, "connection edited: " + spec.displayUrl() + (spec.insecure() ? " (TLS checks OFF)" : "")
                + "; applies from the next attempt", "Reconnect now to apply it at once.");
        status.set("Changes to " + spec.name() + " apply from its next attempt; Reconnect now applies them at once.");
    }

    /** Puts the last hour recorded before this run in front of the connection's chart, once it is read. */
    private void backfill(ConnectionViewModel vm) {
        long now = clock.getAsLong();
        history.recent(vm.name(), now - LatencyHistory.KEEP.toMillis(), now).thenAccept(recent -> {
            if (!recent.samples().isEmpty() || !recent.events().isEmpty()) {
                inbox.post(() -> vm.history().backfill(HistoryBackfill.of(recent)));
            }
        });
    }

    public void remove(ConnectionViewModel vm) {
        if (!connections.contains(vm)) {
            return;
        }
        int index = connections.indexOf(vm);
        connections.remove(vm);
        inbox.forget(vm.id()); // its CLOSED comes later, maybe after a new connection took the name: not shown
        monitor.remove(vm.name()); // closes it; the engine never blocks the caller
        if (vm.route() != null) {
            vm.route().close();
        }
        if (selected.get() == vm) {
            selected.set(connections.isEmpty() ? null : connections.get(Math.min(index, connections.size() - 1)));
        }
        refresh(false);
        status.set("Removed " + vm.name() + ".");
    }

    public void removeAll() {
        for (ConnectionViewModel vm : List.copyOf(connections)) {
            remove(vm);
        }
    }

    public void connectAll() {
        connections.forEach(ConnectionViewModel::connect);
    }

    public void disconnectAll() {
        connections.forEach(ConnectionViewModel::disconnect);
    }

    public Optional<ConnectionViewModel> find(String name) {
        return connections.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public List<String> names() {
        return connections.stream().map(ConnectionViewModel::name).toList();
    }

    // ------------------------------------------------------------------ fault routes

    /**
     * Routes {@code vm} through a new fault proxy to its URL's host and port, then reconnects it once so that the
     * next attempt goes through the proxy. The proxy starts in the background; the route is set at a later tick.
     */
    public void route(ConnectionViewModel vm) {
        if (vm.route() != null) {
            return;
        }
        var endpoint = vm.spec().endpoint();
        // Through an HTTP/SOCKS proxy the first hop is the proxy: the faults go between wsmon and it
        String host = endpoint.proxy().map(p -> p.host()).orElse(endpoint.uri().getHost());
        int port = endpoint.proxy().map(p -> p.port()).orElse(endpoint.port());
        status.set("Starting a fault proxy for " + vm.name() + " to " + host + ":" + port + "…");
        routes.open(host, port).whenComplete((route, error) -> inbox.post(() -> {
            if (error != null) {
                status.set("Could not start a fault proxy for " + vm.name() + ": " + rootMessage(error));
                return;
            }
            if (!connections.contains(vm) || vm.route() != null) {
                route.close();
                return;
            }
            vm.setRoute(route);
            note(vm, LogKind.SIMULATE, "routed through fault proxy " + ConnectionViewModel.hostPort(route.address())
                    + " → " + route.target() + "; reconnecting once so the next attempt goes through it", "");
            if (vm.state() != State.CLOSED || vm.wantedProperty().get()) {
                vm.reconnectNow();
            }
            status.set(vm.name() + " now goes through a fault proxy: outage, reset and latency can be simulated.");
        }));
    }

    /** Sends {@code vm} straight to its host again from the next attempt, and stops its proxy. */
    public void unroute(ConnectionViewModel vm) {
        FaultRoute route = vm.route();
        if (route == null) {
            return;
        }
        vm.setRoute(null);
        route.close();
        note(vm, LogKind.SIMULATE, "fault proxy removed; the next attempt connects straight to " + targetOf(vm.spec()), "");
    }

    private static String targetOf(ConnectionSpec spec) {
        var e = spec.endpoint();
        return e.uri().getHost() + ":" + e.port();
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    // ------------------------------------------------------------------ profiles

    /**
     * Replaces the connections with the profile's and connects them. On failure nothing changes.
     *
     * @return whether it loaded
     */
    public boolean openProfile(Path file) {
        ProfileGateway.Loaded loaded;
        try {
            loaded = profiles.load(file);
        } catch (IOException | RuntimeException e) {
            status.set("Could not open the profile: " + e.getMessage());
            return false;
        }
        removeAll();
        for (ConnectionSpec spec : loaded.connections()) {
            add(spec, true);
        }
        if (!connections.isEmpty()) {
            selected.set(connections.get(0));
        }
        profilePath.set(file);
        status.set("Opened " + file.getFileName() + ": " + loaded.connections().size() + " connection"
                + (loaded.connections().size() == 1 ? "" : "s")
                + (loaded.warnings().isEmpty() ? "." : "; " + String.join("; ", loaded.warnings())));
        return true;
    }

    /**
     * Saves every connection but the demo's, with its current (tuned) settings, which become its profile values.
     *
     * @return whether it was written
     */
    public boolean saveProfile(Path file) {
        List<ConnectionSpec> specs = new ArrayList<>();
        for (ConnectionViewModel c : connections) {
            if (!c.spec().demo()) {
                specs.add(c.spec().withSettings(c.settings()));
            }
        }
        try {
            profiles.save(file, specs);
        } catch (IOException | RuntimeException e) {
            status.set("Could not save the profile: " + e.getMessage());
            return false;
        }
        for (ConnectionViewModel c : connections) {
            if (!c.spec().demo()) {
                c.setSpec(c.spec().withSettings(c.settings()));
            }
        }
        profilePath.set(file);
        long demo = connections.stream().filter(c -> c.spec().demo()).count();
        status.set("Saved " + specs.size() + " connection" + (specs.size() == 1 ? "" : "s") + " to " + file.getFileName()
                + (demo > 0 ? " (demo connections are not saved)" : "") + ".");
        return true;
    }

    /** Adds a line of the UI's own (not an engine event) to a connection's log and the merged log. */
    public void note(ConnectionViewModel vm, LogKind kind, String text, String detail) {
        LogEntry line = new LogEntry(clock.getAsLong(), vm.name(), kind, text, detail);
        vm.appendLog(List.of(line));
        appendAll(List.of(line));
    }

    /** Says something in the status bar. */
    public void say(String message) {
        status.set(message);
    }

    // ------------------------------------------------------------------ properties

    /** Whether every connection logs its automatic sends (responders, heartbeat) one by one instead of counting them. */
    public BooleanProperty logAutomaticProperty() {
        return logAutomatic;
    }

    public ObservableList<ConnectionViewModel> connections() {
        return readOnlyConnections;
    }

    public ObjectProperty<ConnectionViewModel> selectedProperty() {
        return selected;
    }

    public ConnectionViewModel selected() {
        return selected.get();
    }

    public ObjectProperty<ChartWindow> windowProperty() {
        return window;
    }

    public ReadOnlyIntegerProperty countProperty(State state) {
        return counts.get(state).getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> profilePathProperty() {
        return profilePath.getReadOnlyProperty();
    }

    /** Every connection's log lines, merged, the newest {@link ConnectionViewModel#LOG_CAP}. */
    public ObservableList<LogEntry> allLog() {
        return allLog;
    }

    /** The messages kept whole for the inspector, over all connections. */
    public KeptMessages kept() {
        return kept;
    }

    public long now() {
        return clock.getAsLong();
    }

    /** The history database the chart's long windows, the backfill and the exports read. */
    public HistoryService history() {
        return history;
    }

    /** Set once by the composition root, before connections are added. */
    public void setHistory(HistoryService value) {
        history = Objects.requireNonNull(value, "history");
    }
}
