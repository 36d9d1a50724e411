package dev.wsmon.app.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.MonotonicClock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Scene;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** The drain tick's beat on a real stage (headless Monocle): it sleeps until something is due, and ticks are paced. */
class DrainTimerTest {

    private static final long NOTHING_DUE_FOR_A_MINUTE = 60_000;

    private static Stage stage;

    @BeforeAll
    static void showStage() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
        onFx(() -> {
            stage.setScene(new Scene(new Pane(), 200, 100));
            stage.show();
        });
    }

    @AfterAll
    static void hideStage() throws Exception {
        onFx(stage::hide);
    }

    @Test
    void theBeatDoesNotPoll_betweenAWakeAndTheNextDueMoment() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        AtomicBoolean dueNow = new AtomicBoolean();
        CountDownLatch firstAsk = new CountDownLatch(1);
        CountDownLatch ticked = new CountDownLatch(1);
        DrainTimer timer = fx(() -> new DrainTimer(stage, MonotonicClock.SYSTEM, ticked::countDown, () -> {
            asked.incrementAndGet();
            firstAsk.countDown();
            return dueNow.get();
        }, () -> NOTHING_DUE_FOR_A_MINUTE));
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        try {
            assertThat(firstAsk.await(5, TimeUnit.SECONDS)).as("the beat's first run, on start").isTrue();
            later.schedule(() -> {
                dueNow.set(true);
                timer.wake();
            }, 1, TimeUnit.SECONDS);

            assertThat(ticked.await(5, TimeUnit.SECONDS)).as("a tick after the wake").isTrue();
            assertThat(asked.get()).as("runs of the beat in the second between start and wake (polling at "
                    + DrainTimer.PERIOD.toMillis() + " ms would make about 10)").isEqualTo(2);
        } finally {
            later.shutdownNow();
            onFx(timer::stop);
        }
    }

    @Test
    void wakesFromManyEvents_tickAtMostOncePerPeriod() throws Exception {
        AtomicInteger ticks = new AtomicInteger();
        DrainTimer timer = fx(() -> new DrainTimer(stage, MonotonicClock.SYSTEM, ticks::incrementAndGet, () -> true, () -> NOTHING_DUE_FOR_A_MINUTE));
        try {
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(1);
            while (System.nanoTime() < end) {
                timer.wake(); // an urgent event after every drain
            }
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            WaitForAsyncUtils.waitForFxEvents();

            assertThat(ticks.get()).as("ticks in %d ms of wakes", elapsedMillis)
                    .isBetween(2, (int) (elapsedMillis / DrainTimer.PERIOD.toMillis()) + 2);
        } finally {
            onFx(timer::stop);
        }
    }

    private static void onFx(Runnable work) throws Exception {
        fx(() -> {
            work.run();
            return null;
        });
    }

    private static <T> T fx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get(5, TimeUnit.SECONDS);
    }
}
