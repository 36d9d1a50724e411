package dev.wsmon.app.desktop;

import dev.wsmon.app.viewmodel.ChartWindow;
import dev.wsmon.app.viewmodel.ConnectionViewModel;
import dev.wsmon.app.viewmodel.Formats;
import dev.wsmon.app.viewmodel.RttSparkline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;

/**
 * The table's RTT sparkline: one {@link Path} through the highest RTT of each column of the chart's window, broken
 * where no sample fell (the connection was not OPEN). Rebuilt only when its data or its width changes, which is at
 * most once a second (the routine update).
 */
final class SparklineCell extends TableCell<ConnectionViewModel, RttSparkline.Data> {

    static final double HEIGHT = 16;

    private final Supplier<ChartWindow> window;
    private final Path line = new Path();
    private final Tooltip tip = new Tooltip();
    private final Pane box = new Pane(line) {
        @Override
        protected void layoutChildren() {
            if (getWidth() != drawnWidth || data != drawnData) {
                draw(getWidth());
            }
        }
    };
    private RttSparkline.Data data;
    private RttSparkline.Data drawnData;
    private double drawnWidth = -1;
    private long redraws; // for tests

    SparklineCell(Supplier<ChartWindow> window) {
        this.window = window;
        getStyleClass().add("sparkline-cell");
        line.getStyleClass().add("sparkline");
        line.setManaged(false);
        box.setPrefHeight(HEIGHT);
        box.setMinHeight(HEIGHT);
        box.setMaxHeight(HEIGHT);
        box.setMinWidth(0);
        box.setPrefWidth(0);
    }

    @Override
    protected void updateItem(RttSparkline.Data item, boolean empty) {
        super.updateItem(item, empty);
        setText(null);
        if (empty || item == null) {
            data = null;
            setGraphic(null);
            setTooltip(null);
            return;
        }
        data = item;
        setGraphic(box);
        double last = item.last();
        ChartWindow w = window.get();
        tip.setText("RTT over the last " + w.label() + ", the highest of each "
                + Formats.duration(w.duration().dividedBy(RttSparkline.COLUMNS)) + ": "
                + (Double.isNaN(last) ? "no samples" : "newest " + millis(last) + ", scale 0–" + millis(item.upper())));
        setTooltip(tip);
        box.requestLayout();
    }

    private static String millis(double ms) {
        return Formats.rtt(Duration.ofNanos((long) (ms * 1e6)));
    }

    private void draw(double width) {
        drawnWidth = width;
        drawnData = data;
        redraws++;
        if (data == null || width <= 2) {
            line.getElements().clear();
            return;
        }
        line.getElements().setAll(elements(data, width, HEIGHT));
    }

    /**
     * The path through {@code d} in a box of {@code width} × {@code height}; a lone column is a short dash. One empty
     * column between two samples is bridged: a ping interval as long as a column leaves one empty now and then when
     * pongs come a little late, and that is not an outage (the timeline shows outages).
     */
    static List<PathElement> elements(RttSparkline.Data d, double width, double height) {
        List<PathElement> out = new ArrayList<>();
        int n = RttSparkline.COLUMNS;
        double step = (width - 2) / (n - 1);
        boolean drawing = false;
        for (int i = 0; i < n; i++) {
            double v = d.at(i);
            if (Double.isNaN(v)) {
                boolean bridged = drawing && i + 1 < n && !Double.isNaN(d.at(i + 1));
                drawing = bridged;
                continue;
            }
            double x = 1 + i * step;
            double y = height - 1 - Math.min(1, v / d.upper()) * (height - 2);
            boolean alone = !drawing && (i == n - 1 || Double.isNaN(d.at(i + 1)));
            if (alone) {
                out.add(new MoveTo(x - 1, y));
                out.add(new LineTo(x + 1, y));
            } else if (drawing) {
                out.add(new LineTo(x, y));
            } else {
                out.add(new MoveTo(x, y));
            }
            drawing = true;
        }
        return out;
    }

    long redraws() {
        return redraws;
    }

    int elementCount() {
        return line.getElements().size();
    }
}
