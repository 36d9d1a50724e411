package dev.wsmon.app.desktop;

import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.InvalidationListener;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Drains the engine's events onto the UI thread at a fixed rate (10 Hz), one batch per tick. It stops while the window
 * is hidden or iconified: nothing is drawn then, and the inbox merges events into bounded state meanwhile, so
 * skipping the ticks costs nothing and a minimised monitor does not burn CPU.
 */
final class DrainTimer {

    static final Duration PERIOD = Duration.millis(100);

    private final Timeline timeline;
    private final Stage stage;
    private final InvalidationListener visibility = o -> follow();
    private boolean stopped;

    DrainTimer(Stage stage, Runnable tick) {
        this.stage = stage;
        this.timeline = new Timeline(new KeyFrame(PERIOD, e -> tick.run()));
        timeline.setCycleCount(Animation.INDEFINITE);
        stage.showingProperty().addListener(visibility);
        stage.iconifiedProperty().addListener(visibility);
        follow();
    }

    private void follow() {
        boolean visible = stage.isShowing() && !stage.isIconified();
        if (visible && !stopped) {
            timeline.play();
        } else {
            timeline.pause();
        }
    }

    boolean running() {
        return timeline.getStatus() == Animation.Status.RUNNING;
    }

    void stop() {
        stopped = true;
        stage.showingProperty().removeListener(visibility);
        stage.iconifiedProperty().removeListener(visibility);
        timeline.stop();
    }
}
