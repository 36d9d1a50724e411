package dev.wsmon.app.desktop;

import dev.wsmon.app.viewmodel.EventLogViewModel;
import dev.wsmon.app.viewmodel.LogEntry;
import dev.wsmon.app.viewmodel.LogKind;
import java.util.Locale;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The event log: kind filters, search, all connections or the selected one, autoscroll, copy. */
final class EventLogView extends VBox {

    private final EventLogViewModel vm;
    private final ListView<LogEntry> list = new ListView<>();
    private final TextField search = new TextField();
    private final ListChangeListener<LogEntry> follow = c -> scrollToEndIfFollowing(appendedOnly(c));
    /** Runs before the next layout pass: shows the newest line. */
    private final Runnable beforeLayout = this::beforeLayout;
    /** The scene whose next pulse {@link #beforeLayout} waits for; null when none is pending. */
    private Scene beforeScene;
    /** Runs after the next layout pass, once the new line has its height or the operator's scroll has moved the lines. */
    private final Runnable afterLayout = this::afterLayout;
    /** The scene whose next layout pass {@link #afterLayout} waits for; null when none is pending. */
    private Scene pending;
    /** The list {@link #follow} listens to: the one the view model shows now. */
    private ObservableList<LogEntry> wired;
    /** The operator scrolled, paged or dragged the list: after layout, following turns on or off with where it ended. */
    private boolean operatorScrolled;
    /** The operator holds the scroll bar: new lines must not pull the thumb from under the pointer. */
    private boolean holding;
    /**
     * Layout passes still to check after following moved: a new line's wrapped text can grow taller in the pass after
     * its first, leaving it cut at the bottom (a narrow log, beside the inspector).
     */
    private int settle;

