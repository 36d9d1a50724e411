package dev.wsmon.app.viewmodel;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;

/**
 * Every connection at a glance, over the chart's window: an RTT sparkline per connection for the table, and the rows
 * of the state and health timeline. Sparklines change with the routine second (at most one redraw a second for all
 * rows); the timeline says when it is worth redrawing ({@link #timelineDue}).
 */
public final class GlanceViewModel {

    /** Without a state or health change the timeline slides at most this often, or once per pixel when that is longer. */
    static final long SLIDE_MILLIS = 1_000;

    private final MainViewModel main;
    private final Map<ConnectionViewModel, Spark> sparks = new IdentityHashMap<>();
    private List<ConnectionViewModel> drawnRows = List.of();
    private long[] drawnRevisions = new long[0];
    private ChartWindow drawnWindow;
    private ConnectionViewModel drawnSelected;
    private double drawnWidth = -1;
    private long drawnAt = Long.MIN_VALUE;

    private static final class Spark {
        final RttSparkline line = new RttSparkline();
        final ReadOnlyObjectWrapper<RttSparkline.Data> data = new ReadOnlyObjectWrapper<>(RttSparkline.Data.EMPTY);
    }

    public GlanceViewModel(MainViewModel main) {
        this.main = Objects.requireNonNull(main, "main");
        main.addTickObserver(() -> {
            if (main.routineTick()) {
                updateSparklines();
            }
        });
        main.windowProperty().addListener((o, a, b) -> updateSparklines());
        main.connections().addListener((ListChangeListener<ConnectionViewModel>) c -> sparks.keySet().retainAll(main.connections()));
    }

    /** The RTT sparkline of {@code connection} over the chart's window; it changes with the routine second. */
    public ReadOnlyObjectProperty<RttSparkline.Data> sparkline(ConnectionViewModel connection) {
        Spark s = sparks.get(connection);
        if (s == null) {
            s = new Spark();
            if (main.connections().contains(connection)) {
                sparks.put(connection, s);
            }
            update(connection, s);
        }
        return s.data.getReadOnlyProperty();
    }

    private void updateSparklines() {
        sparks.forEach(this::update);
    }

    private void update(ConnectionViewModel c, Spark s) {
        s.data.set(s.line.update(c.history(), main.now(), main.windowProperty().get().stats().duration()));
    }

    /** One row per connection, in the table's order, over the chart's window ending at {@code now}. */
    public List<StateTimeline.Row> timeline(long now) {
        long from = now - main.windowProperty().get().stats().millis();
        List<StateTimeline.Row> rows = new ArrayList<>();
        for (ConnectionViewModel c : main.connections()) {
            LatencyHistory h = c.history();
            rows.add(new StateTimeline.Row(c, StateTimeline.segments(h, from, now), StateTimeline.closes(h, from, now)));
        }
        return rows;
    }

    /**
     * Whether the timeline, {@code widthPx} wide, should be redrawn at {@code now}: at once when a state, a health, the
     * connections, the window, the selection or the width changed; otherwise to slide, only on a routine tick and at
     * most once a second or once per pixel of time. Calling it when it answers true counts as the redraw.
     */
    public boolean timelineDue(long now, double widthPx) {
        List<ConnectionViewModel> rows = main.connections();
        boolean changed = !rows.equals(drawnRows) || main.windowProperty().get() != drawnWindow
                || main.selected() != drawnSelected || widthPx != drawnWidth;
        long[] revisions = new long[rows.size()];
        for (int i = 0; i < revisions.length; i++) {
            revisions[i] = rows.get(i).history().revision();
        }
        changed |= !java.util.Arrays.equals(revisions, drawnRevisions);
        long every = Math.max(SLIDE_MILLIS, (long) (main.windowProperty().get().stats().millis() / Math.max(1, widthPx)));
        boolean slide = main.routineTick() && now - drawnAt >= every;
        if (!changed && !slide) {
            return false;
        }
        drawnRows = List.copyOf(rows);
        drawnRevisions = revisions;
        drawnWindow = main.windowProperty().get();
        drawnSelected = main.selected();
        drawnWidth = widthPx;
        drawnAt = now;
        return true;
    }

    /** The chart's window, at most the hour kept in memory: the longer windows' rollups carry no states. */
    public ChartWindow window() {
        return main.windowProperty().get().stats();
    }

    public ConnectionViewModel selected() {
        return main.selected();
    }

    public void select(ConnectionViewModel connection) {
        if (main.connections().contains(connection)) {
            main.selectedProperty().set(connection);
        }
    }

    public long now() {
        return main.now();
    }
}
