package dev.wsmon.app.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.app.viewmodel.ConnectionSpec;
import dev.wsmon.app.viewmodel.ConnectionViewModel;
import dev.wsmon.app.viewmodel.EventInbox;
import dev.wsmon.app.viewmodel.EventLogViewModel;
import dev.wsmon.app.viewmodel.LogEntry;
import dev.wsmon.app.viewmodel.MainViewModel;
import dev.wsmon.app.viewmodel.MessageInspectorViewModel;
import dev.wsmon.app.viewmodel.ProfileGateway;
import dev.wsmon.core.Monitor;
import dev.wsmon.core.Settings;
import dev.wsmon.core.event.ConnectionEvent;
import dev.wsmon.core.testing.Events;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The event log and the inspector as the window lays them out (headless Monocle), fed by the engine's events through
 * the same inbox and tick as the application. The operator clicks a line; the inspector shows its message.
 */
class MessageInspectorViewTest {

    private final FxRobot robot = new FxRobot();
    private final Monitor monitor = Monitor.create();
    private final EventInbox inbox = new EventInbox();
    private final AtomicLong clock = new AtomicLong(System.currentTimeMillis());
    private MainViewModel main;
    private ConnectionViewModel feed;

    @BeforeEach
    void showTheLogAndTheInspector() throws Exception {
        FxToolkit.registerPrimaryStage();
        main = new MainViewModel(monitor, inbox, new NoProfiles(),
                (host, port) -> CompletableFuture.failedFuture(new IOException("no routes here")), clock::get);
        FxToolkit.setupStage(stage -> {
            feed = main.add(ConnectionSpec.of("feed", "ws://127.0.0.1:9/", Settings.DEFAULTS), false);
            EventLogViewModel logVm = new EventLogViewModel(main);
            EventLogView log = new EventLogView(logVm);
            MessageInspectorViewModel inspectorVm = new MessageInspectorViewModel(main, logVm);
            MessageInspectorView.link(log, inspectorVm);
            Scene scene = new Scene(new SplitPane(log, new MessageInspectorView(inspectorVm)), 1200, 700);
            scene.getStylesheets().add(Theme.LIGHT.stylesheet());
            stage.setScene(scene);
            stage.show();
        });
    }

    @AfterEach
    void close() throws Exception {
        FxToolkit.cleanupStages();
        monitor.shutdown(Duration.ofSeconds(2));
    }

    @Test
    void clickingAMessageLine_showsTheWholeMessage_notTheLogsOneLinePreview() throws Exception {
        String json = "{\"op\":\"book\",\"asks\":\"" + "9".repeat(400) + "\",\"end\":true}";
        deliver(Events.of(feed.id()).received(clock.get(), json.length(), json),
                Events.of(feed.id()).received(clock.get(), 4, "tick"));

        robot.clickOn(cellOf("← " + json.length() + " bytes"));

        until("the inspector shows the whole message", () -> body().getText().equals(json));
        assertThat(fx(() -> ((Label) robot.lookup("#inspector-title").query()).getText())).isEqualTo("← received · feed");
        assertThat(fx(() -> ((Label) robot.lookup("#inspector-summary").query()).getText())).endsWith(json.length() + " bytes, " + json.length() + " characters");

        robot.clickOn("#inspector-pretty");
        until("pretty-printed", () -> body().getText().startsWith("{\n  \"op\": \"book\",\n"));
    }

    @Test
    void aOneMiBBinaryMessage_showsItsFirstPageOfHexAtOnce_andPagesOnWithoutStallingTheWindow() throws Exception {
        byte[] data = new byte[1024 * 1024];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i % 251);
        }
        deliver(Events.of(feed.id()).receivedBinary(clock.get(), data));

        long clicked = System.nanoTime();
        robot.clickOn(cellOf("← 1048576 bytes"));
        until("the first page of the hex dump", () -> body().getText().startsWith("00000000 | 00 01 02 03"));
        WaitForAsyncUtils.waitForFxEvents(); // the page laid out and drawn
        Duration shown = Duration.ofNanos(System.nanoTime() - clicked);

        assertThat(fx(() -> body().getText().length())).isLessThan(100_000); // a page, not 5 MB of dump
        assertThat(shown).isLessThan(Duration.ofSeconds(3));
        assertThat(fx(() -> ((Label) robot.lookup("#inspector-page").query()).getText()))
                .isEqualTo("bytes 0–16,383 of 1,048,576");

        robot.clickOn("#inspector-page-next");
        until("the second page", () -> body().getText().startsWith("00004000 | "));
        long probe = System.nanoTime();
        fx(() -> null); // the UI thread answers at once
        assertThat(Duration.ofNanos(System.nanoTime() - probe)).isLessThan(Duration.ofSeconds(1));
    }

    // ------------------------------------------------------------------ helpers

    /** Hands events to the inbox as the engine does, and ticks in the next routine slot, on the UI thread. */
    private void deliver(ConnectionEvent... events) throws Exception {
        for (ConnectionEvent e : events) {
            inbox.accept(e);
        }
        clock.set((clock.get() / MainViewModel.ROUTINE_MILLIS + 1) * MainViewModel.ROUTINE_MILLIS);
        fx(() -> {
            main.tick();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Node cellOf(String prefix) throws Exception {
        ListView<?> list = robot.lookup("#event-log").queryAs(ListView.class);
        until("a line starting " + prefix, () -> robot.from(list).lookup(".log-text").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText().startsWith(prefix)));
        return robot.from(list).lookup(".log-text").queryAllAs(Label.class).stream()
                .filter(l -> l.getText().startsWith(prefix)).findFirst().orElseThrow();
    }

    private TextArea body() {
        return robot.lookup("#inspector-body").queryAs(TextArea.class);
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(5, TimeUnit.SECONDS);
    }

    private static void until(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(condition));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what);
        }
    }

    private static final class NoProfiles implements ProfileGateway {
        @Override
        public Loaded load(Path file) throws IOException {
            throw new IOException("no profiles here");
        }

        @Override
        public void save(Path file, List<ConnectionSpec> connections) {
        }
    }
}
