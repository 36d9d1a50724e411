package dev.wsmon.app.desktop;

import dev.wsmon.app.viewmodel.ConnectionViewModel;
import dev.wsmon.app.viewmodel.GlanceViewModel;
import dev.wsmon.app.viewmodel.StateTimeline;
import dev.wsmon.core.HealthReason;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.geometry.VPos;

/**
 * Every connection's state and health over the chart's window, one thin row each on one canvas, in the table's
 * order: which of twenty connections flapped in the last hour, without clicking through them. A row's name, the
 * number of closes in the window, and segments coloured by state (not OPEN) or health (OPEN). A click selects the
 * connection; hovering says what a segment was and when. Redrawn when a state or health changes, and otherwise to
 * slide at most once a second (see {@link GlanceViewModel#timelineDue}); only the rows in view are drawn.
 */
final class TimelineView extends VBox {

    static final double ROW_MAX = 16;
    static final double ROW_MIN = 9;
    /** Taller than this, the rows scroll: the chart below keeps its room. */
    static final double VIEW_MAX = 164;
    static final double GUTTER = 150;
    /** A segment that is not plain OPEN stays at least this wide, so that a short flap in an hour still shows. */
    static final double MIN_SEGMENT_PX = 2;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /** Canvas colours per theme (a canvas does not read CSS); they match the stylesheets' named colours. */
    record Palette(Color background, Color track, Color text, Color muted, Color selected, Color danger,
            Color open, Color degraded, Color connecting, Color closing, Color closed, Color down) {

        static final Palette LIGHT = new Palette(Color.web("#ffffff"), Color.web("#eef1f4"), Color.web("#3c4650"),
                Color.web("#68737f"), Color.web("#dbe7fd"), Color.web("#c5221f"), Color.web("#34a853"),
                Color.web("#f2b01e"), Color.web("#9aa4b0"), Color.web("#e8710a"), Color.web("#d93025"),
                Color.web("#7c1d6f"));
        static final Palette DARK = new Palette(Color.web("#1e2127"), Color.web("#2a2f36"), Color.web("#c9d1d9"),
                Color.web("#8b949e"), Color.web("#2b3a52"), Color.web("#f05545"), Color.web("#2ea043"),
                Color.web("#e3b341"), Color.web("#5c6573"), Color.web("#f28c28"), Color.web("#f05545"),
                Color.web("#c05fb0"));

        Color of(StateTimeline.Kind k) {
            return switch (k) {
                case OPEN -> open;
                case DEGRADED -> degraded;
                case CONNECTING -> connecting;
                case CLOSING -> closing;
                case CLOSED -> closed;
                case DOWN -> down;
            };
        }
    }

    private final GlanceViewModel vm;
    private final Label title = new Label();
    private final Canvas canvas = new Canvas();
    private final ScrollBar scroll = new ScrollBar();
    private final Tooltip tip = new Tooltip();
    private final Pane body = new Pane() {
        @Override
        protected void layoutChildren() {
            double w = Math.floor(getWidth());
            double h = Math.floor(getHeight());
            if (canvas.getWidth() != w || canvas.getHeight() != h) {
                canvas.setWidth(w);
                canvas.setHeight(h);
                drawNow();
            }
        }

        @Override
        protected double computePrefHeight(double width) {
            return Math.min(VIEW_MAX, rowCount() * rowHeight());
        }

        @Override
        protected double computeMinHeight(double width) {
            return Math.min(VIEW_MAX, rowCount() * rowHeight());
        }
    };
    private final java.util.Map<StateTimeline.Kind, Region> swatches = new java.util.EnumMap<>(StateTimeline.Kind.class);
    private Palette palette = Palette.LIGHT;
    private List<StateTimeline.Row> rows = List.of();
    private long drawnNow;
    private int shownRows = -1;
    private long draws; // for tests

