package dev.wsmon.app.desktop;

import dev.wsmon.app.viewmodel.ChartWindow;
import dev.wsmon.app.viewmodel.ConnectionViewModel;
import dev.wsmon.app.viewmodel.LatencyChartViewModel;
import dev.wsmon.app.viewmodel.LatencyHistory;
import dev.wsmon.core.State;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import dev.wsmon.app.history.Rollup;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.SamplingXYLineRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.time.FixedMillisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The latency chart of the selected connection (JFreeChart FX): RTT over time, p50 and p95 lines, shaded bands where
 * the connection was not OPEN, a vertical mark at each settings change. Updated from the drain tick in one batch:
 * the chart's notification is off while points, markers and axes change, and switching it back on repaints once.
 * Drag zooms, Alt+drag pans, the wheel zooms; "Live" goes back to following now.
 */
final class LatencyChartView extends VBox {

    /** Between rebuilds the chart redraws at most at this rate, not at every tick; less often when a pixel spans longer. */
    private static final long SLIDE_MILLIS = 250;
    /** Without new points the axis still slides (a dead connection's line and its band move on), but no faster. */
    private static final long IDLE_SLIDE_MILLIS = 1_000;
    private static final int MARK_LABEL = 38;

    private final LatencyChartViewModel vm;
    /** FixedMillisecond periods: a Millisecond asks a Calendar for its x at every point of every repaint. */
    private final TimeSeries rtt = new TimeSeries("RTT");
    /** Series 1: the application heartbeat's RTT (feed session), beside the keepalive's. */
    private final TimeSeries appRtt = new TimeSeries("App RTT");
    private final DateAxis timeAxis = new DateAxis();
    private final NumberAxis rttAxis = new NumberAxis("RTT (ms)");
    /** A line with a dot per point while points stand apart (see LatencyChartViewModel.markPoints). */
    private final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    /** Where points are denser than pixels: per pixel column one point and the min–max range, no dot, no entity. */
    private final SamplingXYLineRenderer dense = new SamplingXYLineRenderer();
    /** The long windows (6 h … 7 d): per-minute average with its min–max band, and the p95, from the history. */
    private final YIntervalSeries rollupAvg = new YIntervalSeries("avg");
    private final YIntervalSeries rollupP95 = new YIntervalSeries("p95");
    private final DeviationRenderer rollupRenderer = new DeviationRenderer(true, false);
    private long drawnRollups = -1;
    private final XYPlot plot;
    private final JFreeChart chart;
    private final ChartViewer viewer;
    private final ValueMarker p50 = new ValueMarker(0);
    private final ValueMarker p95 = new ValueMarker(0);
    private final ValueMarker appP50 = new ValueMarker(0);
    private final ValueMarker appP95 = new ValueMarker(0);
    private final List<IntervalMarker> bandMarkers = new ArrayList<>();
    private final List<ValueMarker> settingsMarkers = new ArrayList<>();
    private IntervalMarker ongoing;
    private ChartPalette palette = ChartPalette.LIGHT;
    private boolean moving; // true while this view itself moves the axes, so that it is not taken for a zoom
    private long lastDraw;
    private long points; // items added since start, for tests
    private long draws; // repaints asked of the chart since start, for tests
    private long blankRepaints; // repaints of the chart with no RTT point, for tests

