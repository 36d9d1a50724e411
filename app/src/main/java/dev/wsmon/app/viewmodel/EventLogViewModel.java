package dev.wsmon.app.viewmodel;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The event log of the selected connection (or of all of them): filter by kind, search, autoscroll, copy.
 */
public final class EventLogViewModel {

    private final MainViewModel main;
    private final Map<LogKind, BooleanProperty> kinds = new EnumMap<>(LogKind.class);
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final BooleanProperty autoscroll = new SimpleBooleanProperty(this, "autoscroll", true);
    private final BooleanProperty allConnections = new SimpleBooleanProperty(this, "allConnections", false);
    private final BooleanProperty hideAutomatic = new SimpleBooleanProperty(this, "hideAutomatic", false);
    private final ReadOnlyObjectWrapper<ObservableList<LogEntry>> visible =
            new ReadOnlyObjectWrapper<>(this, "visible", FXCollections.observableArrayList());
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private ObservableList<LogEntry> source = FXCollections.observableArrayList();
    private FilteredList<LogEntry> filtered;
    private final ListChangeListener<LogEntry> counter = c -> updateSummary();
    private final StringProperty automatic = new SimpleStringProperty(this, "automatic", "");

    public EventLogViewModel(MainViewModel main) {
        this.main = main;
        for (LogKind k : LogKind.values()) {
            BooleanProperty p = new SimpleBooleanProperty(this, k.name(), true);
            p.addListener((o, a, b) -> refilter());
            kinds.put(k, p);
        }
        search.addListener((o, a, b) -> refilter());
        hideAutomatic.addListener((o, a, b) -> refilter());
        allConnections.addListener((o, a, b) -> rebind());
        main.selectedProperty().addListener((o, a, b) -> rebind());
        main.selectedProperty().addListener((o, a, b) -> bindAutomatic(b));
        bindAutomatic(main.selected());
        rebind();
    }

    private void bindAutomatic(ConnectionViewModel c) {
        automatic.unbind();
        if (c == null) {
            automatic.set("");
        } else {
            automatic.bind(c.automaticSummaryProperty());
        }
    }

    /** What the selected connection's feed session sent and received automatically, counted instead of listed. */
    public javafx.beans.value.ObservableStringValue automaticProperty() {
        return automatic;
    }

    /** List automatic sends (responders, heartbeat) and what they answer line by line, for every connection. */
    public BooleanProperty logAutomaticProperty() {
        return main.logAutomaticProperty();
    }

    private void rebind() {
        source.removeListener(counter);
        ConnectionViewModel c = main.selected();
        source = allConnections.get() ? main.allLog() : c == null ? FXCollections.observableArrayList() : c.log();
        source.addListener(counter);
        filtered = new FilteredList<>(source, predicate());
        filtered.addListener(counter);
        visible.set(filtered);
        updateSummary();
    }

    private void refilter() {
        filtered.setPredicate(predicate());
        updateSummary();
    }

    private Predicate<LogEntry> predicate() {
        String s = search.get();
        boolean manualOnly = hideAutomatic.get();
        return e -> kinds.get(e.kind()).get() && e.matches(s) && !(manualOnly && e.message().automatic());
    }

    private void updateSummary() {
        int shown = filtered == null ? 0 : filtered.size();
        summary.set(shown == source.size() ? shown + " lines" : shown + " of " + source.size() + " lines");
    }

    /** The lines as text, one per line: the given ones, or every visible line when none is given. */
    public String copy(List<LogEntry> selection) {
        List<LogEntry> lines = selection == null || selection.isEmpty() ? List.copyOf(visible.get()) : selection;
        return lines.stream().map(LogEntry::line).collect(Collectors.joining(System.lineSeparator()));
    }

    /** Shows every kind and clears the search. */
    public void resetFilters() {
        kinds.values().forEach(p -> p.set(true));
        search.set("");
    }

    public BooleanProperty kindProperty(LogKind kind) {
        return kinds.get(kind);
    }

    public StringProperty searchProperty() {
        return search;
    }

    public BooleanProperty autoscrollProperty() {
        return autoscroll;
    }

    /** Hides the lines about messages sent automatically (responder replies, heartbeats); the inspector skips them too. */
    public BooleanProperty hideAutomaticProperty() {
        return hideAutomatic;
    }

    public BooleanProperty allConnectionsProperty() {
        return allConnections;
    }

    /**
     * What the list shows: the source log, filtered. Replaced when the source changes, possibly by a list equal to the
     * old one (two empty logs): watch it with an InvalidationListener, as a ChangeListener does not fire then.
     */
    public ReadOnlyObjectProperty<ObservableList<LogEntry>> visibleProperty() {
        return visible.getReadOnlyProperty();
    }

    /** {@code 12 of 340 lines}. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
