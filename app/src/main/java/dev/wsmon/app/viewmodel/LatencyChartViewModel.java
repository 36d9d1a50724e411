package dev.wsmon.app.viewmodel;

import java.time.Duration;
import dev.wsmon.app.history.Rollup;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * What the latency chart shows and how it moves: the window (1 min … 1 h; the history keeps an hour, the window only
 * sets the axis), whether the axis follows now or stays where the operator zoomed or panned, the p50/p95 lines, and
 * which of the selected connection's points are new since the last tick (so that the chart adds only those, in one
 * batch).
 */
public final class LatencyChartViewModel {

    /** The smallest RTT axis: a flat 0.3 ms line should not fill the chart's height with noise. */
    static final double MIN_UPPER_MILLIS = 1.0;
    /** Dots on points closer than this merge into a smear that costs a repaint far more than the line itself. */
    static final double MIN_DOT_SPACING_PX = 6;

    /** The chart's long windows ask the history again this often: a new minute's rollup is one more point. */
    static final long ROLLUP_REFRESH_MILLIS = 60_000;
    /** Rollups are merged to about one per pixel column of a wide chart; a week of minutes would be 10 080. */
    public static final int MAX_ROLLUP_POINTS = 1_500;

    private final MainViewModel main;
    /** The selected connection's rollups over a long window, oldest first; empty otherwise. UI thread. */
    private List<Rollup> rollups = List.of();
    private long rollupRevision;
    private long rollupGeneration;
    private String rollupKey;
    private long rollupsAsked;
    private final BooleanProperty follow = new SimpleBooleanProperty(this, "follow", true);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper subtitle = new ReadOnlyStringWrapper(this, "subtitle", "");
    private ConnectionViewModel shown;
    private long cursor;
    private long appCursor;
    private long revision = -1;

    public LatencyChartViewModel(MainViewModel main) {
        this.main = main;
        main.addTickObserver(this::updateTitle);
        main.addTickObserver(this::loadRollups);
        main.selectedProperty().addListener((o, a, b) -> {
            updateTitle();
            loadRollups();
        });
        main.windowProperty().addListener((o, a, b) -> {
            follow.set(true);
            updateTitle();
            loadRollups();
        });
        updateTitle();
    }

    /**
     * What the chart must change for the selected connection since the last call.
     *
     * @param rebuild drop everything and draw {@code points} afresh (another connection, or points were dropped)
     * @param points the points to add, oldest first
     * @param structure whether bands or marks changed (they are redrawn whole; they are few)
     * @param appPoints application heartbeat RTT points to add (the second series), oldest first
     */
    public record Delta(ConnectionViewModel connection, boolean rebuild, List<LatencyHistory.Point> points, boolean structure,
                        List<LatencyHistory.Point> appPoints) {
    }

    public Delta pull() {
        ConnectionViewModel c = main.selected();
        if (c == null) {
            boolean changed = shown != null;
            shown = null;
            return new Delta(null, changed, List.of(), changed, List.of());
        }
        LatencyHistory h = c.history();
        // points not drawn yet were dropped: start over
        boolean rebuild = c != shown || h.firstSeq() > cursor || h.appFirstSeq() > appCursor;
        List<LatencyHistory.Point> points = rebuild ? h.points() : h.since(cursor);
        List<LatencyHistory.Point> app = rebuild ? h.appPoints() : h.appSince(appCursor);
        boolean structure = rebuild || h.revision() != revision;
        shown = c;
        cursor = h.nextSeq();
        appCursor = h.appNextSeq();
        revision = h.revision();
        return new Delta(c, rebuild, points, structure, app);
    }

    /**
     * Asks the history for the rollups of a long window when the connection or the window changed, or a minute
     * passed; the answer arrives at a later tick.
     */
    private void loadRollups() {
        ConnectionViewModel c = main.selected();
        ChartWindow w = main.windowProperty().get();
        if (c == null || !w.fromRollups()) {
            if (rollupKey != null) {
                rollupKey = null;
                rollups = List.of();
                rollupRevision++;
                rollupGeneration++;
            }
            return;
        }
        String key = c.name() + "|" + w;
        long now = main.now();
        if (key.equals(rollupKey) && now - rollupsAsked < ROLLUP_REFRESH_MILLIS) {
            return;
        }
        if (!key.equals(rollupKey)) {
            rollups = List.of();
            rollupRevision++;
        }
        rollupKey = key;
        rollupsAsked = now;
        long generation = ++rollupGeneration;
        main.history().rollups(c.name(), now - w.millis(), now + 1, MAX_ROLLUP_POINTS).thenAccept(list -> main.post(() -> {
            if (generation == rollupGeneration) {
                rollups = list;
                rollupRevision++;
            }
        }));
    }

