package dev.wsmon.app.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.app.viewmodel.ConnectionViewModel;
import dev.wsmon.app.viewmodel.LatencyHistory;
import dev.wsmon.app.viewmodel.LogEntry;
import dev.wsmon.app.viewmodel.LogKind;
import dev.wsmon.core.MonitoredConnection;
import dev.wsmon.core.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import dev.wsmon.app.history.HistoryLocation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real application with its embedded demo, driven through its window (headless Monocle). Every wait is on a
 * condition with a deadline.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DesktopAppTest {

    private static final Duration OPEN_DEADLINE = Duration.ofSeconds(20);

    private static WsmonApp app;
    private static Stage stage;
    private final FxRobot robot = new FxRobot();

    @BeforeAll
    static void startTheApplication() throws Exception {
        Path config = Files.createTempDirectory("wsmon-desktop-test");
        System.setProperty(DesktopConfig.DIR_PROPERTY, config.toString()); // no saved profile: the demo starts
        System.setProperty(HistoryLocation.DIR_PROPERTY, config.toString()); // the history of this test only
        stage = FxToolkit.registerPrimaryStage();
        app = (WsmonApp) FxToolkit.setupApplication(WsmonApp.class);
        for (String name : new String[] {"demo-fast", "demo-slow", "demo-jittery"}) {
            until(name + " OPEN in the table", OPEN_DEADLINE, () -> "OPEN".equals(badge(name)));
        }
    }

    @AfterAll
    static void stopTheApplication() throws Exception {
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        WsmonApp.STOPPED.get(10, TimeUnit.SECONDS);
    }

    @Test
    @Order(0)
    void theLogFollowsTheNewestLine_inBothThemes_afterAFilterChange_andPausesWhileScrolledUp() throws Exception {
        // as a new user sees it: the first connection selected when it was added, before it had logged anything
        assertThat(fx(() -> app.mainViewModel().selected().name())).isEqualTo("demo-fast");
        ListView<LogEntry> log = robot.lookup("#event-log").queryAs(ListView.class);
        CheckBox autoscroll = robot.lookup("#log-autoscroll").queryAs(CheckBox.class);
        assertThat(fx(autoscroll::isSelected)).isTrue();

        // echoes fill the list faster than the demo's tick a second; then lines arrive below the visible ones
        for (int i = 0; i < 40 && !fx(() -> taller(log)); i++) {
            robot.clickOn("#send-text").write("hello").type(KeyCode.ENTER);
            WaitForAsyncUtils.waitForFxEvents();
        }
        until("more lines than the viewport shows", Duration.ofSeconds(10), () -> taller(log));
        awaitNewestShown(log, "as lines arrive");
        awaitNewestLaidOutInThePulseThatBringsIt(log);

        robot.clickOn("#tool-theme");
        awaitNewestShown(log, "in the other theme");
        robot.clickOn("#tool-theme");
        awaitNewestShown(log, "back in the first theme");

        robot.clickOn("#log-kind-keepalive");
        awaitNewestShown(log, "with keepalive lines hidden");
        robot.clickOn("#log-kind-keepalive");
        awaitNewestShown(log, "with every kind shown again");

        // the scroll bar's thumb dragged up: the operator reads older lines, and new ones must not pull the view away
        Node thumb = fx(() -> log.lookup(".scroll-bar:vertical .thumb"));
        double height = fx(log::getHeight);
        robot.drag(thumb).dropBy(0, -height / 2);
        until("autoscroll off once scrolled up", Duration.ofSeconds(5), () -> !autoscroll.isSelected());
        int first = fx(() -> flow(log).getFirstVisibleCell().getIndex());
        int size = fx(() -> log.getItems().size());
        until("two more lines", Duration.ofSeconds(10), () -> log.getItems().size() >= size + 2);
        assertThat(fx(() -> flow(log).getFirstVisibleCell().getIndex())).isEqualTo(first);
        assertThat(fx(() -> newestShown(log))).isFalse();

        // back down to the last line by hand: following resumes
        robot.drag(thumb).dropBy(0, height);
        until("autoscroll on again at the bottom", Duration.ofSeconds(5), autoscroll::isSelected);
        awaitNewestShown(log, "after scrolling to the bottom by hand");
    }

    @Test
    @Order(1)
    void aDemoConnectionReachesOpen_inTheTable() throws Exception {
        assertThat(fx(() -> badge("demo-fast"))).isEqualTo("OPEN");
        assertThat(fx(() -> ((Label) robot.lookup("#count-open").query()).getText())).isEqualTo("3 OPEN");
        Node badge = fx(() -> badgeNode("demo-fast"));
        assertThat(badge.getStyleClass()).contains("state-badge", "state-open");
    }

    @Test
    @Order(2)
    void theChartReceivesPoints_ofTheSelectedConnection() throws Exception {
        select("demo-fast");
        long before = fx(() -> app.window().chart().pointsAdded());
        until("three more RTT points on the chart", Duration.ofSeconds(10),
                () -> app.window().chart().pointsAdded() >= before + 3 && app.window().chart().itemCount() >= 3);
        String subtitle = fx(() -> app.mainViewModel().selected().name());
        assertThat(subtitle).isEqualTo("demo-fast");
    }

    @Test
    @Order(3)
    void aTuningChange_isAppliedByTheEngine_withoutReconnecting() throws Exception {
        select("demo-slow");
        MonitoredConnection engine = fx(() -> app.mainViewModel().selected().engine());
        int attempt = engine.snapshot().attempt();

        replaceText("#tune-ping-interval", "700ms");
        robot.clickOn("#tune-apply");

        until("the engine runs a 700 ms ping interval", Duration.ofSeconds(5),
                () -> engine.snapshot().settings().pingInterval().equals(Duration.ofMillis(700)));
        assertThat(engine.snapshot().attempt()).isEqualTo(attempt);
        assertThat(engine.snapshot().state()).isEqualTo(State.OPEN);
        until("the change in the log and a mark on the chart", Duration.ofSeconds(5), () ->
                app.mainViewModel().selected().log().stream().anyMatch(l -> l.kind() == LogKind.SETTINGS
                        && l.text().equals("settings applied live, no reconnect: ping interval 1 s → 700 ms"))
                        && app.window().chart().settingsMarkCount() == 1);
    }

    @Test
    @Order(4)
    void anInvalidValue_showsItsMessage_andChangesNothing() throws Exception {
        select("demo-fast");
        MonitoredConnection engine = fx(() -> app.mainViewModel().selected().engine());
        var before = engine.snapshot().settings();
        long settingsLines = fx(() -> countSettingsLines(app.mainViewModel().selected()));

        replaceText("#tune-ping-timeout", "0ms");

        until("the inline message", Duration.ofSeconds(5), () -> {
            Label error = robot.lookup("#tune-ping-timeout-error").query();
            return error.isVisible() && error.getText().equals("Ping timeout must be ≥ 10 ms, got 0 ms");
        });
        assertThat(fx(() -> robot.lookup("#tune-apply").queryAs(Button.class).isDisabled())).isTrue();
        robot.type(KeyCode.ENTER); // Enter in the field applies, when it can
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(engine.snapshot().settings()).isEqualTo(before);
        assertThat(fx(() -> countSettingsLines(app.mainViewModel().selected()))).isEqualTo(settingsLines);
        robot.type(KeyCode.ESCAPE); // discard the edit
        until("the field shows the running value again", Duration.ofSeconds(5),
                () -> !robot.lookup("#tune-ping-timeout-error").queryAs(Label.class).isVisible());
    }

    @Test
    @Order(5)
    void simulatedOutage_takesTheBadgeOutOfOpen_andItComesBack() throws Exception {
        select("demo-jittery");
        replaceText("#simulate-outage-seconds", "2");
        reveal("#simulate-outage");
        robot.clickOn("#simulate-outage");

        // keepalive notices within ping interval + ping timeout (1 s + 1 s in the demo)
        until("demo-jittery leaves OPEN", Duration.ofSeconds(8), () -> !"OPEN".equals(badge("demo-jittery")));
        until("demo-jittery OPEN again", OPEN_DEADLINE, () -> "OPEN".equals(badge("demo-jittery")));
        ConnectionViewModel c = fx(() -> app.mainViewModel().find("demo-jittery").orElseThrow());
        assertThat(fx(() -> c.log().stream().anyMatch(l -> l.kind() == LogKind.CLOSE
                && l.text().contains("keepalive-timeout")))).isTrue();
        assertThat(fx(() -> c.history().bands().size())).isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(6)
    void addingAConnectionWithABadUrl_isRefusedWithAMessage() throws Exception {
        int before = fx(() -> app.mainViewModel().connections().size());
        robot.clickOn("#tool-add");
        until("the add dialog", Duration.ofSeconds(5), () -> robot.lookup("#editor-url").tryQuery().isPresent());

        robot.clickOn("#editor-url").write("http://example.org/feed");

        until("the URL message", Duration.ofSeconds(5), () -> {
            Label error = robot.lookup("#editor-url-error").query();
            return error.isVisible() && error.getText().equals(
                    "'http://example.org/feed' must start with ws:// or wss:// (for http://, use ws://)");
        });
        assertThat(fx(() -> robot.lookup("#editor-ok").queryAs(Button.class).isDisabled())).isTrue();
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> robot.lookup("#editor-url").tryQuery().isPresent())).isTrue(); // still open
        robot.clickOn(LabeledMatchers.hasText("Cancel"));
        until("the dialog closed", Duration.ofSeconds(5), () -> robot.lookup("#editor-url").tryQuery().isEmpty());
        assertThat(fx(() -> app.mainViewModel().connections().size())).isEqualTo(before);
    }

    @Test
    @Order(7)
    void theDrainTimerStops_whileTheWindowIsIconified() throws Exception {
        assertThat(fx(() -> app.timer().running())).isTrue();
        fx(() -> {
            stage.setIconified(true);
            return null;
        });
        until("the timer paused", Duration.ofSeconds(5), () -> !app.timer().running());
        fx(() -> {
            stage.setIconified(false);
            return null;
        });
        until("the timer running again", Duration.ofSeconds(5), () -> app.timer().running());
    }

    @Test
    @Order(8)
    void anHourOfHistory_isDrawnAsARangePerPixel_andAMinuteWithADotPerPoint() throws Exception {
        select("demo-slow");
        fx(() -> {
            long now = System.currentTimeMillis();
            LatencyHistory older = new LatencyHistory(now - 3_600_000, State.OPEN, false);
            for (int s = 3_600; s > 60; s--) {
                older.add(now - s * 1_000L, Duration.ofMillis(80));
            }
            app.mainViewModel().selected().history().backfill(older);
            return null;
        });

        robot.clickOn("#window-one_hour");
        until("the hour drawn, without a dot per point", Duration.ofSeconds(5),
                () -> app.window().chart().itemCount() >= 3_500 && !app.window().chart().pointsMarked());
        robot.clickOn("#window-one_minute");
        until("the last minute drawn with a dot per point", Duration.ofSeconds(5), () -> app.window().chart().pointsMarked());
        long drawn = fx(() -> app.window().chart().draws());
        until("a repaint with the dots", Duration.ofSeconds(5), () -> app.window().chart().draws() > drawn);
        assertThat(fx(() -> app.window().chart().pointEntities())).as("no hit area made per point at each repaint").isZero();
    }

    @Test
    @Order(9)
    void aChartWithoutNewPoints_repaintsAboutOnceASecond_notAtEveryTick() throws Exception {
        select("demo-slow");
        robot.clickOn("#tool-disconnect");
        until("demo-slow CLOSED", Duration.ofSeconds(10), () -> "CLOSED".equals(badge("demo-slow")));
        long points = fx(() -> app.window().chart().pointsAdded());
        long draws = fx(() -> app.window().chart().draws());
        long since = System.nanoTime();

        until("4 s without new points", Duration.ofSeconds(10), () -> System.nanoTime() - since >= 4_000_000_000L);

        // sliding at 1 Hz: 4 to 5 repaints; repainting at every 250 ms as before would be 16
        assertThat(fx(() -> app.window().chart().pointsAdded())).isEqualTo(points);
        assertThat(fx(() -> app.window().chart().draws()) - draws).isBetween(1L, 8L);
        robot.clickOn("#tool-connect");
        until("demo-slow OPEN again", OPEN_DEADLINE, () -> "OPEN".equals(badge("demo-slow")));
    }

    @Test
    @Order(10)
    void theIdleWindowRedrawsAboutOnceASecond_forAllConnectionsTogether() throws Exception {
        for (String name : new String[] {"demo-fast", "demo-slow", "demo-jittery"}) {
            until(name + " OPEN", OPEN_DEADLINE, () -> "OPEN".equals(badge(name)));
        }
        select("demo-fast"); // the focus on the table, not in a text field whose caret blinks
        robot.moveTo("#status-message");
        long settle = System.nanoTime();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> System.nanoTime() - settle >= 1_500_000_000L);
        // Windows other test classes left open in this JVM (a dialog's blinking caret animates) pulse the toolkit too
        java.util.List<String> others = fx(() -> {
            java.util.List<String> hidden = new java.util.ArrayList<>();
            for (javafx.stage.Window w : java.util.List.copyOf(javafx.stage.Window.getWindows())) {
                if (w != stage && w.isShowing()) {
                    hidden.add(w.getClass().getSimpleName() + (w.getScene() == null ? "" : " " + w.getScene().getRoot()));
                    w.hide();
                }
            }
            return hidden;
        });
        // A JavaFX timer of the toolkit's own (a tooltip's show timer, a caret's blink) pulses at 60 Hz while it runs:
        // up to three 5 s windows, the quietest one counts; the window's own redraws are in every one of them.
        java.util.List<Long> windows = new java.util.ArrayList<>();
        for (int w = 0; w < 3 && (windows.isEmpty() || java.util.Collections.min(windows) > 30); w++) {
            windows.add(pulsesIn5s());
        }

        // pings, messages and statistics of the three connections together: about 2 pulses a second (the update and
        // the log's new cell); applied each at its own moment they made over 100 here, and 25 at two slots a second
        assertThat(java.util.Collections.min(windows)).as("pulses in 5 s windows %s; other windows hidden first: %s",
                windows, others).isBetween(1L, 30L);
    }

    /** The scene's layout pulses over the next 5 s. */
    private long pulsesIn5s() throws Exception {
        java.util.concurrent.atomic.AtomicLong pulses = new java.util.concurrent.atomic.AtomicLong();
        Runnable count = pulses::incrementAndGet;
        fx(() -> {
            stage.getScene().addPostLayoutPulseListener(count);
            return null;
        });
        long since = System.nanoTime();
        try {
            // polled on this thread: a poll through the FX thread would make pulses of its own
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> System.nanoTime() - since >= 5_000_000_000L);
        } finally {
            fx(() -> {
                stage.getScene().removePostLayoutPulseListener(count);
                return null;
            });
        }
        return pulses.get();
    }

    @Test
    @Order(11)
    void switchingConnections_refillsTheChartInOneRepaint_neverDrawingItEmpty() throws Exception {
        select("demo-fast");
        until("demo-fast's points on the chart", Duration.ofSeconds(10), () -> app.window().chart().itemCount() >= 3);
        long blank = fx(() -> app.window().chart().blankRepaints());
        for (String name : List.of("demo-jittery", "demo-fast")) {
            long draws = fx(() -> app.window().chart().draws());
            select(name);
            until(name + "'s points drawn", Duration.ofSeconds(10),
                    () -> app.window().chart().draws() >= draws + 2 && app.window().chart().itemCount() >= 3);
        }
        assertThat(fx(() -> app.window().chart().blankRepaints())).as("repaints with the series emptied for a refill")
                .isEqualTo(blank);
    }

    @Test
    @Order(20)
    void aHeartbeatAddedInTheDialog_isChartedAsTheSecondSeries_withItsOwnP95() throws Exception {
        select("demo-fast");
        fx(() -> {
            ConnectionViewModel c = app.mainViewModel().selected();
            // the demo echoes: the heartbeat's echo is its reply
            app.mainViewModel().update(c.spec().withSession(new dev.wsmon.core.session.SessionConfig(
                    java.util.Optional.empty(), java.util.List.of(), java.util.List.of(), java.util.Optional.of(
                    new dev.wsmon.core.session.Heartbeat("hb", java.util.Optional.of("hb"))))));
            c.applySettings(c.settings().toBuilder().heartbeatInterval(Duration.ofMillis(200)).build());
            c.reconnectNow(); // a heartbeat turned on starts with the next OPEN
            return null;
        });
        until("three app RTT points and the app p95 line", Duration.ofSeconds(20),
                () -> app.window().chart().appItemCount() >= 3 && app.window().chart().appP95Label().startsWith("app p95"));
        assertThat(fx(() -> robot.lookup("#log-automatic-counts").queryAs(Label.class).getText()))
                .contains("heartbeat sent");
    }

    // ------------------------------------------------------------------ helpers

    private static VirtualFlow<?> flow(ListView<?> list) {
        return (VirtualFlow<?>) list.lookup(".virtual-flow");
    }

    /** More lines than fit: the list is taller than its viewport (its own scroll bar shows). */
    private static boolean taller(ListView<?> list) {
        VirtualFlow<?> flow = flow(list);
        return flow.getFirstVisibleCell() != null && flow.getLastVisibleCell() != null
                && list.getItems().size() > flow.getLastVisibleCell().getIndex() - flow.getFirstVisibleCell().getIndex() + 3;
    }

    /** The newest line has a cell and that cell lies within the viewport; call on the FX thread. */
    private static boolean newestShown(ListView<?> list) {
        VirtualFlow<?> flow = flow(list);
        var last = flow.getLastVisibleCell();
        if (last == null || last.getIndex() != list.getItems().size() - 1) {
            return false;
        }
        var bounds = flow.sceneToLocal(last.localToScene(last.getLayoutBounds()));
        return bounds.getMinY() >= -1 && bounds.getMaxY() <= flow.getHeight() + 1;
    }

    /**
     * New lines are in view and laid out by the end of the layout pass of the pulse that first has them: the scroll and
     * the new line are drawn in one pulse, not two (with software rendering every drawn pulse uploads the whole window).
     * The check runs after each layout pass in which the number of lines changed, for three such pulses.
     */
    private static void awaitNewestLaidOutInThePulseThatBringsIt(ListView<?> list) throws Exception {
        javafx.scene.Scene scene = fx(list::getScene);
        java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        int[] size = {fx(() -> list.getItems().size())};
        Runnable check = () -> {
            int now = list.getItems().size();
            if (now != size[0]) {
                size[0] = now;
                var last = flow(list).getLastVisibleCell();
                seen.add(newestShown(list) && !last.isNeedsLayout() ? "shown" : "not yet: " + now + " lines, last cell "
                        + (last == null ? "none" : last.getIndex() + (last.isNeedsLayout() ? " not laid out" : "")));
            }
        };
        fx(() -> {
            scene.addPostLayoutPulseListener(check);
            return null;
        });
        try {
            until("three pulses with new lines", Duration.ofSeconds(15), () -> seen.size() >= 3);
        } finally {
            fx(() -> {
                scene.removePostLayoutPulseListener(check);
                return null;
            });
        }
        assertThat(seen).containsOnly("shown");
    }

    /** Two more lines arrive (a tick a second) and the newest of them is in view. */
    private static void awaitNewestShown(ListView<?> list, String when) throws Exception {
        int size = fx(() -> list.getItems().size());
        try {
            until("two more lines, the newest in view " + when, Duration.ofSeconds(15),
                    () -> list.getItems().size() >= size + 2 && newestShown(list));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + fx(() -> ": " + list.getItems().size() + " lines, cells "
                    + flow(list).getFirstVisibleCell().getIndex() + ".." + flow(list).getLastVisibleCell().getIndex()
                    + " shown, position " + flow(list).getPosition()), e);
        }
    }

    @Test
    @Order(90)
    void adviceOnAConnection_isAHint_whoseButtonAppliesItLive_andAnAlertWithoutNotificationServiceIsABanner()
            throws Exception {
        select("demo-fast"); // loopback: no advice of its own to come between
        ConnectionViewModel slow = fx(() -> app.mainViewModel().find("demo-fast").orElseThrow());
        long settingsLines = fx(() -> countSettingsLines(slow));
        app.inbox().accept(new dev.wsmon.core.event.AdviceGiven(slow.id(), app.mainViewModel().now(), "idle-timeout",
                "2 attempts in a row ended (eof) after 1.4 s with no frame received", java.util.Map.of("ping_interval", "700ms")));
        until("the hint", Duration.ofSeconds(5), () -> robot.lookup("#advice").query().isVisible());
        assertThat(fx(() -> robot.lookup("#advice-apply").queryAs(javafx.scene.control.Button.class).getText()))
                .isEqualTo("Apply ping interval 700ms");
        fx(() -> {
            robot.lookup(".side-scroll").queryAs(javafx.scene.control.ScrollPane.class).setVvalue(1);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#advice-apply");

        until("applied live", Duration.ofSeconds(5), () -> slow.settings().pingInterval().equals(Duration.ofMillis(700)));
        until("audited like every live change", Duration.ofSeconds(5), () -> countSettingsLines(slow) > settingsLines);
        assertThat(fx(() -> robot.lookup("#advice").query().isVisible())).isFalse();

        // Monocle has no session bus: the desktop's notification service is absent, so the alert shows in the window
        app.inbox().accept(new dev.wsmon.core.event.AlertChanged(slow.id(), app.mainViewModel().now(), true,
                dev.wsmon.core.Health.DEGRADED, java.util.Set.of(dev.wsmon.core.HealthReason.RTT_HIGH),
                app.mainViewModel().now() - 30_000));
        until("a banner or a notification", Duration.ofSeconds(15), () -> robot.lookup("#alert-banner").query().isVisible()
                || !robot.lookup("#alerts-list").queryAs(ListView.class).getItems().isEmpty());
        assertThat(fx(() -> robot.lookup("#alerts-list").queryAs(ListView.class).getItems())).hasSize(1);
    }

    private static long countSettingsLines(ConnectionViewModel c) {
        return c.log().stream().map(LogEntry::kind).filter(k -> k == LogKind.SETTINGS).count();
    }

    private void select(String name) throws Exception {
        TableView<?> table = robot.lookup("#connections").queryAs(TableView.class);
        Node cell = robot.from(table).lookup(LabeledMatchers.hasText(name)).query();
        robot.clickOn(cell);
        until(name + " selected", Duration.ofSeconds(5),
                () -> app.mainViewModel().selected() != null && app.mainViewModel().selected().name().equals(name));
    }

    private void replaceText(String query, String text) throws Exception {
        reveal(query);
        robot.clickOn(query);
        robot.push(KeyCode.CONTROL, KeyCode.A);
        robot.write(text);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Scrolls the side panel (or any scroll pane holding it) so that {@code query}'s node is in view, as a user would. */
    private void reveal(String query) throws Exception {
        Node node = robot.lookup(query).query();
        fx(() -> {
            for (Node p = node.getParent(); p != null; p = p.getParent()) {
                if (p instanceof javafx.scene.control.ScrollPane scroll && scroll.getContent() != null) {
                    Node content = scroll.getContent();
                    double y = content.sceneToLocal(node.localToScene(0, 0)).getY();
                    double room = content.getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
                    if (room > 0) {
                        scroll.setVvalue(Math.max(0, Math.min(1, (y - 20) / room)));
                    }
                    break;
                }
            }
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The badge text of {@code connection}'s row; call on the FX thread. */
    private static String badge(String connection) {
        Node n = badgeNode(connection);
        return n == null ? null : ((Label) n).getText();
    }

    private static Node badgeNode(String connection) {
        Optional<Window> w = Window.getWindows().stream().filter(x -> x == stage).findFirst();
        if (w.isEmpty() || stage.getScene() == null) {
            return null;
        }
        for (Node n : stage.getScene().getRoot().lookupAll(".state-badge")) {
            Node graphic = n.getParent() instanceof TableCell<?, ?> ? n : n.getParent(); // beside it: the health badge
            if (graphic != null && graphic.getParent() instanceof TableCell<?, ?> cell && cell.getTableRow() != null
                    && cell.getTableRow().getItem() instanceof ConnectionViewModel c && c.name().equals(connection)
                    && n.isVisible() && cell.getGraphic() == graphic) {
                return n;
            }
        }
        return null;
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(5, TimeUnit.SECONDS);
    }

    /** Waits for {@code condition}, evaluated on the FX thread, up to {@code timeout}. */
    private static void until(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS, () -> fx(condition));
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
        }
    }
}