    LatencyChartView(LatencyChartViewModel vm) {
        this.vm = vm;
        getStyleClass().add("chart-pane");
        setId("latency-chart");

        TimeSeriesCollection data = new TimeSeriesCollection(rtt);
        data.addSeries(appRtt);
        timeAxis.setLowerMargin(0);
        timeAxis.setUpperMargin(0);
        rttAxis.setAutoRangeIncludesZero(true);
        rttAxis.setRange(0, 1);
        renderer.setSeriesShape(0, new Ellipse2D.Double(-2, -2, 4, 4));
        renderer.setSeriesStroke(0, new BasicStroke(1.4f));
        renderer.setDrawSeriesLineAsPath(true); // one stroke for the line: a stroke per segment costs the render thread a pass each
        dense.setSeriesStroke(0, new BasicStroke(1.4f));
        renderer.setSeriesShape(1, new java.awt.Rectangle(-2, -2, 4, 4));
        renderer.setSeriesStroke(1, new BasicStroke(1.4f));
        dense.setSeriesStroke(1, new BasicStroke(1.4f));
        plot = new XYPlot(data, timeAxis, rttAxis, renderer);
        YIntervalSeriesCollection rollups = new YIntervalSeriesCollection();
        rollups.addSeries(rollupAvg);
        rollups.addSeries(rollupP95);
        rollupRenderer.setAlpha(0.25f);
        rollupRenderer.setSeriesStroke(0, new BasicStroke(1.4f));
        rollupRenderer.setSeriesStroke(1, new BasicStroke(1f));
        plot.setDataset(1, rollups);
        plot.setRenderer(1, rollupRenderer);
        plot.setDomainPannable(true);
        plot.setRangePannable(true);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setOutlineVisible(false);
        for (ValueMarker m : List.of(p50, p95, appP50, appP95)) {
            float[] dash = m == appP50 || m == appP95 ? new float[] {2f, 3f} : new float[] {5f, 4f};
            m.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, dash, 0f));
            m.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
            m.setLabelFont(new Font("SansSerif", Font.BOLD, 11));
            m.setLabelOffset(new RectangleInsets(2, 6, 2, 2));
            m.setLabelBackgroundColor(new Color(0, 0, 0, 0));
        }
        chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setAntiAlias(true);
        chart.setPadding(new RectangleInsets(6, 4, 4, 22));
        // no tooltips on points: an entity per point per repaint is work for nothing (zoom and pan need only the data area)
        renderer.setDefaultCreateEntities(false);
        dense.setDefaultCreateEntities(false);
        rollupRenderer.setDefaultCreateEntities(false);
        viewer = new ChartViewer(chart);
        chart.addChangeListener(e -> {
            if (rtt.getItemCount() == 0) {
                blankRepaints++;
            }
        });
        viewer.getCanvas().setTooltipEnabled(false);
        viewer.setMinSize(200, 140);
        VBox.setVgrow(viewer, Priority.ALWAYS);

        timeAxis.addChangeListener(e -> {
            if (!moving) {
                vm.followProperty().set(false); // the operator zoomed or panned: stay there until Live
            }
        });

        Label title = new Label();
        title.getStyleClass().add("chart-title");
        title.textProperty().bind(vm.titleProperty());
        Label subtitle = new Label();
        subtitle.getStyleClass().add("chart-subtitle");
        subtitle.textProperty().bind(vm.subtitleProperty());
        subtitle.setMinWidth(0);

        ToggleGroup windows = new ToggleGroup();
        HBox windowButtons = new HBox();
        windowButtons.getStyleClass().add("segmented");
        windowButtons.setFillHeight(true);
        for (ChartWindow w : ChartWindow.values()) {
            ToggleButton b = new ToggleButton(w.label());
            b.setId("window-" + w.name().toLowerCase(Locale.ROOT));
            b.setToggleGroup(windows);
            b.setUserData(w);
            b.setSelected(w == vm.windowProperty().get());
            b.setTooltip(new Tooltip("Show the last " + w.label() + " (Ctrl+" + (w.ordinal() + 1) + ")"));
            windowButtons.getChildren().add(b);
        }
        windows.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true); // one window is always chosen
            } else {
                vm.windowProperty().set((ChartWindow) b.getUserData());
            }
        });
        vm.windowProperty().addListener((o, a, b) -> windows.getToggles().forEach(t -> t.setSelected(t.getUserData() == b)));
        ToggleButton live = new ToggleButton("Live");
        live.setId("chart-live");
        live.getStyleClass().add("live-toggle");
        live.selectedProperty().bindBidirectional(vm.followProperty());
        live.setTooltip(new Tooltip("Follow now; turns off when you zoom (drag) or pan (Alt+drag)"));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        title.setMinWidth(Region.USE_PREF_SIZE);
        windowButtons.setMinWidth(Region.USE_PREF_SIZE);
        live.setMinWidth(Region.USE_PREF_SIZE);
        HBox titles = new HBox(10, title, subtitle);
        titles.setAlignment(Pos.BASELINE_LEFT);
        titles.setMinWidth(0);
        HBox.setHgrow(titles, Priority.ALWAYS);
        HBox header = new HBox(8, titles, spacer, windowButtons, live);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("chart-header");

        HBox legend = new HBox(12, chip("RTT", "legend-rtt"), chip("p50", "legend-p50"), chip("p95", "legend-p95"),
                chip("app RTT", "legend-app-rtt"), chip("app p50/p95", "legend-app-pct"),
                chip("connecting", "legend-connecting"), chip("closing", "legend-closing"), chip("closed", "legend-closed"),
                chip("settings applied", "legend-settings"));
        legend.getStyleClass().add("chart-legend");
        Label hint = new Label("drag: zoom · Alt+drag: pan · wheel: zoom");
        hint.getStyleClass().add("muted");
        hint.setMinWidth(0);
        Region spacer2 = new Region();
        HBox.setHgrow(spacer2, Priority.ALWAYS);
        HBox footer = new HBox(12, legend, spacer2, hint);
        footer.setAlignment(Pos.CENTER_LEFT);
        footer.setPadding(new Insets(2, 6, 0, 6));

        getChildren().addAll(header, viewer, footer);
        setPalette(palette);
    }

    private static Label chip(String text, String styleClass) {
        Label l = new Label(text);
        Region swatch = new Region();
        swatch.getStyleClass().addAll("legend-swatch", styleClass);
        l.setGraphic(swatch);
        l.getStyleClass().add("legend-item");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    void setPalette(ChartPalette p) {
        this.palette = p;
        chart.setNotify(false);
        moving = true;
        try {
            chart.setBackgroundPaint(p.background());
            plot.setBackgroundPaint(p.plotBackground());
            plot.setDomainGridlinePaint(p.grid());
            plot.setRangeGridlinePaint(p.grid());
            plot.setDomainGridlineStroke(new BasicStroke(1f));
            plot.setRangeGridlineStroke(new BasicStroke(1f));
            for (var axis : List.of(timeAxis, rttAxis)) {
                axis.setAxisLinePaint(p.axis());
                axis.setTickMarkPaint(p.axis());
                axis.setTickLabelPaint(p.text());
                axis.setLabelPaint(p.text());
                axis.setTickLabelFont(new Font("SansSerif", Font.PLAIN, 11));
                axis.setLabelFont(new Font("SansSerif", Font.PLAIN, 11));
            }
            renderer.setSeriesPaint(0, p.rtt());
            dense.setSeriesPaint(0, p.rtt());
            rollupRenderer.setSeriesPaint(0, p.rtt());
            rollupRenderer.setSeriesFillPaint(0, p.rtt());
            rollupRenderer.setSeriesPaint(1, p.p95());
            rollupRenderer.setSeriesFillPaint(1, p.p95());
            p50.setPaint(p.p50());
            p50.setLabelPaint(p.p50());
            p95.setPaint(p.p95());
            p95.setLabelPaint(p.p95());
            renderer.setSeriesPaint(1, p.appRtt());
            dense.setSeriesPaint(1, p.appRtt());
            for (ValueMarker m : List.of(appP50, appP95)) {
                m.setPaint(p.appRtt());
                m.setLabelPaint(p.appRtt());
            }
            rebuildMarkers(vm.selected());
        } finally {
            moving = false;
            chart.setNotify(true);
        }
    }

    /**
     * One drain tick: new points go into the series at once; markers, aging, axes and the repaint follow in one batch
     * when something else changed or the last repaint is a pixel of the time axis old (at 1 h on a 900 px chart, 4 s:
     * redrawing more often moves nothing, and a repaint of an hour of points is the UI's most expensive moment). Without
     * new points it repaints once a second at most: with software rendering a repaint is the idle window's main cost.
     */
    void update(long now) {
        LatencyChartViewModel.Delta d = vm.pull();
        if (d.rebuild()) {
            chart.setNotify(false); // emptied and refilled in one repaint, below, not one more for the empty chart
            rtt.clear();
            appRtt.clear();
        }
        addAll(rtt, d.points());
        addAll(appRtt, d.appPoints());
        boolean added = !d.points().isEmpty() || !d.appPoints().isEmpty();
        boolean rollupsChanged = vm.rollupRevision() != drawnRollups;
        if (!d.rebuild() && !d.structure() && !rollupsChanged && (!added && !vm.routineTick() || now - lastDraw < redrawEvery(added))) {
            return; // the idle slide waits for a routine tick, which redraws the rest of the window anyway
        }
        lastDraw = now;
        draws++;
        chart.setNotify(false);
        try {
            age(now);
            rtt.fireSeriesChanged();
            appRtt.fireSeriesChanged();
            if (rollupsChanged) {
                drawRollups();
            }
            if (d.structure()) {
                rebuildMarkers(d.connection());
            }
            if (ongoing != null) {
                ongoing.setEndValue(now);
            }
            ConnectionViewModel c = d.connection();
            double v50 = c == null ? Double.NaN : c.p50MillisProperty().get();
            double v95 = c == null ? Double.NaN : c.p95MillisProperty().get();
            line(p50, "p50", v50);
            line(p95, "p95", v95);
            long[] window = vm.domain(now);
            double[] app = c == null ? new double[] {Double.NaN, Double.NaN}
                    : LatencyChartViewModel.appQuantiles(c, window[0], window[1]);
            line(appP50, "app p50", app[0]);
            line(appP95, "app p95", app[1]);
            if (vm.followProperty().get()) {
                long[] range = vm.domain(now);
                double max = c == null ? Double.NaN : vm.windowProperty().get().fromRollups()
                        ? vm.rollupMaxMillis(range[0], range[1]) : c.history().maxMillis(range[0], range[1]);
                for (double v : new double[] {v95, app[1]}) {
                    if (!Double.isNaN(v)) {
                        max = Double.isNaN(max) ? v : Math.max(max, v);
                    }
                }
                moving = true;
                try {
                    timeAxis.setRange(range[0], range[1]);
                    rttAxis.setRange(0, LatencyChartViewModel.upperBound(max));
                } finally {
                    moving = false;
                }
            }
            XYItemRenderer wanted = LatencyChartViewModel.markPoints(pointsInView(), viewer.getWidth()) ? renderer : dense;
            if (plot.getRenderer() != wanted) {
                plot.setRenderer(wanted);
            }
        } finally {
            chart.setNotify(true); // one ChartChangeEvent: one repaint for the whole batch
        }
    }

    private void addAll(TimeSeries series, List<LatencyHistory.Point> add) {
        for (LatencyHistory.Point p : add) {
            if (series.getItemCount() > 0 && series.getTimePeriod(series.getItemCount() - 1).getFirstMillisecond() >= p.ts()) {
                continue; // the history keeps one point per ms, ascending; a rebuild may overlap nothing else
            }
            series.add(new FixedMillisecond(p.ts()), p.gap() ? null : p.millis(), false);
            points++;
        }
    }

    /**
     * Replaces the rollup series in one go (notification off: the caller's batch repaints once); in the long windows
     * the samples in memory are hidden, their last hour is in the rollups too.
     */
    private void drawRollups() {
        drawnRollups = vm.rollupRevision();
        rollupAvg.setNotify(false);
        rollupP95.setNotify(false);
        try {
            rollupAvg.clear();
            rollupP95.clear();
            for (Rollup r : vm.rollups()) {
                double x = r.start() + r.spanMillis() / 2.0;
                rollupAvg.add(x, r.avg(), r.min(), r.max());
                rollupP95.add(x, r.p95(), r.p95(), r.p95());
            }
        } finally {
            rollupAvg.setNotify(true);
            rollupP95.setNotify(true);
        }
        boolean raw = !vm.windowProperty().get().fromRollups();
        renderer.setSeriesVisible(0, raw, false);
        dense.setSeriesVisible(0, raw, false);
        renderer.setSeriesVisible(1, raw, false);
        dense.setSeriesVisible(1, raw, false);
    }

    /** The time one pixel of the time axis spans, or the slide rate when that is shorter: the idle one without new points. */
    private long redrawEvery(boolean added) {
        double span = timeAxis.getUpperBound() - timeAxis.getLowerBound();
        return Math.max(added ? SLIDE_MILLIS : IDLE_SLIDE_MILLIS, (long) (span / Math.max(1, viewer.getWidth())));
    }

    /** Drops what is older than the history keeps, against now: a dead connection's line must scroll away too. */
    private void age(long now) {
        for (TimeSeries series : List.of(rtt, appRtt)) {
            int old = insertionPoint(series, now - LatencyHistory.KEEP.toMillis());
            if (old > 0) {
                series.delete(0, old - 1, false);
            }
        }
    }

    /** How many items of the series fall within the time axis. */
    private int pointsInView() {
        int n = 0;
        for (TimeSeries series : List.of(rtt, appRtt)) {
            n += insertionPoint(series, (long) timeAxis.getUpperBound() + 1)
                    - insertionPoint(series, (long) timeAxis.getLowerBound());
        }
        return n;
    }

    private static int insertionPoint(TimeSeries series, long millis) {
        int i = series.getIndex(new FixedMillisecond(millis));
        return i >= 0 ? i : -i - 1;
    }

    private void line(ValueMarker m, String name, double millis) {
        boolean shown = plot.getRangeMarkers(Layer.FOREGROUND) != null && plot.getRangeMarkers(Layer.FOREGROUND).contains(m);
        if (Double.isNaN(millis)) {
            if (shown) {
                plot.removeRangeMarker(0, m, Layer.FOREGROUND, false);
            }
            return;
        }
        m.setValue(millis);
        m.setLabel(name + " " + dev.wsmon.app.viewmodel.Formats.rtt(java.time.Duration.ofNanos((long) (millis * 1e6))));
        if (!shown) {
            plot.addRangeMarker(0, m, Layer.FOREGROUND, false);
        }
    }

    private void rebuildMarkers(ConnectionViewModel c) {
        for (IntervalMarker m : bandMarkers) {
            plot.removeDomainMarker(0, m, Layer.BACKGROUND, false);
        }
        for (ValueMarker m : settingsMarkers) {
            plot.removeDomainMarker(0, m, Layer.FOREGROUND, false);
        }
        bandMarkers.clear();
        settingsMarkers.clear();
        ongoing = null;
        if (c == null) {
            return;
        }
        long now = vm.now();
        for (LatencyHistory.Band b : c.history().bands()) {
            IntervalMarker m = new IntervalMarker(b.from(), b.end(now));
            m.setPaint(bandPaint(b.state()));
            m.setOutlinePaint(null);
            bandMarkers.add(m);
            plot.addDomainMarker(0, m, Layer.BACKGROUND, false);
            if (b.ongoing()) {
                ongoing = m;
            }
        }
        for (LatencyHistory.Mark mark : c.history().marks()) {
            ValueMarker m = new ValueMarker(mark.ts());
            m.setPaint(palette.settingsMark());
            m.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {2f, 3f}, 0f));
            String label = "⚙ " + mark.label();
            m.setLabel(label.length() > MARK_LABEL ? label.substring(0, MARK_LABEL - 1) + "…" : label);
            m.setLabelPaint(palette.settingsMark());
            m.setLabelFont(new Font("SansSerif", Font.PLAIN, 10));
            m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            m.setLabelOffset(new RectangleInsets(4, 4, 4, 4));
            m.setLabelBackgroundColor(new Color(0, 0, 0, 0));
            settingsMarkers.add(m);
            plot.addDomainMarker(0, m, Layer.FOREGROUND, false);
        }
    }

    private Color bandPaint(State s) {
        return switch (s) {
            case CONNECTING -> palette.connecting();
            case CLOSING -> palette.closing();
            default -> palette.closed();
        };
    }

    // ------------------------------------------------------------------ for tests

    int itemCount() {
        return rtt.getItemCount();
    }

    int appItemCount() {
        return appRtt.getItemCount();
    }

    /** The app p95 line's label, empty when not shown. */
    String appP95Label() {
        var shown = plot.getRangeMarkers(Layer.FOREGROUND);
        return shown != null && shown.contains(appP95) ? appP95.getLabel() : "";
    }

    long pointsAdded() {
        return points;
    }

    long draws() {
        return draws;
    }

    long blankRepaints() {
        return blankRepaints;
    }

    boolean pointsMarked() {
        return plot.getRenderer() == renderer;
    }

    /** The chart areas of single points recorded at the last repaint. */
    long pointEntities() {
        org.jfree.chart.ChartRenderingInfo info = viewer.getCanvas().getRenderingInfo();
        return info == null ? 0 : info.getEntityCollection().getEntities().stream()
                .filter(e -> e instanceof org.jfree.chart.entity.XYItemEntity).count();
    }

    int settingsMarkCount() {
        return settingsMarkers.size();
    }

    int bandCount() {
        return bandMarkers.size();
    }

    int rollupCount() {
        return rollupAvg.getItemCount();
    }
}