    TimelineView(GlanceViewModel vm) {
        this.vm = vm;
        setId("timeline");
        getStyleClass().add("timeline-pane");
        title.getStyleClass().add("timeline-title");
        HBox legend = new HBox(10);
        for (StateTimeline.Kind k : StateTimeline.Kind.values()) {
            legend.getChildren().add(chip(k));
        }
        legend.getStyleClass().add("chart-legend");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(10, title, spacer, legend);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("timeline-header");

        canvas.setManaged(false); // sized by the body, never the other way round
        body.getChildren().add(canvas);
        body.setMinWidth(0);
        scroll.setOrientation(Orientation.VERTICAL);
        scroll.managedProperty().bind(scroll.visibleProperty());
        scroll.valueProperty().addListener((o, a, b) -> drawNow());
        HBox rowsBox = new HBox(body, scroll);
        HBox.setHgrow(body, Priority.ALWAYS);
        getChildren().addAll(header, rowsBox);

        Tooltip.install(canvas, tip);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> tip.setText(describe(e.getX(), e.getY())));
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            StateTimeline.Row r = rowAt(e.getY());
            if (r != null) {
                vm.select(r.connection());
            }
        });
        managedProperty().bind(visibleProperty());
        setPalette(palette);
    }

    private Label chip(StateTimeline.Kind kind) {
        Label l = new Label(kind.label());
        Region swatch = new Region();
        swatch.getStyleClass().add("legend-swatch");
        swatches.put(kind, swatch);
        l.setGraphic(swatch);
        l.getStyleClass().add("legend-item");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    void setPalette(Palette p) {
        palette = p;
        swatches.forEach((k, r) -> r.setStyle("-fx-background-color: " + web(p.of(k)) + ";")); // over the stylesheet's
        drawNow();
    }

    private static String web(Color c) {
        return String.format(java.util.Locale.ROOT, "#%02x%02x%02x", Math.round(c.getRed() * 255),
                Math.round(c.getGreen() * 255), Math.round(c.getBlue() * 255));
    }

    /** One drain tick: redraws when the view model says it is due. */
    void update(long now) {
        if (!vm.timelineDue(now, canvas.getWidth())) {
            return;
        }
        rows = vm.timeline(now);
        drawnNow = now;
        int n = rows.size();
        setVisible(n > 0);
        title.setText("State and health · last " + vm.window().label());
        if (n != shownRows) {
            shownRows = n;
            body.requestLayout(); // its height follows the number of rows
            updateScroll();
        }
        draw();
    }

    private void drawNow() {
        updateScroll();
        draw();
    }

    private int rowCount() {
        return Math.max(1, rows.size());
    }

    /** Rows shrink as connections are added, until the view scrolls. */
    private double rowHeight() {
        return Math.max(ROW_MIN, Math.min(ROW_MAX, Math.floor(VIEW_MAX / rowCount())));
    }

    private int visibleRows() {
        return (int) Math.max(1, Math.floor(canvas.getHeight() / rowHeight()));
    }

    private void updateScroll() {
        int hidden = rows.size() - visibleRows();
        scroll.setVisible(hidden > 0);
        scroll.setMin(0);
        scroll.setMax(Math.max(0, hidden));
        scroll.setVisibleAmount(Math.max(1, visibleRows()));
        scroll.setUnitIncrement(1);
        scroll.setBlockIncrement(visibleRows());
    }

    private int firstRow() {
        return (int) Math.round(Math.max(0, Math.min(scroll.getValue(), rows.size() - visibleRows())));
    }

    /** One thing drawn on the canvas; the picture is a list of them, compared with the last one drawn. */
    private sealed interface Mark permits Fill, Text {
        void paint(GraphicsContext g);
    }

    private record Fill(Color color, double x, double y, double w, double h) implements Mark {
        @Override
        public void paint(GraphicsContext g) {
            g.setFill(color);
            g.fillRect(x, y, w, h);
        }
    }

    private record Text(Color color, String text, double x, double y, TextAlignment align, double maxWidth) implements Mark {
        @Override
        public void paint(GraphicsContext g) {
            g.setTextAlign(align);
            g.setFill(color);
            if (maxWidth > 0) {
                g.fillText(text, x, y, maxWidth);
            } else {
                g.fillText(text, x, y);
            }
        }
    }

    /** What is on the canvas now: a routine second that slides nothing by a whole pixel draws nothing. */
    private List<Mark> drawn = List.of();

    /**
     * Draws the rows in view. Segment edges are whole pixels, so that an hour of plain OPEN slid by one second is the
     * same picture and is not drawn again: with software rendering each redraw costs the render thread the whole strip.
     */
    private void draw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        if (w <= 0 || h <= 0) {
            return;
        }
        double rh = rowHeight();
        List<Mark> picture = picture(w, h, rh);
        if (picture.equals(drawn)) { // the font size follows the row height, which every mark's place shows
            return;
        }
        drawn = picture;
        draws++;
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFont(Font.font(Math.min(12, rh - 2)));
        g.setTextBaseline(VPos.CENTER);
        for (Mark m : picture) {
            m.paint(g);
        }
    }

    private List<Mark> picture(double w, double h, double rh) {
        List<Mark> marks = new ArrayList<>();
        marks.add(new Fill(palette.background(), 0, 0, w, h));
        double track = Math.max(1, Math.floor(w - GUTTER - 6));
        long span = vm.window().millis();
        long from = drawnNow - span;
        int first = firstRow();
        int last = Math.min(rows.size(), first + visibleRows() + 1);
        for (int i = first; i < last; i++) {
            StateTimeline.Row r = rows.get(i);
            double y = (i - first) * rh;
            if (r.connection() == vm.selected()) {
                marks.add(new Fill(palette.selected(), 0, y, w, rh));
            }
            marks.add(new Fill(palette.track(), GUTTER, y + 1, track, rh - 2));
            marks.add(new Text(palette.text(), r.connection().name(), 4, y + rh / 2, TextAlignment.LEFT, GUTTER - 40));
            if (r.closes() > 0) {
                marks.add(new Text(palette.danger(), "×" + r.closes(), GUTTER - 6, y + rh / 2, TextAlignment.RIGHT, 0));
            }
            // plain OPEN first, then the rest over it at their minimum width, so that a short flap is not painted over
            for (int pass = 0; pass < 2; pass++) {
                for (StateTimeline.Segment s : r.segments()) {
                    boolean plain = s.kind() == StateTimeline.Kind.OPEN;
                    if (plain != (pass == 0)) {
                        continue;
                    }
                    double x0 = GUTTER + Math.round((s.from() - from) * track / span);
                    double x1 = GUTTER + Math.round((s.to() - from) * track / span);
                    double width = plain ? x1 - x0 : Math.max(MIN_SEGMENT_PX, x1 - x0);
                    double x = Math.max(GUTTER, Math.min(x0, GUTTER + track - width));
                    if (width > 0) {
                        marks.add(new Fill(palette.of(s.kind()), x, y + 2, width, rh - 4));
                    }
                }
            }
        }
        return marks;
    }

    private StateTimeline.Row rowAt(double y) {
        int i = firstRow() + (int) Math.floor(y / rowHeight());
        return y >= 0 && i < rows.size() ? rows.get(i) : null;
    }

    private String describe(double x, double y) {
        StateTimeline.Row r = rowAt(y);
        if (r == null) {
            return "";
        }
        String head = r.connection().name() + (r.closes() == 0 ? "" : " · " + r.closes() + " close"
                + (r.closes() == 1 ? "" : "s")) + " in the last " + vm.window().label();
        double track = Math.max(1, canvas.getWidth() - GUTTER - 6);
        if (x < GUTTER) {
            return head;
        }
        long ts = drawnNow - vm.window().millis() + (long) ((x - GUTTER) * vm.window().millis() / track);
        return r.at(ts).map(s -> head + "\n" + s.kind().label().toUpperCase(java.util.Locale.ROOT)
                + (s.reasons().isEmpty() ? "" : " (" + s.reasons().stream().map(HealthReason::token)
                        .collect(Collectors.joining(", ")) + ")")
                + " " + TIME.format(Instant.ofEpochMilli(s.from())) + "–" + TIME.format(Instant.ofEpochMilli(s.to())))
                .orElse(head + "\nnot started");
    }

    // ------------------------------------------------------------------ for tests

    long draws() {
        return draws;
    }

    List<StateTimeline.Row> rows() {
        return rows;
    }

    String describeAt(double x, double y) {
        return describe(x, y);
    }

    ConnectionViewModel rowConnection(double y) {
        StateTimeline.Row r = rowAt(y);
        return r == null ? null : r.connection();
    }
}
