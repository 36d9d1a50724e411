package dev.wsmon.app.desktop;

import dev.wsmon.app.viewmodel.AlertsViewModel;
import dev.wsmon.app.viewmodel.ChartWindow;
import dev.wsmon.app.viewmodel.ExportViewModel;
import dev.wsmon.app.viewmodel.ConnectionEditorViewModel;
import dev.wsmon.app.viewmodel.ConnectionSpec;
import dev.wsmon.app.viewmodel.ConnectionViewModel;
import dev.wsmon.app.viewmodel.EventLogViewModel;
import dev.wsmon.app.viewmodel.MessageInspectorViewModel;
import dev.wsmon.app.viewmodel.GlanceViewModel;
import dev.wsmon.app.viewmodel.LatencyChartViewModel;
import dev.wsmon.app.viewmodel.MainViewModel;
import dev.wsmon.app.viewmodel.SendViewModel;
import dev.wsmon.app.viewmodel.SimulateViewModel;
import dev.wsmon.app.viewmodel.TuningViewModel;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * The main window: menus and toolbar, the connection table, and for the selected connection the latency chart, the
 * event log with the send box, live tuning and simulate. Builds views, binds them to the view models and forwards
 * intent; holds no state of its own beyond layout.
 */
final class MainWindow {

    static final double DEFAULT_WIDTH = 1400;
    static final double DEFAULT_HEIGHT = 900;
    static final int[] ICON_SIZES = {16, 32, 48, 64, 128, 256};

    private final Stage stage;
    private final MainViewModel vm;
    private final DesktopConfig config;
    private final Runnable startDemo;
    private final Scene scene;
    private final LatencyChartView chart;
    private final EventLogView log;
    private final MessageInspectorView inspector;
    private final SendBar sendBar;
    private final ConnectionTable table;
    private final TimelineView timeline;
    private final SimulateViewModel simulate;
    private final TuningViewModel tuning;
    private final LatencyChartViewModel chartVm;
    private final AlertsViewModel alerts;
    private final ExportViewModel export;
    private final SplitPane outer;
    private final SplitPane detail;
    private final SplitPane left;
    private final SplitPane logAndInspector;
    private Theme theme;

    MainWindow(Stage stage, MainViewModel vm, DesktopConfig config, Runnable startDemo) {
        this.stage = stage;
        this.vm = vm;
        this.config = config;
        this.startDemo = startDemo;
        this.theme = Theme.parse(config.get("theme").orElse("LIGHT"));
        vm.windowProperty().set(ChartWindow.parse(config.get("chart.window").orElse("ONE_MINUTE")));

        chartVm = new LatencyChartViewModel(vm);
        export = new ExportViewModel(vm, System::getenv);
        tuning = new TuningViewModel(vm);
        simulate = new SimulateViewModel(vm);
        alerts = new AlertsViewModel(vm, DesktopNotifier.fromPath());
        chart = new LatencyChartView(chartVm);
        EventLogViewModel logVm = new EventLogViewModel(vm);
        log = new EventLogView(logVm);
        MessageInspectorViewModel inspectorVm = new MessageInspectorViewModel(vm, logVm);
        inspector = new MessageInspectorView(inspectorVm);
        MessageInspectorView.link(log, inspectorVm);
        sendBar = new SendBar(new SendViewModel(vm));
        GlanceViewModel glance = new GlanceViewModel(vm);
        table = new ConnectionTable(vm, glance, this::rowMenu);
        timeline = new TimelineView(glance);

        VBox logAndSend = new VBox(log, sendBar);
        VBox.setVgrow(log, Priority.ALWAYS);
        logAndInspector = new SplitPane(logAndSend, inspector);
        logAndInspector.setDividerPositions(config.getDouble("split.inspector", 0.6));
        VBox chartArea = new VBox(timeline, chart); // the timeline shares the chart's window, above it
        VBox.setVgrow(chart, Priority.ALWAYS);
        left = new SplitPane(chartArea, logAndInspector);
        left.setOrientation(Orientation.VERTICAL);
        left.setDividerPositions(config.getDouble("split.chart", 0.52));

        VBox side = new VBox(new TuningPane(tuning), new Separator(), new SimulatePane(simulate), new Separator(),
                new AlertsPane(alerts, vm));
        side.getStyleClass().add("side-panel");
        ScrollPane sideScroll = new ScrollPane(side);
        sideScroll.setFitToWidth(true);
        sideScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        sideScroll.getStyleClass().add("side-scroll");
        sideScroll.setMinWidth(270);
        sideScroll.setPrefWidth(330);
        SplitPane.setResizableWithParent(sideScroll, false);

        detail = new SplitPane(left, sideScroll);
        detail.setDividerPositions(config.getDouble("split.side", 0.76));
        outer = new SplitPane(table, detail);
        outer.setOrientation(Orientation.VERTICAL);
        outer.setDividerPositions(config.getDouble("split.table", 0.24));
        SplitPane.setResizableWithParent(table, false);
        table.setMinHeight(96);

        BorderPane root = new BorderPane(outer);
        root.setTop(new VBox(menuBar(), toolBar(), AlertsPane.banner(alerts)));
        root.setBottom(new StatusBar(vm));
        root.getStyleClass().add("main-window");
        scene = new Scene(root, DEFAULT_WIDTH, DEFAULT_HEIGHT);
        applyTheme(theme);

        stage.setScene(scene);
        stage.setTitle("wsmon");
        stage.setMinWidth(900);
        stage.setMinHeight(560);
        for (int size : ICON_SIZES) {
            var url = MainWindow.class.getResource("/wsmon/icons/wsmon-" + size + ".png");
            if (url != null) {
                stage.getIcons().add(new Image(url.toExternalForm()));
            }
        }
        vm.profilePathProperty().addListener((o, a, b) -> updateTitle());
        updateTitle();
        restoreGeometry();
    }