    /** The rollups a long window draws (empty for the windows of an hour and less), oldest first. */
    public List<Rollup> rollups() {
        return rollups;
    }

    /** Changes whenever {@link #rollups()} would give another list. */
    public long rollupRevision() {
        return rollupRevision;
    }

    /** The largest RTT among the rollups in [{@code from}, {@code to}], or NaN. */
    public double rollupMaxMillis(long from, long to) {
        double max = Double.NaN;
        for (Rollup r : rollups) {
            if (r.start() + r.spanMillis() >= from && r.start() <= to && !(r.max() <= max)) {
                max = r.max();
            }
        }
        return max;
    }

    /** Whether the last tick applied routine updates; between them, a chart without new points has nothing to redraw. */
    public boolean routineTick() {
        return main.routineTick();
    }

    /** The app's clock, epoch milliseconds. */
    public long now() {
        return main.now();
    }

    /** The time axis while following: the window, ending now. */
    public long[] domain(long now) {
        return new long[] {now - main.windowProperty().get().millis(), now};
    }

    /** A round upper bound for the RTT axis that leaves headroom over {@code maxMillis} (NaN when no point). */
    public static double upperBound(double maxMillis) {
        double top = Double.isNaN(maxMillis) ? MIN_UPPER_MILLIS : Math.max(MIN_UPPER_MILLIS, maxMillis * 1.15);
        double magnitude = Math.pow(10, Math.floor(Math.log10(top)));
        for (double step : new double[] {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (step * magnitude >= top) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    /** Whether to mark each point with a dot: only while {@code pointsInView} spread over {@code widthPx} stay apart. */
    public static boolean markPoints(int pointsInView, double widthPx) {
        return pointsInView * MIN_DOT_SPACING_PX <= widthPx;
    }

    private void updateTitle() {
        ConnectionViewModel c = main.selected();
        if (c == null) {
            title.set("No connection selected");
            subtitle.set("");
            return;
        }
        title.set(c.name());
        ChartWindow w = main.windowProperty().get();
        var s = c.summary();
        subtitle.set(c.state() + " for " + c.timeInStateProperty().get()
                + "  ·  p50 " + Formats.rtt(s.p50()) + "  ·  p95 " + Formats.rtt(s.p95())
                + "  ·  p99 " + Formats.rtt(s.p99()) + "  ·  jitter " + Formats.rtt(s.jitter())
                + "  ·  loss " + (s.samples() + s.lost() == 0 ? Formats.NONE : Formats.percent(s.lossRatio()))
                + appFigures(c, w) + "  (last " + w.stats().label() + ")"
                + (w.fromRollups() ? "  ·  chart: per-minute avg, min–max, p95" + (main.history().file().isEmpty()
                        ? " (history is off)" : "") : ""));
    }

    /** Application heartbeat p50/p95 over the window, when the connection has a timed heartbeat. */
    private String appFigures(ConnectionViewModel c, ChartWindow w) {
        long now = main.now();
        double[] q = appQuantiles(c, now - w.millis(), now);
        if (Double.isNaN(q[0])) {
            return "";
        }
        return "  ·  app p50 " + Formats.rtt(Duration.ofNanos((long) (q[0] * 1e6)))
                + "  ·  app p95 " + Formats.rtt(Duration.ofNanos((long) (q[1] * 1e6)));
    }

    /** The application RTT p50 and p95 in milliseconds over [{@code from}, {@code to}]; NaN when there is none. */
    public static double[] appQuantiles(ConnectionViewModel c, long from, long to) {
        return new double[] {c.history().appQuantile(from, to, 0.5), c.history().appQuantile(from, to, 0.95)};
    }

    /** Follow now (true), or stay where the operator zoomed or panned (false). */
    public BooleanProperty followProperty() {
        return follow;
    }

    public ObjectProperty<ChartWindow> windowProperty() {
        return main.windowProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** State and latency figures over the window. */
    public ReadOnlyStringProperty subtitleProperty() {
        return subtitle.getReadOnlyProperty();
    }

    public ConnectionViewModel selected() {
        return main.selected();
    }
}
