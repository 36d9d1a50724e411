package dev.wsmon.app.desktop;

import dev.wsmon.core.testing.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javafx.animation.KeyFrame;
import javafx.animation.KeyValue;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Run by {@link PausingPulseTimerTest} in a JVM of its own on a real X display with GTK: shows a window, installs the
 * pausing timer (unless told not to) and prints, as {@code key=value} lines, what an idle window and a changing one do.
 */
public final class PausingPulseTimerProbe {

    private static final java.time.Duration DEADLINE = java.time.Duration.ofSeconds(10);
    private static final long IDLE_WINDOW_MILLIS = 1000;

    private PausingPulseTimerProbe() {
    }

    public static void main(String[] args) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        if (!started.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("JavaFX did not start");
        }
        Label label = new Label("idle");
        AtomicInteger pulses = new AtomicInteger();
        PausingPulseTimer timer = onFx(() -> {
            Stage stage = new Stage();
            Scene scene = new Scene(new StackPane(label), 320, 200);
            scene.addPostLayoutPulseListener(pulses::incrementAndGet);
            stage.setScene(scene);
            stage.show();
            return PausingPulseTimer.install();
        });
        System.out.println("installed=" + (timer != null));
        Await.stable("the shown window's pulses", pulses::get, java.time.Duration.ofMillis(300), DEADLINE);
        if (timer != null) {
            Await.until("the pulse timer pauses once the shown window is idle", timer::paused, DEADLINE);
        }
        long firedAtPause = timer == null ? 0 : timer.fired();
        long wakesBefore = uiThreadWakes();
        CompletableFuture<Void> idleWindow = new CompletableFuture<>();
        Executor later = CompletableFuture.delayedExecutor(IDLE_WINDOW_MILLIS, TimeUnit.MILLISECONDS);
        later.execute(() -> idleWindow.complete(null));
        idleWindow.get(DEADLINE.toSeconds(), TimeUnit.SECONDS); // a measuring window, not a wait for something
        System.out.println("idleWakesPerSecond=" + (uiThreadWakes() - wakesBefore) * 1000 / IDLE_WINDOW_MILLIS);
        if (timer == null) {
            Platform.exit();
            return;
        }
        System.out.println("firedWhilePaused=" + (timer.fired() - firedAtPause));

        int pulsesBefore = pulses.get();
        CountDownLatch shown = new CountDownLatch(1);
        Platform.runLater(() -> {
            label.setText("changed");
            label.getScene().addPostLayoutPulseListener(shown::countDown);
        });
        System.out.println("changeLaidOut=" + shown.await(DEADLINE.toSeconds(), TimeUnit.SECONDS));
        System.out.println("pulsesForChange=" + (pulses.get() - pulsesBefore));

        Await.until("the pulse timer pauses again", timer::paused, DEADLINE);
        int pulsesBeforeAnimation = pulses.get();
        CountDownLatch finished = new CountDownLatch(1);
        Platform.runLater(() -> {
            Timeline fade = new Timeline(new KeyFrame(Duration.seconds(1), new KeyValue(label.opacityProperty(), 0.2)));
            fade.setOnFinished(e -> finished.countDown());
            fade.play();
        });
        System.out.println("animationFinished=" + finished.await(DEADLINE.toSeconds(), TimeUnit.SECONDS));
        System.out.println("pulsesInOneSecondOfAnimation=" + (pulses.get() - pulsesBeforeAnimation));

        Await.until("the pulse timer pauses after the animation", timer::paused, DEADLINE);
        System.out.println("pausedAfterAnimation=true");
        Platform.exit();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(task.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    }

    /** The kernel's count of the UI thread's voluntary context switches: each is a wake from waiting. */
    private static long uiThreadWakes() throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                if (Files.readString(task.resolve("comm")).strip().equals("JavaFX Applicat")) {
                    return Files.readAllLines(task.resolve("status")).stream()
                            .filter(l -> l.startsWith("voluntary_ctxt_switches:"))
                            .mapToLong(l -> Long.parseLong(l.substring(l.indexOf(':') + 1).strip()))
                            .findFirst().orElseThrow();
                }
            }
        }
        throw new IllegalStateException("no JavaFX Application Thread in /proc/self/task");
    }
}
