package dev.wsmon.app.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.app.viewmodel.ConnectionSpec;
import dev.wsmon.app.viewmodel.ConnectionViewModel;
import dev.wsmon.app.viewmodel.EventInbox;
import dev.wsmon.app.viewmodel.GlanceViewModel;
import dev.wsmon.app.viewmodel.MainViewModel;
import dev.wsmon.app.viewmodel.ProfileGateway;
import dev.wsmon.app.viewmodel.StateTimeline;
import dev.wsmon.core.Health;
import dev.wsmon.core.HealthReason;
import dev.wsmon.core.Monitor;
import dev.wsmon.core.Settings;
import dev.wsmon.core.State;
import dev.wsmon.core.event.HealthChanged;
import dev.wsmon.core.testing.Events;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The table's sparkline column and the timeline on screen (headless Monocle), over a real engine whose connections
 * never connect: the events, health included, are published into the inbox as the engine would, on a fake clock.
 */
class GlanceViewTest {

    private static final long T0 = 1_700_000_040_000L;

    private final AtomicLong clock = new AtomicLong(T0);
    private final Monitor monitor = Monitor.create();
    private final EventInbox inbox = new EventInbox();
    private MainViewModel main;
    private ConnectionTable table;
    private TimelineView timeline;
    private Stage stage;

    @BeforeEach
    void show() throws Exception {
        FxToolkit.registerPrimaryStage();
        fx(() -> {
            main = new MainViewModel(monitor, inbox, new ProfileGateway() {
                @Override
                public Loaded load(Path file) {
                    return new Loaded(List.of(), List.of());
                }

                @Override
                public void save(Path file, List<ConnectionSpec> connections) {
                }
            }, (host, port) -> CompletableFuture.failedFuture(new UnsupportedOperationException("no routes here")), clock::get);
            GlanceViewModel glance = new GlanceViewModel(main);
            table = new ConnectionTable(main, glance, () -> null);
            timeline = new TimelineView(glance);
            stage = new Stage();
            VBox root = new VBox(table, timeline);
            Scene scene = new Scene(root, 1200, 500);
            scene.getStylesheets().add(Theme.LIGHT.stylesheet());
            stage.setScene(scene);
            stage.show();
            for (String name : List.of("alpha", "beta", "gamma")) {
                main.add(ConnectionSpec.of(name, "ws://127.0.0.1:9/" + name, Settings.DEFAULTS), false);
            }
            return null;
        });
    }

    @AfterEach
    void hide() throws Exception {
        fx(() -> {
            if (stage != null) {
                stage.close();
            }
            return null;
        });
        monitor.shutdown(Duration.ofSeconds(2));
    }

    /** Hands the inbox {@code c}'s CONNECTING at T0 + 100 and OPEN at T0 + 200; its events for more. */
    private Events opened(ConnectionViewModel c) {
        Events e = Events.of(c.id());
        inbox.accept(e.state(T0 + 100, State.CONNECTING, State.CLOSED, 1));
        inbox.accept(e.state(T0 + 200, State.OPEN, State.CONNECTING, 1));
        return e;
    }

