package dev.wsmon.app.viewmodel;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The message inspector: the message of the selected log line, whole. Text as text (JSON pretty-printed on demand),
 * binary as a hex dump, a page at a time so that a large message never stalls the window; sizes, direction, time, and
 * a send's outcome, which updates when it arrives. Search and next/previous go through the kept messages of the log's
 * connections; pause stops keeping new ones; the caps are stated. Owned by the UI thread.
 */
public final class MessageInspectorViewModel {

    /** A page of hex dump: 1,024 lines, which a text area lays out in a few milliseconds. */
    public static final int HEX_PAGE_BYTES = 16 * 1024;
    /** A page of text, for the same reason. */
    public static final int TEXT_PAGE_CHARS = 64 * 1024;
    public static final String NOTHING = "Select a message line in the log (← received, → sent, ✓, ✗) to see the message whole.";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final MainViewModel main;
    private final EventLogViewModel log;
    private final KeptMessages kept;
    private final JsonPretty json = new JsonPretty();

    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final BooleanProperty pretty = new SimpleBooleanProperty(this, "pretty", false);
    private final BooleanProperty paused = new SimpleBooleanProperty(this, "paused", false);
    private final ReadOnlyLongWrapper current = new ReadOnlyLongWrapper(this, "current", 0);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "No message selected");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper(this, "outcome", "");
    private final ReadOnlyObjectWrapper<InspectedMessage.Outcome> outcomeKind =
            new ReadOnlyObjectWrapper<>(this, "outcomeKind", InspectedMessage.Outcome.NONE);
    private final ReadOnlyStringWrapper body = new ReadOnlyStringWrapper(this, "body", "");
    private final ReadOnlyBooleanWrapper hex = new ReadOnlyBooleanWrapper(this, "hex", false);
    private final ReadOnlyStringWrapper hint = new ReadOnlyStringWrapper(this, "hint", NOTHING);
    private final ReadOnlyStringWrapper jsonProblem = new ReadOnlyStringWrapper(this, "jsonProblem", "");
    private final ReadOnlyBooleanWrapper canPretty = new ReadOnlyBooleanWrapper(this, "canPretty", false);
    private final ReadOnlyStringWrapper page = new ReadOnlyStringWrapper(this, "page", "");
    private final ReadOnlyBooleanWrapper canPreviousPage = new ReadOnlyBooleanWrapper(this, "canPreviousPage", false);
    private final ReadOnlyBooleanWrapper canNextPage = new ReadOnlyBooleanWrapper(this, "canNextPage", false);
    private final ReadOnlyStringWrapper matches = new ReadOnlyStringWrapper(this, "matches", "");
    private final ReadOnlyStringWrapper pauseInfo = new ReadOnlyStringWrapper(this, "pauseInfo", "");
    private final ReadOnlyStringWrapper capInfo = new ReadOnlyStringWrapper(this, "capInfo", "");

    /** The message shown, as last read from {@link #kept}; null when none. */
    private InspectedMessage shown;
    private int pageIndex;
    /** The pretty-printed text of {@link #shown}, computed once when asked for. */
    private JsonPretty.Result prettyResult;
    private long seenVersion = -1;

    public MessageInspectorViewModel(MainViewModel main, EventLogViewModel log) {
        this.main = Objects.requireNonNull(main, "main");
        this.log = Objects.requireNonNull(log, "log");
        this.kept = main.kept();
        paused.set(kept.paused());
        paused.addListener((o, a, b) -> {
            kept.setPaused(b);
            refresh();
        });
        pretty.addListener((o, a, b) -> {
            pageIndex = 0;
            render();
        });
        search.addListener((o, a, b) -> updateMatches());
        log.hideAutomaticProperty().addListener((o, a, b) -> updateMatches());
        log.allConnectionsProperty().addListener((o, a, b) -> updateMatches());
        main.selectedProperty().addListener((o, a, b) -> updateMatches());
        main.addTickObserver(this::refresh);
        refresh();
    }

    // ------------------------------------------------------------------ intents

    /** Shows the message {@code line} is about; a line about no message shows the hint. */
    public void show(LogEntry line) {
        if (line == null || line.message().isNone()) {
            if (shown == null) {
                clear(NOTHING);
            }
            return; // a click on a state line keeps the message in view
        }
        show(line.message().seq());
    }

    /** Shows kept message {@code seq}, or says it is no longer kept. */
    public void show(long seq) {
        if (shown != null && shown.seq() == seq) {
            return;
        }
        current.set(seq);
        Optional<InspectedMessage> m = kept.get(seq);
        if (m.isEmpty()) {
            shown = null;
            clear("That message is not kept: the inspector " + capWords()
                    + ", and keeps none that arrive while it is paused.");
            title.set("Message not kept");
        } else {
            display(m.get());
        }
        updateMatches();
    }

    /** Shows the next kept message of the log's connections that matches the search (any, when it is empty). */
    public void next() {
        step(true);
    }

    public void previous() {
        step(false);
    }

    public void nextPage() {
        if (canNextPage.get()) {
            pageIndex++;
            render();
        }
    }

    public void previousPage() {
        if (canPreviousPage.get()) {
            pageIndex--;
            render();
        }
    }

    private void step(boolean forward) {
        Optional<InspectedMessage> found = kept.find(current.get(), forward, matcher());
        if (found.isEmpty()) {
            matches.set(search.get().isBlank() ? "no messages" : "no match");
            return;
        }
        current.set(found.get().seq());
        display(found.get());
        updateMatches();
    }

    /**
     * Re-reads the kept messages when they changed: the shown send's outcome, the caps' counts, the pause count. Runs
     * after every tick; cheap when nothing changed.
     */
    public void refresh() {
        if (kept.version() == seenVersion) {
            return;
        }
        seenVersion = kept.version();
        capInfo.set("Keeps the last " + String.format(Locale.ROOT, "%,d", kept.maxCount()) + " messages or "
                + mib(kept.maxBytes()) + ", oldest dropped first · " + String.format(Locale.ROOT, "%,d", kept.size())
                + " kept (" + mib(kept.keptBytes()) + ")" + (kept.dropped() == 0 ? ""
                : " · " + String.format(Locale.ROOT, "%,d", kept.dropped()) + " dropped"));
        long missed = kept.missedWhilePaused();
        pauseInfo.set(kept.paused() ? "Paused: " + missed + " new message" + (missed == 1 ? "" : "s") + " not kept"
                : missed > 0 ? missed + " message" + (missed == 1 ? "" : "s") + " arrived while paused (not kept)" : "");
        if (shown != null) {
            kept.get(shown.seq()).filter(m -> m != shown).ifPresent(m -> {
                shown = m;
                showOutcome();
            });
        }
        if (search.get().isBlank()) {
            updateMatches(); // "3 of 240" moves as messages arrive; a search's count is redone when it is asked for
        }
    }

    // ------------------------------------------------------------------ rendering

    private void display(InspectedMessage m) {
        shown = m;
        pageIndex = 0;
        prettyResult = null;
        hint.set("");
        title.set(m.direction().label() + (m.direction() == InspectedMessage.Direction.SENT ? " #" + m.sendId() : "")
                + " · " + m.connectionId().name() + (m.automatic() ? " · automatic" : ""));
        String sizes = String.format(Locale.ROOT, "%,d bytes", m.bytes())
                + (m.binary() ? ", binary" : String.format(Locale.ROOT, ", %,d characters", m.characters()));
        summary.set(TIME.format(Instant.ofEpochMilli(m.ts())) + " · " + sizes);
        canPretty.set(!m.binary());
        showOutcome();
        render();
    }

    private void showOutcome() {
        InspectedMessage m = shown;
        outcomeKind.set(m.outcome());
        outcome.set(switch (m.outcome()) {
            case NONE -> "";
            case PENDING -> "Awaiting confirmation: a pong to a ping sent after it confirms delivery";
            case DELIVERED -> "Delivered: " + m.outcomeDetail();
            case UNCONFIRMED -> "Unconfirmed: " + m.outcomeDetail() + " — it may or may not have arrived";
            case REFUSED -> "Refused, never sent: " + m.outcomeDetail();
        });
    }

    private void render() {
        InspectedMessage m = shown;
        if (m == null) {
            return;
        }
        if (m.binary()) {
            ByteBuffer data = m.data();
            int total = data.remaining();
            int from = pageIndex * HEX_PAGE_BYTES;
            hex.set(true);
            jsonProblem.set("");
            body.set(HexDump.render(data, from, HEX_PAGE_BYTES));
            paging(from, Math.min(total, from + HEX_PAGE_BYTES), total, HEX_PAGE_BYTES, "bytes");
            return;
        }
        hex.set(false);
        String text = m.text();
        if (pretty.get()) {
            if (prettyResult == null) {
                prettyResult = json.pretty(text);
            }
            text = prettyResult.text();
            jsonProblem.set(prettyResult.problem());
        } else {
            jsonProblem.set("");
        }
        if (m.direction() == InspectedMessage.Direction.SENT && m.bytes() > 0 && m.text().isEmpty()) {
            text = "(its text is not kept: the inspector shows the text of messages sent from this window; a session's"
                    + " sends are not carried, as they may hold values from the environment)";
        }
        int from = Math.min(pageIndex * TEXT_PAGE_CHARS, text.length());
        int to = Math.min(text.length(), from + TEXT_PAGE_CHARS);
        body.set(text.substring(from, to));
        paging(from, to, text.length(), TEXT_PAGE_CHARS, "characters");
    }

    private void paging(int from, int to, int total, int pageSize, String unit) {
        canPreviousPage.set(from > 0);
        canNextPage.set(to < total);
        page.set(total <= pageSize ? "" : String.format(Locale.ROOT, "%s %,d–%,d of %,d", unit, from, Math.max(from, to - 1), total));
    }

    private void clear(String why) {
        shown = null;
        prettyResult = null;
        title.set("No message selected");
        summary.set("");
        outcome.set("");
        outcomeKind.set(InspectedMessage.Outcome.NONE);
        body.set("");
        hex.set(false);
        jsonProblem.set("");
        canPretty.set(false);
        page.set("");
        canPreviousPage.set(false);
        canNextPage.set(false);
        hint.set(why);
    }

    // ------------------------------------------------------------------ search

    /** The messages next/previous go through: the log's connections, automatic ones hidden if asked, matching the search. */
    private Predicate<InspectedMessage> matcher() {
        ConnectionViewModel selected = main.selected();
        boolean all = log.allConnectionsProperty().get();
        boolean manualOnly = log.hideAutomaticProperty().get();
        Predicate<InspectedMessage> inScope = m -> (all || selected != null && m.connectionId().equals(selected.id()))
                && !(manualOnly && m.automatic());
        String needle = search.get() == null ? "" : search.get().trim();
        if (needle.isEmpty()) {
            return inScope;
        }
        Pattern p = Pattern.compile(Pattern.quote(needle), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return inScope.and(m -> m.binary() ? HexDump.containsAscii(m.data(), needle) : p.matcher(m.text()).find());
    }

    private void updateMatches() {
        int[] countAndPosition = kept.countAndPosition(current.get(), matcher());
        int count = countAndPosition[0];
        int position = countAndPosition[1];
        String what = search.get().isBlank() ? "message" : "match";
        if (count == 0) {
            matches.set(search.get().isBlank() ? "no messages kept" : "no match");
        } else {
            matches.set((position == 0 ? "" : String.format(Locale.ROOT, "%,d of ", position))
                    + String.format(Locale.ROOT, "%,d ", count) + what + (count == 1 ? "" : what.equals("match") ? "es" : "s"));
        }
    }

    private String capWords() {
        return "keeps the last " + String.format(Locale.ROOT, "%,d", kept.maxCount()) + " messages or " + mib(kept.maxBytes());
    }

    private static String mib(long bytes) {
        double m = bytes / (1024.0 * 1024.0);
        if (bytes % (1024 * 1024) == 0) {
            return String.format(Locale.ROOT, "%d MiB", bytes / (1024 * 1024));
        }
        return m < 0.1 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0) : String.format(Locale.ROOT, "%.1f MiB", m);
    }

    // ------------------------------------------------------------------ properties

    public StringProperty searchProperty() {
        return search;
    }

    /** Pretty-print a text message as JSON (on demand: reading it costs nothing until asked). */
    public BooleanProperty prettyProperty() {
        return pretty;
    }

    /** Stop keeping new messages, to read the kept ones while a fast feed goes on. */
    public BooleanProperty pausedProperty() {
        return paused;
    }

    /** The log's "hide automatic" (responder replies, heartbeats): next/previous skip them too. */
    public BooleanProperty hideAutomaticProperty() {
        return log.hideAutomaticProperty();
    }

    /** The number of the message shown (or asked for and not kept); 0 for none. */
    public ReadOnlyLongProperty currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** Direction and connection: {@code → sent #4 · demo-fast}. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** Time and sizes: {@code 2026-12-04 11:00:01.234 · 42 bytes, 40 characters}. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** A send's outcome in words, updated when it arrives; empty for a received message. */
    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<InspectedMessage.Outcome> outcomeKindProperty() {
        return outcomeKind.getReadOnlyProperty();
    }

    /** The page of the message shown: its text, or lines of hex dump. */
    public ReadOnlyStringProperty bodyProperty() {
        return body.getReadOnlyProperty();
    }

    /** The body is a hex dump (monospaced, not wrapped). */
    public ReadOnlyBooleanProperty hexProperty() {
        return hex.getReadOnlyProperty();
    }

    /** What to do, or why nothing is shown; empty when a message is. */
    public ReadOnlyStringProperty hintProperty() {
        return hint.getReadOnlyProperty();
    }

    /** Why the text is not JSON, when pretty-printing was asked for and failed. */
    public ReadOnlyStringProperty jsonProblemProperty() {
        return jsonProblem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canPrettyProperty() {
        return canPretty.getReadOnlyProperty();
    }

    /** {@code bytes 0–16,383 of 1,048,576} when the message is longer than a page, else empty. */
    public ReadOnlyStringProperty pageProperty() {
        return page.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canPreviousPageProperty() {
        return canPreviousPage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canNextPageProperty() {
        return canNextPage.getReadOnlyProperty();
    }

    /** {@code 3 of 12 matches}, {@code 5 of 240 messages}, {@code no match}. */
    public ReadOnlyStringProperty matchesProperty() {
        return matches.getReadOnlyProperty();
    }

    /** {@code Paused: 12 new messages not kept}. */
    public ReadOnlyStringProperty pauseInfoProperty() {
        return pauseInfo.getReadOnlyProperty();
    }

    /** {@code Keeps the last 1,000 messages or 16 MiB, oldest dropped first · 240 kept (1.2 MiB) · 37 dropped}. */
    public ReadOnlyStringProperty capInfoProperty() {
        return capInfo.getReadOnlyProperty();
    }
}
