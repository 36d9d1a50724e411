package dev.wsmon.app.desktop;

import dev.wsmon.app.viewmodel.MessageInspectorViewModel;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The message of the selected log line, whole: what it is, its outcome, its text or hex dump a page at a time; search
 * through the kept messages, pause, the caps. Binds to its view model only.
 */
final class MessageInspectorView extends VBox {

    private final TextField search = new TextField();

    MessageInspectorView(MessageInspectorViewModel vm) {
        getStyleClass().add("inspector-pane");
        // its size never follows what it shows (a count changes every second): a new size would lay the log out again
        setMinWidth(240);
        setPrefWidth(420);

        Label title = label("inspector-title", "inspector-title");
        title.textProperty().bind(vm.titleProperty());
        Label summary = label("inspector-summary", "muted");
        summary.textProperty().bind(vm.summaryProperty());
        summary.setWrapText(true);
        summary.setMinHeight(Region.USE_PREF_SIZE);
        Label outcome = label("inspector-outcome", "inspector-outcome");
        outcome.textProperty().bind(vm.outcomeProperty());
        outcome.setWrapText(true);
        outcome.setMinHeight(Region.USE_PREF_SIZE);
        outcome.visibleProperty().bind(vm.outcomeProperty().isNotEmpty());
        outcome.managedProperty().bind(outcome.visibleProperty());
        vm.outcomeKindProperty().addListener((o, a, b) -> {
            outcome.getStyleClass().removeIf(s -> s.startsWith("outcome-"));
            outcome.getStyleClass().add("outcome-" + b.name().toLowerCase(Locale.ROOT));
        });

        search.setId("inspector-search");
        search.setPromptText("Find in kept messages");
        search.textProperty().bindBidirectional(vm.searchProperty());
        search.setPrefColumnCount(12);
        search.setMinWidth(90);
        HBox.setHgrow(search, Priority.SOMETIMES);
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                if (e.isShiftDown()) {
                    vm.previous();
                } else {
                    vm.next();
                }
            } else if (e.getCode() == KeyCode.ESCAPE) {
                search.clear();
            }
        });
        Button previous = button("inspector-previous", "◀", "Previous kept message that matches (Shift+Enter)", vm::previous);
        Button next = button("inspector-next", "▶", "Next kept message that matches (Enter)", vm::next);
        Label matches = label("inspector-matches", "muted");
        matches.textProperty().bind(vm.matchesProperty());
        HBox find = new HBox(4, search, previous, next, matches);
        find.setAlignment(Pos.CENTER_LEFT);

        CheckBox pretty = new CheckBox("Pretty JSON");
        pretty.setId("inspector-pretty");
        pretty.selectedProperty().bindBidirectional(vm.prettyProperty());
        pretty.disableProperty().bind(vm.canPrettyProperty().not());
        CheckBox hideAutomatic = new CheckBox("Hide automatic");
        hideAutomatic.setId("inspector-hide-automatic");
        hideAutomatic.setTooltip(new Tooltip("Hide messages the session sends on its own (responder replies, heartbeats),"
                + " here and in the log"));
        hideAutomatic.selectedProperty().bindBidirectional(vm.hideAutomaticProperty());
        ToggleButton pause = new ToggleButton();
        pause.setId("inspector-pause");
        pause.textProperty().bind(Bindings.when(pause.selectedProperty()).then("Resume").otherwise("Pause"));
        pause.setTooltip(new Tooltip("Stop keeping new messages, to read these while the feed goes on"));
        pause.selectedProperty().bindBidirectional(vm.pausedProperty());
        Label pauseInfo = label("inspector-pause-info", "inspector-pause-info");
        pauseInfo.textProperty().bind(vm.pauseInfoProperty());
        HBox options = new HBox(10, pretty, hideAutomatic, pause);
        options.setAlignment(Pos.CENTER_LEFT);
        for (var n : java.util.List.of(pretty, hideAutomatic, pause)) {
            n.setMinWidth(Region.USE_PREF_SIZE);
        }
        // the pause count on its own: a flow pane is at least as wide as its widest part, and the window must not grow
        FlowPane bar = new FlowPane(16, 4, find, options, pauseInfo);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("log-toolbar");

        Label hint = label("inspector-hint", "muted");
        hint.setWrapText(true);
        hint.setMinHeight(Region.USE_PREF_SIZE);
        hint.textProperty().bind(vm.hintProperty());
        hint.visibleProperty().bind(vm.hintProperty().isNotEmpty());
        hint.managedProperty().bind(hint.visibleProperty());
        Label jsonProblem = label("inspector-json-problem", "field-error");
        jsonProblem.setWrapText(true);
        jsonProblem.setMinHeight(Region.USE_PREF_SIZE);
        jsonProblem.textProperty().bind(vm.jsonProblemProperty());
        jsonProblem.visibleProperty().bind(vm.jsonProblemProperty().isNotEmpty());
        jsonProblem.managedProperty().bind(jsonProblem.visibleProperty());

        TextArea body = new TextArea();
        body.setId("inspector-body");
        body.getStyleClass().add("inspector-body");
        body.setEditable(false);
        body.textProperty().bind(vm.bodyProperty());
        body.wrapTextProperty().bind(vm.hexProperty().not()); // a hex line is laid out in columns: never wrapped
        VBox.setVgrow(body, Priority.ALWAYS);

        Button pagePrevious = button("inspector-page-previous", "◀ Previous page", "The page before this one",
                vm::previousPage);
        pagePrevious.disableProperty().bind(vm.canPreviousPageProperty().not());
        Button pageNext = button("inspector-page-next", "Next page ▶", "The page after this one: large messages are"
                + " shown a page at a time, so the window never stalls", vm::nextPage);
        pageNext.disableProperty().bind(vm.canNextPageProperty().not());
        Label page = label("inspector-page", "muted");
        page.textProperty().bind(vm.pageProperty());
        HBox paging = new HBox(8, pagePrevious, page, pageNext);
        paging.setAlignment(Pos.CENTER_LEFT);
        paging.visibleProperty().bind(vm.pageProperty().isNotEmpty());
        paging.managedProperty().bind(paging.visibleProperty());

        Label caps = label("inspector-caps", "muted");
        caps.getStyleClass().add("inspector-caps");
        caps.setWrapText(true);
        caps.setMinHeight(Region.USE_PREF_SIZE); // a wrapped label in a VBox is cut to one line otherwise
        caps.textProperty().bind(vm.capInfoProperty());

        VBox head = new VBox(2, title, summary, outcome, hint, jsonProblem);
        head.getStyleClass().add("inspector-head");
        VBox foot = new VBox(4, paging, caps);
        foot.getStyleClass().add("inspector-head");
        getChildren().addAll(bar, head, body, foot);
    }

    /** The log's selected line shows its message; a message the inspector goes to selects its line. */
    static void link(EventLogView log, MessageInspectorViewModel vm) {
        log.list().getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.show(b));
        vm.currentProperty().addListener((o, a, b) -> log.selectMessage(b.longValue()));
    }

    void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    private static Label label(String id, String style) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add(style);
        l.setMinWidth(0);
        return l;
    }

    private static Button button(String id, String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }
}