    /** One drain tick at {@code ts}, then a layout and a render (as a pulse would). */
    private void tick(long ts) throws Exception {
        fx(() -> {
            clock.set(ts);
            main.tick();
            timeline.update(ts);
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aSecondThatMovesNoSegmentByAPixel_drawsNothing_aCloseDraws() throws Exception {
        Events a = opened(main.connections().get(0));
        opened(main.connections().get(1));
        tick(T0 + 120_000);
        long drawn = fx(timeline::draws);
        for (int s = 1; s <= 5; s++) {
            tick(T0 + 120_000 + s * 1_000L); // an hour of plain OPEN slid by a second is the same picture
        }
        assertThat(fx(timeline::draws)).isEqualTo(drawn);

        inbox.accept(a.state(T0 + 125_500, State.CLOSED, State.OPEN, 1));
        tick(T0 + 126_000);
        assertThat(fx(timeline::draws)).isGreaterThan(drawn);
    }

    @Test
    void theSparklineColumn_drawsEachConnectionsRtt_andTheTimeline_itsStatesAndHealth() throws Exception {
        ConnectionViewModel alpha = main.connections().get(0);
        ConnectionViewModel beta = main.connections().get(1);
        Events a = opened(alpha);
        Events b = opened(beta);
        for (int s = 1; s <= 30; s++) {
            inbox.accept(a.latency(T0 + s * 1_000L, s, Duration.ofMillis(10 + s % 7)));
            inbox.accept(b.latency(T0 + s * 1_000L, s, Duration.ofMillis(40)));
        }
        inbox.accept(new HealthChanged(beta.id(), T0 + 20_000, Health.DEGRADED, Set.of(HealthReason.RTT_HIGH)));
        inbox.accept(a.state(T0 + 40_000, State.CLOSED, State.OPEN, 1));
        tick(T0 + 58_000);
        tick(T0 + 59_000);

        java.util.Map<String, Integer> elements = fx(() -> table.lookupAll(".sparkline-cell").stream()
                .filter(n -> n instanceof SparklineCell c && c.getGraphic() != null && c.getTableRow().getItem() != null)
                .map(n -> (SparklineCell) n)
                .collect(java.util.stream.Collectors.toMap(c -> c.getTableRow().getItem().name(), SparklineCell::elementCount)));
        // alpha's and beta's lines through their samples; gamma has none, so its cell is empty
        assertThat(elements).containsOnlyKeys("alpha", "beta", "gamma");
        assertThat(elements.get("alpha")).isGreaterThan(10);
        assertThat(elements.get("beta")).isGreaterThan(10);
        assertThat(elements.get("gamma")).isZero();
        assertThat(fx(() -> table.getColumns().get(4).getText())).isEqualTo("RTT · 1 min");

        List<StateTimeline.Row> rows = fx(timeline::rows);
        assertThat(rows).extracting(r -> r.connection().name()).containsExactly("alpha", "beta", "gamma");
        assertThat(rows.get(0).closes()).isEqualTo(1);
        assertThat(fx(() -> timeline.draws())).isPositive();

        // what the operator sees: beta's row is amber (degraded) after 20 s, green before; alpha's is red at the end
        WritableImage img = fx(() -> timeline.lookup("Canvas").snapshot(null, null));
        double rh = fx(() -> ((javafx.scene.canvas.Canvas) timeline.lookup("Canvas")).getHeight() / 3);
        double track = img.getWidth() - TimelineView.GUTTER - 6;
        Color degraded = img.getPixelReader().getColor(x(track, 50_000), (int) (rh * 1.5));
        Color healthy = img.getPixelReader().getColor(x(track, 10_000), (int) (rh * 1.5));
        Color closed = img.getPixelReader().getColor(x(track, 58_000), (int) (rh * 0.5));
        assertThat(near(degraded, TimelineView.Palette.LIGHT.degraded())).as("degraded pixel %s", degraded).isTrue();
        assertThat(near(healthy, TimelineView.Palette.LIGHT.open())).as("healthy pixel %s", healthy).isTrue();
        assertThat(near(closed, TimelineView.Palette.LIGHT.closed())).as("closed pixel %s", closed).isTrue();
        assertThat(fx(() -> timeline.describeAt(x(track, 50_000), rh * 1.5))).contains("beta", "DEGRADED (rtt-high)");

        // a click on a row selects its connection
        fx(() -> {
            var canvas = timeline.lookup("Canvas");
            var p = canvas.localToScene(20, rh * 2.5); // an event's coordinates are the scene's
            canvas.fireEvent(new javafx.scene.input.MouseEvent(javafx.scene.input.MouseEvent.MOUSE_CLICKED,
                    p.getX(), p.getY(), 0, 0, javafx.scene.input.MouseButton.PRIMARY, 1, false, false, false, false, true, false,
                    false, true, false, false, null));
            return null;
        });
        assertThat(fx(() -> main.selected().name())).isEqualTo("gamma");
    }

    /** The x of {@code sinceT0} ms after T0, in a window of a minute ending at T0 + 59 s. */
    private static int x(double track, long sinceT0) {
        long from = T0 + 59_000 - 60_000;
        return (int) (TimelineView.GUTTER + (T0 + sinceT0 - from) * track / 60_000);
    }

    private static boolean near(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) < 0.05 && Math.abs(a.getGreen() - b.getGreen()) < 0.05
                && Math.abs(a.getBlue() - b.getBlue()) < 0.05;
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(30, TimeUnit.SECONDS); // generous: the first window of the JVM loads JavaFX on a busy machine
    }
}
