package dev.wsmon.bench;

import dev.wsmon.app.viewmodel.ConnectionViewModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;

/**
 * What the operator does during the UI benchmark, through the window's own controls: jump to another connection in
 * the table, jump to another, show the last minute, show the last hour, show the last week (rollups from the history
 * database); round again.
 */
final class WindowActions {

    static final List<String> CYCLE = List.of("select", "select", "window_1min", "window_1h", "window_7d");
    /**
     * Rows from the selected one to the next: off screen, so the table scrolls there as a search or the keyboard would
     * (TableView.scrollTo makes JavaFX 21 repaint the whole window on the next pulse: the hardest way to switch).
     */
    static final int JUMP = 37;

    /** What was done: each action's kind, what it chose, and when it ran (nanoTime, on the FX thread). */
    record Done(List<String> kinds, List<String> targets, List<Long> at) {
        long[] times() {
            return at.stream().mapToLong(Long::longValue).toArray();
        }
    }

    private final Scene scene;
    private final TableView<ConnectionViewModel> table;

    WindowActions(Scene scene, TableView<ConnectionViewModel> table) {
        this.scene = scene;
        this.table = table;
    }

    /** One action of the cycle every {@code every} from {@code start}, until {@code length} has passed; returns then. */
    Done drive(long start, Duration length, Duration every) throws Exception {
        Done done = new Done(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        long end = start + length.toNanos();
        for (long next = start + every.toNanos(); next - end < 0; next += every.toNanos()) {
            Fx.park(Duration.ofNanos(Math.max(0, next - System.nanoTime())));
            String kind = CYCLE.get(done.kinds().size() % CYCLE.size());
            String[] target = new String[1];
            done.at().add(Fx.call(() -> {
                long now = System.nanoTime();
                target[0] = act(kind);
                return now;
            }));
            done.kinds().add(kind);
            done.targets().add(target[0]);
        }
        Fx.park(Duration.ofNanos(Math.max(0, end - System.nanoTime())));
        return done;
    }

    /** Does one action on the FX thread; returns what it chose. */
    private String act(String kind) {
        switch (kind) {
            case "select" -> {
                int row = (table.getSelectionModel().getSelectedIndex() + JUMP) % table.getItems().size();
                table.getSelectionModel().select(row);
                table.scrollTo(row);
                return table.getItems().get(row).name();
            }
            case "window_1min" -> {
                ((ToggleButton) scene.lookup("#window-one_minute")).fire();
                return "1min";
            }
            case "window_1h" -> {
                ((ToggleButton) scene.lookup("#window-one_hour")).fire();
                return "1h";
            }
            case "window_7d" -> {
                ((ToggleButton) scene.lookup("#window-seven_days")).fire();
                return "7d";
            }
            default -> throw new IllegalArgumentException(kind);
        }
    }
}
