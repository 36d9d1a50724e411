package dev.wsmon.app.viewmodel;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * One connection's RTT over the chart's window in {@link #COLUMNS} columns, for the table's sparkline: the highest RTT
 * of each column (a spike shows, as on the chart), NaN where no sample fell. Columns are aligned to the clock, so the
 * window slides by whole columns and the shape does not shimmer; each update folds in only the points new since the
 * last one, so a second costs its new points, not the window.
 */
public final class RttSparkline {

    public static final int COLUMNS = 60;

    /** What a cell draws: per column the highest RTT in ms or NaN, oldest first, and the top of its scale. */
    public record Data(double[] columns, double upper) {
        public static final Data EMPTY = new Data(filled(Double.NaN), LatencyChartViewModel.MIN_UPPER_MILLIS);

        public Data {
            Objects.requireNonNull(columns, "columns");
            if (columns.length != COLUMNS) {
                throw new IllegalArgumentException("a sparkline has " + COLUMNS + " columns, not " + columns.length);
            }
            columns = columns.clone();
        }

        @Override
        public double[] columns() {
            return columns.clone();
        }

        /** Column {@code i}'s value without a copy. */
        public double at(int i) {
            return columns[i];
        }

        /** The newest column with a sample, or NaN. */
        public double last() {
            for (int i = COLUMNS - 1; i >= 0; i--) {
                if (!Double.isNaN(columns[i])) {
                    return columns[i];
                }
            }
            return Double.NaN;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Data d && d.upper == upper && Arrays.equals(d.columns, columns);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(columns) + Double.hashCode(upper);
        }

        @Override
        public String toString() {
            return "Data" + Arrays.toString(columns) + " upper " + upper;
        }
    }

    private final double[] columns = filled(Double.NaN);
    private LatencyHistory source;
    private long columnMillis = -1;
    /** The newest column's number on the clock: floor(ts / columnMillis). */
    private long newest;
    private long cursor;
    private Data data = Data.EMPTY;

    /**
     * Takes what {@code history} holds that is new since the last call and slides to {@code now}.
     *
     * @return the data; the same instance while nothing changed, so that a cell redraws only on a change
     */
    public Data update(LatencyHistory history, long now, Duration window) {
        long width = Math.max(1, window.toMillis() / COLUMNS);
        long last = Math.floorDiv(now, width);
        if (history != source || width != columnMillis) {
            source = history;
            columnMillis = width;
            newest = last;
            cursor = history.firstSeq();
            Arrays.fill(columns, Double.NaN);
        } else if (last > newest) {
            int shift = (int) Math.min(COLUMNS, last - newest);
            System.arraycopy(columns, shift, columns, 0, COLUMNS - shift);
            Arrays.fill(columns, COLUMNS - shift, COLUMNS, Double.NaN);
            newest = last;
        }
        // a backfill numbers every point afresh, so they all come again: taking the highest is idempotent
        for (LatencyHistory.Point p : history.since(cursor)) {
            long i = Math.floorDiv(p.ts(), width) - newest + COLUMNS - 1;
            if (!p.gap() && i >= 0 && i < COLUMNS && !(p.millis() <= columns[(int) i])) {
                columns[(int) i] = p.millis();
            }
        }
        cursor = history.nextSeq();
        double max = Double.NaN;
        for (double v : columns) {
            if (!Double.isNaN(v) && !(v <= max)) {
                max = v;
            }
        }
        Data next = new Data(columns, LatencyChartViewModel.upperBound(max));
        if (!next.equals(data)) {
            data = next;
        }
        return data;
    }

    public Data data() {
        return data;
    }

    private static double[] filled(double v) {
        double[] a = new double[COLUMNS];
        Arrays.fill(a, v);
        return a;
    }
}