    EventLogView(EventLogViewModel vm) {
        this.vm = vm;
        getStyleClass().add("log-pane");

        HBox kinds = new HBox();
        kinds.getStyleClass().add("segmented");
        for (LogKind k : LogKind.values()) {
            ToggleButton b = new ToggleButton(k.label());
            b.setId("log-kind-" + k.name().toLowerCase(Locale.ROOT));
            b.getStyleClass().add("kind-toggle");
            b.selectedProperty().bindBidirectional(vm.kindProperty(k));
            b.setTooltip(new Tooltip("Show or hide " + k.label().toLowerCase(Locale.ROOT) + " lines"));
            kinds.getChildren().add(b);
        }
        search.setId("log-search");
        search.setPromptText("Search log (Ctrl+F)");
        search.textProperty().bindBidirectional(vm.searchProperty());
        search.setPrefColumnCount(14);
        search.setMinWidth(90);
        HBox.setHgrow(search, Priority.SOMETIMES);
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                search.clear();
            }
        });
        CheckBox all = new CheckBox("All connections");
        all.setId("log-all");
        all.selectedProperty().bindBidirectional(vm.allConnectionsProperty());
        CheckBox autoscroll = new CheckBox("Autoscroll");
        autoscroll.setId("log-autoscroll");
        autoscroll.selectedProperty().bindBidirectional(vm.autoscrollProperty());
        Button copy = new Button("Copy");
        copy.setId("log-copy");
        copy.setTooltip(new Tooltip("Copy the selected lines, or every shown line when none is selected (Ctrl+C in the list)"));
        copy.setOnAction(e -> copy());
        Label summary = new Label();
        summary.getStyleClass().add("muted");
        summary.textProperty().bind(vm.summaryProperty());
        summary.setMinWidth(Region.USE_PREF_SIZE);
        Label automatic = new Label();
        automatic.setId("log-automatic-counts");
        automatic.getStyleClass().add("muted");
        automatic.textProperty().bind(vm.automaticProperty());
        automatic.setMinWidth(0);
        CheckBox listAutomatic = new CheckBox("List automatic");
        listAutomatic.setId("log-list-automatic");
        listAutomatic.selectedProperty().bindBidirectional(vm.logAutomaticProperty());
        listAutomatic.setTooltip(new Tooltip("Log each responder reply, heartbeat and the messages they answer;"
                + " off: they are counted (left) so that a protocol ping every second does not flood the log"));
        for (var n : java.util.List.of(all, autoscroll, copy, listAutomatic)) {
            n.setMinWidth(Region.USE_PREF_SIZE);
        }
        // two groups that sit on one line when there is room and wrap to two on a small window
        HBox filters = new HBox(8, kinds, search);
        filters.setAlignment(Pos.CENTER_LEFT);
        HBox actions = new HBox(10, summary, automatic, listAutomatic, all, autoscroll, copy);
        actions.setAlignment(Pos.CENTER_LEFT);
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(16, 4, filters, actions);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("log-toolbar");
        kinds.setMinWidth(Region.USE_PREF_SIZE);

        list.setId("event-log");
        list.getStyleClass().add("event-log");
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setCellFactory(l -> new EntryCell());
        list.setPlaceholder(new Label("Nothing logged yet."));
        list.setOnKeyPressed(e -> {
            if (e.isShortcutDown() && e.getCode() == KeyCode.C) {
                copy();
                e.consume();
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        list.itemsProperty().bind(vm.visibleProperty());
        // not a ChangeListener: it compares the lists by their contents, and a newly selected connection's empty log
        // equals the empty one it replaces, so the log would go on following a list no longer shown
        vm.visibleProperty().addListener(o -> rewire(vm.visibleProperty().get()));
        rewire(vm.visibleProperty().get());
        vm.autoscrollProperty().addListener((o, a, b) -> scrollToEndIfFollowing(false));
        list.heightProperty().addListener(o -> scrollToEndIfFollowing(false)); // a taller window or a split moved
        list.addEventFilter(ScrollEvent.SCROLL, e -> operatorScrolled());
        list.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> holding = e.getTarget() instanceof Node n && onScrollBar(n));
        list.addEventFilter(MouseEvent.MOUSE_RELEASED, e -> {
            if (holding) { // the release goes to where the press was, on the bar, wherever the pointer is now
                holding = false;
                operatorScrolled();
            }
        });
        list.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode().isNavigationKey()) {
                operatorScrolled();
            }
        });

        getChildren().addAll(bar, list);
    }

    private void rewire(ObservableList<LogEntry> now) {
        if (now == wired) {
            return;
        }
        if (wired != null) {
            wired.removeListener(follow);
        }
        wired = now;
        if (now != null) {
            now.addListener(follow);
        }
        scrollToEndIfFollowing(false);
    }

    private boolean onScrollBar(Node n) {
        for (; n != null && n != list; n = n.getParent()) {
            if (n instanceof ScrollBar) {
                return true;
            }
        }
        return false;
    }

    /** Scrolling up pauses following, scrolling back to the newest line resumes it: decided once the scroll is laid out. */
    private void operatorScrolled() {
        operatorScrolled = true;
        afterNextLayout();
    }

    /** Lines added at the end, and perhaps the oldest taken from the start (the cap): the common case, every second. */
    private static boolean appendedOnly(ListChangeListener.Change<? extends LogEntry> c) {
        while (c.next()) {
            boolean atEnd = c.wasAdded() && !c.wasRemoved() && c.getTo() == c.getList().size();
            boolean trimmed = c.wasRemoved() && !c.wasAdded() && c.getFrom() == 0;
            if (!atEnd && !trimmed) {
                c.reset();
                return false;
            }
        }
        c.reset();
        return true;
    }

    /**
     * Shows the newest line when following. Lines appended at the end are shown from the next pulse's pre-layout step, so
     * that the pulse lays out and draws the moved lines and the new one together (scrolled after the layout pass, the
     * new line was laid out and drawn in a second pulse, and with software rendering every pulse that draws uploads the
     * whole window). Any other change (autoscroll turned on, another list shown, a taller list) is followed after the
     * next layout pass, once the flow has taken it in: a replaced list has its cells rebuilt by the skin in that pass.
     */
    private void scrollToEndIfFollowing(boolean appended) {
        if (!vm.autoscrollProperty().get() || list.getItems().isEmpty()) {
            return;
        }
        if (getScene() == null || flow() == null) {
            list.scrollTo(list.getItems().size() - 1); // not shown yet: no flow to scroll
            return;
        }
        if (!appended) {
            settle = 1;
            afterNextLayout();
        } else if (beforeScene == null) {
            beforeScene = getScene();
            beforeScene.addPreLayoutPulseListener(beforeLayout);
            Platform.requestNextPulse();
        }
    }

    /** The flow learns the new number of lines here rather than in the list's layout, which comes later in the pulse. */
    private void beforeLayout() {
        beforeScene.removePreLayoutPulseListener(beforeLayout);
        beforeScene = null;
        VirtualFlow<?> flow = flow();
        if (flow == null || !vm.autoscrollProperty().get() || holding || operatorScrolled || list.getItems().isEmpty()) {
            return;
        }
        flow.setCellCount(list.getItems().size());
        showNewest(flow);
        settle = 1;
        watchNextLayout();
    }

    private void afterNextLayout() {
        watchNextLayout();
        Platform.requestNextPulse();
    }

    /** Runs {@link #afterLayout} after the next layout pass, whenever one comes, without asking for one. */
    private void watchNextLayout() {
        if (pending != null || getScene() == null) {
            return;
        }
        pending = getScene();
        pending.addPostLayoutPulseListener(afterLayout);
    }

    private void afterLayout() {
        pending.removePostLayoutPulseListener(afterLayout);
        pending = null;
        VirtualFlow<?> flow = flow();
        if (flow == null) {
            return;
        }
        if (operatorScrolled) {
            operatorScrolled = false;
            vm.autoscrollProperty().set(atEnd(flow));
        } else if (vm.autoscrollProperty().get() && !holding) {
            if (settle-- > 0) {
                watchNextLayout(); // a pass that grows the line will come by itself: nothing to ask for
            }
            showNewest(flow);
        }
    }

    /**
     * Not {@code ListView.scrollTo}: with JavaFX 21 it re-lays the whole flow out and the next pulse repaints the entire
     * window (20–200 ms with software rendering, measured by the UI benchmark). The flow's scroll to an index moves the
     * cells by the new line's height, as the mouse wheel does; scrolling by a huge pixel count would drop every cell and
     * build them again.
     */
    private void showNewest(VirtualFlow<?> flow) {
        if (atEnd(flow)) {
            return;
        }
        IndexedCell<?> last = flow.getLastVisibleCell();
        int newest = list.getItems().size() - 1;
        if (last != null && last.getIndex() == newest) {
            // shown but cut at the bottom: a wrapped line is taller than the flow estimated, and scrolling to its
            // index again leaves it where it is; move by what is cut, a few pixels
            flow.scrollPixels(flow.sceneToLocal(last.localToScene(last.getLayoutBounds())).getMaxY() - flow.getHeight());
        } else {
            flow.scrollTo(newest);
        }
    }

    /** The newest line is in view, all of it. */
    private boolean atEnd(VirtualFlow<?> flow) {
        IndexedCell<?> last = flow.getLastVisibleCell();
        if (list.getItems().isEmpty() || last == null) {
            return true;
        }
        return last.getIndex() == list.getItems().size() - 1
                && flow.sceneToLocal(last.localToScene(last.getLayoutBounds())).getMaxY() <= flow.getHeight() + 1;
    }

    private VirtualFlow<?> flow() {
        return list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow ? flow : null;
    }

    private void copy() {
        ClipboardContent content = new ClipboardContent();
        content.putString(vm.copy(list.getSelectionModel().getSelectedItems()));
        Clipboard.getSystemClipboard().setContent(content);
    }

    void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    /**
     * Selects the line about message {@code seq} (the inspector went to it): its first, the one that says it was sent or
     * received, not its outcome's. Following stops when it is not the newest line, so that the line stays in view.
     */
    void selectMessage(long seq) {
        LogEntry selected = list.getSelectionModel().getSelectedItem();
        if (seq == 0 || selected != null && selected.message().seq() == seq) {
            return;
        }
        for (int i = 0; i < list.getItems().size(); i++) {
            if (list.getItems().get(i).message().seq() == seq) {
                if (i < list.getItems().size() - 1) {
                    vm.autoscrollProperty().set(false);
                }
                list.getSelectionModel().clearAndSelect(i);
                list.scrollTo(i);
                return;
            }
        }
    }

    ListView<LogEntry> list() {
        return list;
    }

    /** The log kinds as CSS pseudo-classes ({@code .log-kind:kind-close}). */
    private static final java.util.Map<LogKind, javafx.css.PseudoClass> KIND = new java.util.EnumMap<>(LogKind.class);

    static {
        for (LogKind k : LogKind.values()) {
            KIND.put(k, javafx.css.PseudoClass.getPseudoClass("kind-" + k.name().toLowerCase(Locale.ROOT)));
        }
    }

    /** One line: time, kind tag, text, and the suggestion beneath when there is one. */
    private final class EntryCell extends ListCell<LogEntry> {
        private final Label time = new Label();
        private final Label kind = new Label();
        private final Label text = new Label();
        private final Label detail = new Label();
        private final VBox body = new VBox(1, text, detail);
        private final HBox row = new HBox(8, time, kind, body);
        private LogKind shownKind;
        /** The width {@link #measured} was measured at; negative when the line changed since. */
        private double measuredAt = -1;
        private double measured;

        EntryCell() {
            time.getStyleClass().add("log-time");
            kind.getStyleClass().add("log-kind");
            text.getStyleClass().add("log-text");
            detail.getStyleClass().add("log-detail");
            text.setWrapText(true);
            detail.setWrapText(true);
            detail.managedProperty().bind(detail.visibleProperty());
            time.setMinWidth(Region.USE_PREF_SIZE);
            kind.setMinWidth(Region.USE_PREF_SIZE);
            row.setAlignment(Pos.TOP_LEFT);
            HBox.setHgrow(body, Priority.ALWAYS);
            setPrefWidth(0); // let the list's width, not the text's, decide: the text wraps
            body.maxWidthProperty().bind(list.widthProperty().subtract(200));
        }

        /**
         * The flow asks a line's height at a given width several times while it places the line (and again at each
         * layout that moves it); the answer changes only when the line does, which requests a layout of the cell.
         */
        @Override
        protected double computePrefHeight(double width) {
            if (width < 0 || width != measuredAt) {
                measured = super.computePrefHeight(width);
                measuredAt = width;
            }
            return measured;
        }

        @Override
        public void requestLayout() {
            measuredAt = -1;
            super.requestLayout();
        }

        /** A line is as tall as its text: the flow then bounds the height by its preferred one alone, measured once. */
        @Override
        protected double computeMinHeight(double width) {
            return 0;
        }

        @Override
        protected double computeMaxHeight(double width) {
            return Double.MAX_VALUE;
        }

        /**
         * The kind is a pseudo-class: a style class removed and added at every update made JavaFX match every style of
         * the label again, a large share of the idle window's cost (the flow re-uses cells as the log follows).
         */
        @Override
        protected void updateItem(LogEntry item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                // the row stays the graphic, emptied: taken out and put back, its labels were matched against every
                // style again (the flow measures lines with one cell that it empties after each measurement)
                time.setText("");
                kind.setText("");
                text.setText("");
                detail.setText("");
                detail.setVisible(false);
                row.setVisible(false);
                setText(null);
                return;
            }
            time.setText(item.time());
            kind.setText(vm.allConnectionsProperty().get() ? item.connection() : item.kind().label());
            if (item.kind() != shownKind) {
                if (shownKind != null) {
                    kind.pseudoClassStateChanged(KIND.get(shownKind), false);
                }
                kind.pseudoClassStateChanged(KIND.get(item.kind()), true);
                shownKind = item.kind();
            }
            text.setText(vm.allConnectionsProperty().get() ? item.kind().label() + ": " + item.text() : item.text());
            detail.setText(item.detail());
            detail.setVisible(!item.detail().isEmpty());
            row.setVisible(true);
            if (getGraphic() != row) {
                setGraphic(row);
            }
            setText(null);
        }
    }
}