    // ------------------------------------------------------------------ menus and toolbar

    private MenuBar menuBar() {
        BooleanBinding none = vm.selectedProperty().isNull();
        Menu file = new Menu("_File", null,
                item("_Open profile…", "Ctrl+O", this::openProfile, null),
                item("_Save profile", "Ctrl+S", this::saveProfile, null),
                item("Save profile _as…", "Ctrl+Shift+S", this::saveProfileAs, null),
                new SeparatorMenuItem(),
                item("Start the _demo", null, startDemo, null),
                new SeparatorMenuItem(),
                item("_Export chart data…", null, this::exportData, export.canExportProperty().not()),
                item("Save _evidence bundle…", null, this::saveBundle, export.canExportProperty().not()),
                new SeparatorMenuItem(),
                item("_Quit", "Ctrl+Q", stage::close, null));
        Menu connection = new Menu("_Connection", null,
                item("_Add…", "Ctrl+N", this::addConnection, null),
                item("_Edit…", "Ctrl+E", this::editConnection, none),
                item("_Remove", "Ctrl+Delete", this::removeConnection, none),
                new SeparatorMenuItem(),
                item("_Connect", "Ctrl+U", () -> selected(ConnectionViewModel::connect), none),
                item("_Disconnect", "Ctrl+D", () -> selected(ConnectionViewModel::disconnect), none),
                item("Reconnect _now", "Ctrl+R", () -> selected(ConnectionViewModel::reconnectNow), none),
                new SeparatorMenuItem(),
                item("Connect all", "Ctrl+Shift+U", vm::connectAll, null),
                item("Disconnect all", "Ctrl+Shift+D", vm::disconnectAll, null),
                new SeparatorMenuItem(),
                item("Send a _message", "Ctrl+M", sendBar::focus, none),
                item("Apply tuning", "Ctrl+Enter", tuning::applyToSelected, null));
        Menu sim = new Menu("_Simulate", null,
                item("Route via fault proxy", null, simulate::routeSelected, simulate.canRouteProperty().not()),
                item("_Outage", "Ctrl+Shift+O", simulate::outage, simulate.routedProperty().not()),
                item("_Reset (RST)", "Ctrl+Shift+R", simulate::reset, simulate.routedProperty().not()),
                item("Add _latency", "Ctrl+Shift+L", simulate::applyLatency, simulate.routedProperty().not()),
                item("_Clear faults", "Ctrl+Shift+X", simulate::clearFaults, simulate.routedProperty().not()));
        Menu view = new Menu("_View");
        for (ChartWindow w : ChartWindow.values()) {
            view.getItems().add(item("Chart: last " + w.label(), "Ctrl+" + (w.ordinal() + 1), () -> vm.windowProperty().set(w), null));
        }
        view.getItems().addAll(
                item("Chart: follow _live", "Ctrl+L", () -> chartVm.followProperty().set(true), null),
                new SeparatorMenuItem(),
                item("Search the log", "Ctrl+F", log::focusSearch, null),
                item("Toggle _dark theme", "Ctrl+T", () -> applyTheme(theme.other()), null));
        Menu help = new Menu("_Help", null,
                item("_Keyboard shortcuts", "F1", this::showShortcuts, null),
                item("_About wsmon", null, this::showAbout, null));
        MenuBar bar = new MenuBar(file, connection, sim, view, help);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private static MenuItem item(String text, String accelerator, Runnable action, ObservableBooleanValue disabled) {
        MenuItem m = new MenuItem(text);
        if (accelerator != null) {
            m.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        m.setOnAction(e -> action.run());
        if (disabled != null) {
            m.disableProperty().bind(Bindings.createBooleanBinding(disabled::get, disabled));
        }
        return m;
    }

    private ToolBar toolBar() {
        BooleanBinding none = vm.selectedProperty().isNull();
        Button add = button("add", "+ Add", "Add a connection (Ctrl+N)", this::addConnection, null);
        add.getStyleClass().add("accent");
        Button theme = button("theme", "Theme", "Switch light / dark (Ctrl+T)", () -> applyTheme(this.theme.other()), null);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        ToolBar bar = new ToolBar(
                add,
                button("edit", "Edit", "Edit the selected connection (Ctrl+E)", this::editConnection, none),
                button("remove", "Remove", "Remove the selected connection (Ctrl+Delete)", this::removeConnection, none),
                new Separator(Orientation.VERTICAL),
                button("connect", "Connect", "Connect the selected connection (Ctrl+U)", () -> selected(ConnectionViewModel::connect), none),
                button("disconnect", "Disconnect", "Close it with 1000 and stop reconnecting (Ctrl+D)", () -> selected(ConnectionViewModel::disconnect), none),
                button("reconnect", "Reconnect now", "Skip the reconnect wait, or replace an open connection (Ctrl+R)", () -> selected(ConnectionViewModel::reconnectNow), none),
                new Separator(Orientation.VERTICAL),
                button("open", "Open…", "Open a profile (Ctrl+O)", this::openProfile, null),
                button("save", "Save", "Save the profile (Ctrl+S)", this::saveProfile, null),
                spacer,
                theme);
        bar.getStyleClass().add("main-toolbar");
        return bar;
    }

    private static Button button(String id, String text, String tip, Runnable action, ObservableBooleanValue disabled) {
        Button b = new Button(text);
        b.setId("tool-" + id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        b.setFocusTraversable(false);
        if (disabled != null) {
            b.disableProperty().bind(Bindings.createBooleanBinding(disabled::get, disabled));
        }
        return b;
    }

    private ContextMenu rowMenu() {
        return new ContextMenu(
                item("Connect", null, () -> selected(ConnectionViewModel::connect), null),
                item("Disconnect", null, () -> selected(ConnectionViewModel::disconnect), null),
                item("Reconnect now", null, () -> selected(ConnectionViewModel::reconnectNow), null),
                new SeparatorMenuItem(),
                item("Edit…", null, this::editConnection, null),
                item("Route via fault proxy", null, simulate::routeSelected, simulate.canRouteProperty().not()),
                new SeparatorMenuItem(),
                item("Snooze alerts 15 min", null, () -> selected(c -> alerts.silence(c.name(), AlertsViewModel.Silence.SNOOZE_15_MIN)), null),
                item("Snooze alerts 1 h", null, () -> selected(c -> alerts.silence(c.name(), AlertsViewModel.Silence.SNOOZE_1_H)), null),
                item("Snooze alerts until resolved", null,
                        () -> selected(c -> alerts.silence(c.name(), AlertsViewModel.Silence.UNTIL_RESOLVED)), null),
                item("Mute alerts", null, () -> selected(c -> alerts.silence(c.name(), AlertsViewModel.Silence.MUTED)), null),
                item("Notify alerts again", null, () -> selected(c -> alerts.unsilence(c.name())), null),
                new SeparatorMenuItem(),
                item("Remove", null, this::removeConnection, null));
    }

    private void selected(Consumer<ConnectionViewModel> action) {
        ConnectionViewModel c = vm.selected();
        if (c != null) {
            action.accept(c);
        }
    }

    // ------------------------------------------------------------------ intents

    void addConnection() {
        ConnectionEditorViewModel editor = ConnectionEditorViewModel.forNew(vm.names(),
                vm.selected() == null ? dev.wsmon.core.Settings.DEFAULTS : vm.selected().spec().demo()
                        ? dev.wsmon.core.Settings.DEFAULTS : vm.selected().spec().settings());
        Optional<ConnectionSpec> spec = new ConnectionDialog(stage, editor, theme.stylesheet()).showAndWait();
        spec.ifPresent(s -> {
            try {
                vm.selectedProperty().set(vm.add(s, editor.connectNowProperty().get()));
                vm.say("Added " + s.name() + ".");
            } catch (IllegalArgumentException e) {
                vm.say("Not added: " + e.getMessage());
            }
        });
    }

    void editConnection() {
        ConnectionViewModel c = vm.selected();
        if (c == null) {
            return;
        }
        ConnectionEditorViewModel editor = ConnectionEditorViewModel.forEdit(c.spec());
        new ConnectionDialog(stage, editor, theme.stylesheet()).showAndWait().ifPresent(vm::update);
    }

    void removeConnection() {
        ConnectionViewModel c = vm.selected();
        if (c == null) {
            return;
        }
        Alert confirm = new Alert(Alert.AlertType.CONFIRMATION, "Remove " + c.name() + "? Its connection is closed and "
                + "its log and chart are dropped.", ButtonType.OK, ButtonType.CANCEL);
        confirm.initOwner(stage);
        confirm.setHeaderText(null);
        confirm.setTitle("Remove connection");
        confirm.getDialogPane().getStylesheets().add(theme.stylesheet());
        if (confirm.showAndWait().filter(b -> b == ButtonType.OK).isPresent()) {
            vm.remove(c);
        }
    }

    private void openProfile() {
        FileChooser chooser = chooser("Open profile");
        File f = chooser.showOpenDialog(stage);
        if (f != null && vm.openProfile(f.toPath())) {
            config.set("profile.last", f.toPath().toAbsolutePath().toString());
        }
    }

    private void saveProfile() {
        Path p = vm.profilePathProperty().get();
        if (p == null) {
            saveProfileAs();
        } else if (vm.saveProfile(p)) {
            config.set("profile.last", p.toAbsolutePath().toString());
        }
    }

    private void saveProfileAs() {
        FileChooser chooser = chooser("Save profile");
        chooser.setInitialFileName(vm.profilePathProperty().get() == null ? "wsmon-profile.json"
                : vm.profilePathProperty().get().getFileName().toString());
        File f = chooser.showSaveDialog(stage);
        if (f != null && vm.saveProfile(f.toPath())) {
            config.set("profile.last", f.toPath().toAbsolutePath().toString());
        }
    }

    /** RTT CSV, events JSON Lines and chart PNG of the selected connection over the chart's window, into a folder. */
    private void exportData() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Export " + vm.selected().name() + " (last " + vm.windowProperty().get().label() + ") into");
        chooser.setInitialDirectory(new File(System.getProperty("user.home")));
        File dir = chooser.showDialog(stage);
        if (dir != null) {
            export.exportTo(dir.toPath());
        }
    }

    /** One ZIP for the team that runs the server; secrets redacted. */
    private void saveBundle() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the evidence of " + vm.selected().name() + " (last " + vm.windowProperty().get().label() + ")");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("ZIP archives (*.zip)", "*.zip"));
        chooser.setInitialFileName(export.baseName() + "-evidence.zip");
        chooser.setInitialDirectory(new File(System.getProperty("user.home")));
        File f = chooser.showSaveDialog(stage);
        if (f != null) {
            export.bundleTo(f.toPath());
        }
    }

    private FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("wsmon profiles (*.json)", "*.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        Path current = vm.profilePathProperty().get();
        File dir = current != null && current.toAbsolutePath().getParent() != null
                ? current.toAbsolutePath().getParent().toFile() : new File(System.getProperty("user.home"));
        if (dir.isDirectory()) {
            chooser.setInitialDirectory(dir);
        }
        return chooser;
    }

    void applyTheme(Theme next) {
        theme = next;
        scene.getStylesheets().setAll(next.stylesheet());
        chart.setPalette(next.palette());
        timeline.setPalette(next == Theme.DARK ? TimelineView.Palette.DARK : TimelineView.Palette.LIGHT);
        config.set("theme", next.name());
    }

    Theme theme() {
        return theme;
    }

    private void showShortcuts() {
        String[][] rows = {
                {"Ctrl+N", "Add a connection"}, {"Ctrl+E", "Edit the selected connection"},
                {"Ctrl+Delete", "Remove the selected connection"}, {"Ctrl+U / Ctrl+D", "Connect / disconnect"},
                {"Ctrl+R", "Reconnect now"}, {"Ctrl+Shift+U / D", "Connect all / disconnect all"},
                {"Ctrl+M", "Type a message to send"}, {"Ctrl+Enter", "Apply tuning to the selected connection"},
                {"Ctrl+Shift+O", "Simulate an outage"}, {"Ctrl+Shift+R", "Simulate a reset (RST)"},
                {"Ctrl+Shift+L / X", "Add latency / clear faults"},
                {"Ctrl+1 … 7", "Chart window: 1 min, 5 min, 15 min, 1 h, 6 h, 24 h, 7 d"}, {"Ctrl+L", "Chart follows now again"},
                {"Ctrl+F", "Search the log"}, {"Ctrl+O / Ctrl+S", "Open / save profile"},
                {"Ctrl+T", "Light / dark theme"}, {"Ctrl+Q", "Quit"}};
        GridPane grid = new GridPane();
        grid.setHgap(18);
        grid.setVgap(4);
        for (int i = 0; i < rows.length; i++) {
            Label key = new Label(rows[i][0]);
            key.getStyleClass().add("shortcut-key");
            grid.add(key, 0, i);
            grid.add(new Label(rows[i][1]), 1, i);
        }
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(stage);
        a.setTitle("Keyboard shortcuts");
        a.setHeaderText(null);
        a.getDialogPane().setContent(grid);
        a.getDialogPane().getStylesheets().add(theme.stylesheet());
        a.show();
    }

    private void showAbout() {
        String v = MainWindow.class.getPackage().getImplementationVersion();
        Alert a = new Alert(Alert.AlertType.INFORMATION, "A monitor for long-lived WebSocket connections that never lies "
                + "about their state.\n\nVersion " + (v == null ? "dev" : v) + ". Settings and window layout are kept in "
                + config.file() + "." + vm.history().file().map(f -> " History is kept in " + f + ".").orElse(""));
        a.initOwner(stage);
        a.setTitle("About wsmon");
        a.setHeaderText("wsmon");
        a.getDialogPane().getStylesheets().add(theme.stylesheet());
        a.show();
    }

    private void updateTitle() {
        Path p = vm.profilePathProperty().get();
        stage.setTitle(p == null ? "wsmon" : "wsmon — " + p.getFileName());
    }

    // ------------------------------------------------------------------ window state

    private void restoreGeometry() {
        double w = config.getDouble("window.width", DEFAULT_WIDTH);
        double h = config.getDouble("window.height", DEFAULT_HEIGHT);
        double x = config.getDouble("window.x", Double.NaN);
        double y = config.getDouble("window.y", Double.NaN);
        Rectangle2D bounds = Screen.getPrimary().getVisualBounds();
        w = Math.max(stage.getMinWidth(), Math.min(w, bounds.getWidth()));
        h = Math.max(stage.getMinHeight(), Math.min(h, bounds.getHeight()));
        stage.setWidth(w);
        stage.setHeight(h);
        boolean onScreen = !Double.isNaN(x) && !Double.isNaN(y)
                && !Screen.getScreensForRectangle(x, y, Math.min(w, 200), Math.min(h, 100)).isEmpty();
        if (onScreen) {
            stage.setX(x);
            stage.setY(y);
        } else {
            stage.centerOnScreen();
        }
        stage.setMaximized(Boolean.parseBoolean(config.get("window.maximized").orElse("false")));
    }

    /** Remembers size, position, split positions, theme and chart window. */
    void rememberGeometry() {
        config.set("window.maximized", Boolean.toString(stage.isMaximized()));
        if (!stage.isMaximized() && !stage.isIconified()) {
            config.set("window.x", Double.toString(stage.getX()));
            config.set("window.y", Double.toString(stage.getY()));
            config.set("window.width", Double.toString(stage.getWidth()));
            config.set("window.height", Double.toString(stage.getHeight()));
        }
        config.set("split.table", Double.toString(outer.getDividerPositions()[0]));
        config.set("split.side", Double.toString(detail.getDividerPositions()[0]));
        config.set("split.chart", Double.toString(left.getDividerPositions()[0]));
        config.set("split.inspector", Double.toString(logAndInspector.getDividerPositions()[0]));
        config.set("chart.window", vm.windowProperty().get().name());
    }

    // ------------------------------------------------------------------ for the app and tests

    LatencyChartView chart() {
        return chart;
    }

    TimelineView timeline() {
        return timeline;
    }

    ConnectionTable table() {
        return table;
    }

    TuningViewModel tuning() {
        return tuning;
    }

    Scene scene() {
        return scene;
    }

}
