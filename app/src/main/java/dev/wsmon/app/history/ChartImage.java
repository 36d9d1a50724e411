package dev.wsmon.app.history;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.SamplingXYLineRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.data.time.FixedMillisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * A connection's RTT over a time range as a PNG, drawn without a screen (JFreeChart on AWT, headless): raw samples up
 * to an hour, per-minute rollups beyond (average line, min–max band, p95 line), closes as red marks and not-OPEN
 * periods shaded. SVG is not offered: JFreeChart needs a further library (JFreeSVG) for it.
 */
public final class ChartImage {

    /** Up to this range the samples themselves are drawn; beyond it, the rollups. */
    public static final Duration RAW_UP_TO = Duration.ofHours(1);
    public static final int WIDTH = 1400;
    public static final int HEIGHT = 600;

    private ChartImage() {
    }

    /** Writes the PNG of {@code conn} over [{@code from}, {@code to}). */
    public static void png(HistoryDatabase db, String conn, long from, long to, OutputStream out)
            throws SQLException, IOException {
        ChartUtils.writeChartAsPNG(out, chart(db, conn, from, to), WIDTH, HEIGHT);
    }

    static JFreeChart chart(HistoryDatabase db, String conn, long from, long to) throws SQLException {
        DateAxis time = new DateAxis("time");
        time.setRange(from, to);
        NumberAxis rtt = new NumberAxis("RTT (ms)");
        rtt.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(time);
        plot.setRangeAxis(rtt);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        String how;
        if (to - from <= RAW_UP_TO.toMillis()) {
            TimeSeriesCollection data = new TimeSeriesCollection();
            for (SampleKind k : SampleKind.values()) {
                TimeSeries series = new TimeSeries(k == SampleKind.KEEPALIVE ? "keepalive RTT" : "app RTT");
                for (Sample s : db.samples(conn, from, to, Set.of(k))) {
                    series.addOrUpdate(new FixedMillisecond(s.ts()), s.millis());
                }
                if (!series.isEmpty()) {
                    data.addSeries(series);
                }
            }
            SamplingXYLineRenderer r = new SamplingXYLineRenderer();
            r.setDefaultStroke(new BasicStroke(1.2f));
            plot.setDataset(0, data);
            plot.setRenderer(0, r);
            how = "samples";
        } else {
            YIntervalSeriesCollection data = new YIntervalSeriesCollection();
            YIntervalSeries avg = new YIntervalSeries("keepalive RTT avg (min–max)");
            YIntervalSeries p95 = new YIntervalSeries("keepalive RTT p95");
            for (Rollup m : db.rollups(conn, SampleKind.KEEPALIVE, from, to)) {
                avg.add(m.start() + m.spanMillis() / 2.0, m.avg(), m.min(), m.max());
                p95.add(m.start() + m.spanMillis() / 2.0, m.p95(), m.p95(), m.p95());
            }
            data.addSeries(avg);
            data.addSeries(p95);
            DeviationRenderer r = new DeviationRenderer(true, false);
            r.setSeriesFillPaint(0, new Color(0x33, 0x66, 0xcc));
            r.setSeriesPaint(0, new Color(0x33, 0x66, 0xcc));
            r.setSeriesPaint(1, new Color(0xcc, 0x77, 0x00));
            r.setAlpha(0.25f);
            plot.setDataset(0, data);
            plot.setRenderer(0, r);
            how = "per-minute rollups";
        }
        shadeStates(plot, db.events(conn, from, to), from, to);
        JFreeChart chart = new JFreeChart(conn, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(new TextTitle(java.time.Instant.ofEpochMilli(from) + " – " + java.time.Instant.ofEpochMilli(to)
                + " (UTC), " + how + "; red: closes, grey: not OPEN"));
        return chart;
    }

    /** Not-OPEN periods from the recorded state lines, and a red line at each close. */
    private static void shadeStates(XYPlot plot, List<StoredEvent> events, long from, long to) {
        long notOpenSince = -1;
        for (StoredEvent e : events) {
            if (!e.type().equals("state")) {
                continue;
            }
            boolean open = e.json().contains("\"state\":\"OPEN\"");
            if (e.json().contains("\"state\":\"CLOSED\"")) {
                ValueMarker m = new ValueMarker(e.ts(), new Color(0xcc, 0x22, 0x22), new BasicStroke(1.2f));
                plot.addDomainMarker(0, m, Layer.FOREGROUND, false);
            }
            if (open && notOpenSince >= 0) {
                shade(plot, notOpenSince, e.ts());
                notOpenSince = -1;
            } else if (!open && notOpenSince < 0) {
                notOpenSince = e.ts();
            }
        }
        if (notOpenSince >= 0) {
            shade(plot, notOpenSince, to);
        }
    }

    private static void shade(XYPlot plot, long from, long to) {
        IntervalMarker m = new IntervalMarker(from, to, new Color(0x99, 0x99, 0x99, 0x40));
        m.setOutlinePaint(null);
        plot.addDomainMarker(0, m, Layer.BACKGROUND, false);
    }
}
