package dev.wsmon.app.viewmodel;

import dev.wsmon.core.CloseReport;
import dev.wsmon.core.ConnectionId;
import dev.wsmon.core.ConnectionSnapshot;
import dev.wsmon.core.Durations;
import dev.wsmon.core.Health;
import dev.wsmon.core.HandshakePhase;
import dev.wsmon.core.HandshakeTiming;
import dev.wsmon.core.MonitoredConnection;
import dev.wsmon.core.SendFailure;
import dev.wsmon.core.Settings;
import dev.wsmon.core.State;
import dev.wsmon.core.Utf8;
import dev.wsmon.core.diagnosis.CloseDiagnosis;
import dev.wsmon.core.diagnosis.Diagnosis;
import dev.wsmon.core.event.AdviceGiven;
import dev.wsmon.core.event.AlertChanged;
import dev.wsmon.core.event.AppLatency;
import dev.wsmon.core.event.ConnectionEvent;
import dev.wsmon.core.event.HealthChanged;
import dev.wsmon.core.event.HeartbeatMissed;
import dev.wsmon.core.event.LatencySample;
import dev.wsmon.core.event.MessageDelivered;
import dev.wsmon.core.event.MessageReceived;
import dev.wsmon.core.event.MessageSent;
import dev.wsmon.core.event.PingUnanswered;
import dev.wsmon.core.event.ReconnectScheduled;
import dev.wsmon.core.event.SendFailed;
import dev.wsmon.core.event.SettingsApplied;
import dev.wsmon.core.event.StateChanged;
import dev.wsmon.core.stats.LatencySummary;
import java.net.InetSocketAddress;
import java.time.Duration;
import dev.wsmon.core.session.FeedSession;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One row of the connection table and everything the detail pane shows about it. Owned by the UI thread: the
 * engine's events reach it in batches ({@link #apply}), and its state is re-read from the engine's snapshot on every
 * tick ({@link #refresh}), so what it shows is the engine's truth even when events were merged while hidden.
 */
public final class ConnectionViewModel {

    /** Log lines kept per connection. */
    public static final int LOG_CAP = 5_000;
    private static final int AUTOMATIC_IDS_CAP = 10_000;
    private static final int QUOTE = 160;
    private static final int OWN_SENDS_CAP = 256;

    private final MonitoredConnection connection;
    private final ConnectionId id;
    private final String name;
    private final Lines toLog = new Lines();
    private final ReadOnlyObjectWrapper<ConnectionSpec> spec = new ReadOnlyObjectWrapper<>(this, "spec");
    private final ReadOnlyStringWrapper url = new ReadOnlyStringWrapper(this, "url");
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state");
    private final ReadOnlyStringWrapper timeInState = new ReadOnlyStringWrapper(this, "timeInState", "");
    private final ReadOnlyIntegerWrapper attempt = new ReadOnlyIntegerWrapper(this, "attempt");
    private final ReadOnlyStringWrapper lastRtt = new ReadOnlyStringWrapper(this, "lastRtt", Formats.NONE);
    private final ReadOnlyStringWrapper p95 = new ReadOnlyStringWrapper(this, "p95", Formats.NONE);
    private final ReadOnlyStringWrapper loss = new ReadOnlyStringWrapper(this, "loss", Formats.NONE);
    private final ReadOnlyDoubleWrapper p50Millis = new ReadOnlyDoubleWrapper(this, "p50Millis", Double.NaN);
    private final ReadOnlyDoubleWrapper p95Millis = new ReadOnlyDoubleWrapper(this, "p95Millis", Double.NaN);
    private final ReadOnlyStringWrapper nextReconnect = new ReadOnlyStringWrapper(this, "nextReconnect", "");
    private final ReadOnlyStringWrapper lastClose = new ReadOnlyStringWrapper(this, "lastClose", "");
    private final ReadOnlyStringWrapper handshake = new ReadOnlyStringWrapper(this, "handshake", "");
    private final ReadOnlyObjectWrapper<Settings> settings = new ReadOnlyObjectWrapper<>(this, "settings");
    private final ReadOnlyBooleanWrapper wanted = new ReadOnlyBooleanWrapper(this, "wanted");
    private final ReadOnlyObjectWrapper<FaultRoute> route = new ReadOnlyObjectWrapper<>(this, "route");
    /** The first attempt that goes through {@link #route}; attempts before it went straight to the host. */
    private int routedFromAttempt;
    private final ReadOnlyBooleanWrapper routeActive = new ReadOnlyBooleanWrapper(this, "routeActive");
    /** The engine's last health event: null before the first. */
    private final ReadOnlyObjectWrapper<Health> health = new ReadOnlyObjectWrapper<>(this, "health");
    private final ReadOnlyStringWrapper healthBadge = new ReadOnlyStringWrapper(this, "healthBadge", "");
    private final ReadOnlyStringWrapper healthTooltip = new ReadOnlyStringWrapper(this, "healthTooltip", "");
    private final ObservableList<LogEntry> log = FXCollections.observableArrayList();
    /** Feed session: automatic sends and the messages they answer are counted here instead of logged one by one. */
    private final BooleanProperty logAutomatic = new SimpleBooleanProperty(this, "logAutomatic", false);
    private final ReadOnlyStringWrapper automaticSummary = new ReadOnlyStringWrapper(this, "automaticSummary", "");
    private final Map<String, Long> automaticSent = new LinkedHashMap<>();
    /** Automatic sends whose outcome is still to come; their delivery is not logged either. */
    private final Set<Long> automaticIds = new HashSet<>();
    private long automaticReceived;
    private long heartbeatsMissed;
    private boolean automaticChanged;
    /** The session's regexes, to tell which received messages belong to its automatic exchanges. */
    private List<Pattern> automaticIn = List.of();
    private FeedSession session;
    private final LatencyHistory history;
    /** Where this connection's messages are kept whole for the inspector; shared by every connection of the window. */
    private final KeptMessages kept;
    /** Texts of the operator's sends not yet accepted or refused, by send id: a refused send never has a MessageSent. */
    private final Map<Long, String> ownSends = new LinkedHashMap<>();
    private LatencySummary summary;
    /** The app's clock, epoch milliseconds. */
    private final LongSupplier clock;

    public ConnectionViewModel(MonitoredConnection connection, ConnectionSpec spec, LongSupplier clock) {
        this(connection, spec, clock, new KeptMessages());
    }

    public ConnectionViewModel(MonitoredConnection connection, ConnectionSpec spec, LongSupplier clock, KeptMessages kept) {
        this.kept = Objects.requireNonNull(kept, "kept");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.clock = Objects.requireNonNull(clock, "clock");
        long now = clock.getAsLong();
        this.id = connection.id();
        this.name = id.name();
        ConnectionSnapshot s = connection.snapshot();
        this.history = new LatencyHistory(now, s.state(), s.attempt() == 0);
        this.summary = LatencySummary.empty(Duration.ofMinutes(1));
        setSpec(spec);
        state.set(s.state());
        settings.set(s.settings());
    }

    // ------------------------------------------------------------------ commands (UI thread; none of them blocks)

    public void connect() {
        connection.open();
    }

    public void disconnect() {
        connection.close(1000, "closed by operator");
    }

    public void reconnectNow() {
        connection.reconnectNow();
    }

    /** @return the send's id; its outcome arrives as an event */
    public long send(String text) {
        long sendId = connection.send(text).id();
        ownSends.put(sendId, text);
        if (ownSends.size() > OWN_SENDS_CAP) { // their outcomes never came (the window was hidden and they were merged away)
            ownSends.remove(ownSends.keySet().iterator().next());
        }
        return sendId;
    }

    public void applySettings(Settings value) {
        connection.applySettings(value);
    }

    /** The connection as defined; its endpoint applies from the next attempt. */
    void setSpec(ConnectionSpec value) {
        spec.set(Objects.requireNonNull(value, "spec"));
        List<Pattern> in = new ArrayList<>();
        value.session().responders().forEach(r -> in.add(Pattern.compile(r.regex())));
        value.session().heartbeat().flatMap(h -> h.expectPattern()).ifPresent(in::add);
        automaticIn = List.copyOf(in);
        if (session != null) {
            session.reconfigure(value.session());
        }
        url.set(value.displayUrl());
        connection.setEndpoint(endpointFor(value, route.get()));
    }

    /** The feed session watching this connection; {@link #setSpec} reconfigures it. */
    void attachSession(FeedSession value) {
        session = Objects.requireNonNull(value, "session");
    }

    /** Routes the connection through {@code value} from the next attempt, or straight again when null. */
    void setRoute(FaultRoute value) {
        route.set(value);
        routedFromAttempt = value == null ? 0 : connection.snapshot().attempt() + 1;
        connection.setEndpoint(endpointFor(spec.get(), value));
        routeActive.set(false);
    }

    /** A route already in place before the first attempt (the demo's). */
    void setInitialRoute(FaultRoute value) {
        setRoute(value);
        routedFromAttempt = 1;
    }

    private static dev.wsmon.core.Endpoint endpointFor(ConnectionSpec spec, FaultRoute route) {
        return spec.endpoint().withVia(route == null ? Optional.empty() : Optional.of((InetSocketAddress) route.address()));
    }

    // ------------------------------------------------------------------ batches from the engine (UI thread)

    /**
     * Applies a batch of this connection's events, in order; events of any other connection instance are ignored.
     *
     * @return the log lines it added
     */
    public List<LogEntry> apply(List<ConnectionEvent> events, int dropped) {
        List<LogEntry> lines = new ArrayList<>();
        if (dropped > 0) {
            lines.add(new LogEntry(clock.getAsLong(), name, LogKind.INFO, dropped
                    + " older events were merged away while the window was hidden", ""));
        }
        for (ConnectionEvent e : events) {
            if (!e.connectionId().equals(id)) {
                continue; // another instance of the name: a removed connection's late events are not this one's
            }
            LogEntry line = e.accept(toLog);
            if (line != null) {
                lines.add(line);
            }
        }
        if (automaticChanged) {
            automaticChanged = false;
            automaticSummary.set(describeAutomatic());
        }
        appendLog(lines);
        return lines;
    }

    /** Adds lines to this connection's log, keeping the newest {@link #LOG_CAP}. */
    public void appendLog(List<LogEntry> lines) {
        if (lines.isEmpty()) {
            return;
        }
        log.addAll(lines);
        int excess = log.size() - LOG_CAP;
        if (excess > 0) {
            log.remove(0, excess);
        }
    }

    /**
     * Turns each event into its log line (or none) and feeds the chart; one method per event type, so a new event
     * type does not compile until the view model says what it shows.
     */
    private final class Lines implements ConnectionEvent.Visitor<LogEntry> {

        @Override
        public LogEntry latencySample(LatencySample s) {
            history.add(s.ts(), s.rtt());
            return null; // samples go to the chart only
        }

        @Override
        public LogEntry stateChanged(StateChanged s) {
            long ts = s.ts();
            history.state(ts, s.state());
            if (s.state() == State.CLOSED && s.close().isPresent()) {
                return closeLine(ts, s.close().get());
            }
            String text = switch (s.state()) {
                case CONNECTING -> "CONNECTING, attempt " + s.attempt() + " to " + url.get()
                        + (route.get() != null && s.attempt() >= routedFromAttempt ? " via fault proxy " + hostPort(route.get().address()) : "");
                case OPEN -> "OPEN, attempt " + s.attempt() + (s.subprotocol().isEmpty() ? "" : ", subprotocol " + s.subprotocol())
                        + (s.extensions().isEmpty() ? "" : ", " + s.extensions()) + openedIn(s);
                case CLOSING -> "CLOSING" + s.initiator().map(i -> ", started by " + i.token()).orElse("");
                case CLOSED -> "CLOSED";
            };
            return new LogEntry(ts, name, LogKind.STATE, text, "");
        }

        @Override
        public LogEntry reconnectScheduled(ReconnectScheduled r) {
            return new LogEntry(r.ts(), name, LogKind.RECONNECT, "reconnect attempt " + r.attempt() + " in "
                    + Formats.measured(r.delay()) + " (" + r.basis() + ")", "");
        }

        @Override
        public LogEntry settingsApplied(SettingsApplied a) {
            String change = TuningViewModel.describeChange(a.previous(), a.settings());
            history.mark(a.ts(), change.isEmpty() ? "settings" : change);
            return new LogEntry(a.ts(), name, LogKind.SETTINGS, change.isEmpty()
                    ? "settings applied live (no change)" : "settings applied live, no reconnect: " + change, "");
        }

        @Override
        public LogEntry healthChanged(HealthChanged e) {
            history.health(e.ts(), e.health(), e.reasons()); // for the timeline
            Settings s = settings.get() == null ? Settings.DEFAULTS : settings.get();
            health.set(e.health());
            healthBadge.set(e.health() == Health.HEALTHY ? "" : e.health().name());
            healthTooltip.set(e.health() == Health.HEALTHY ? "" : HealthWords.tooltip(e.health(), e.reasons(), s));
            return new LogEntry(e.ts(), name, LogKind.HEALTH, HealthWords.line(e.health(), e.reasons(), s), "");
        }

        @Override
        public LogEntry appLatency(AppLatency e) {
            history.addApp(e.ts(), e.rtt());
            return null; // charted as the second series, like keepalive samples
        }

        @Override
        public LogEntry heartbeatMissed(HeartbeatMissed e) {
            heartbeatsMissed++;
            automaticChanged = true;
            return new LogEntry(e.ts(), name, LogKind.KEEPALIVE, "heartbeat not answered within "
                    + Formats.measured(e.timeout()) + " (the link may be up while the feed is not)", "");
        }

        @Override
        public LogEntry alertChanged(AlertChanged e) {
            String why = e.reasons().isEmpty() ? "" : e.reasons().stream().map(dev.wsmon.core.HealthReason::token)
                    .collect(java.util.stream.Collectors.joining(", ", " (", ")"));
            String since = new LogEntry(e.sinceMs(), name, LogKind.ALERT, "", "").time();
            return e.firing()
                    ? new LogEntry(e.ts(), name, LogKind.ALERT, "ALERT firing: " + e.health() + why + " since " + since,
                            "Held for the alert delay (" + Formats.measured(settings.get().alertAfter()) + ").")
                    : new LogEntry(e.ts(), name, LogKind.ALERT, "alert resolved: HEALTHY since " + since, "");
        }

        @Override
        public LogEntry adviceGiven(AdviceGiven e) {
            String suggest = new java.util.TreeMap<>(e.suggest()).entrySet().stream()
                    .map(x -> AlertsViewModel.setting(x.getKey()).map(dev.wsmon.core.Setting::words).orElse(x.getKey())
                            + " " + x.getValue())
                    .collect(java.util.stream.Collectors.joining(", "));
            return new LogEntry(e.ts(), name, LogKind.ADVICE, "advice (" + e.kind() + "): " + e.detail(),
                    suggest.isEmpty() ? "" : "Apply " + suggest + " with one click in the Alerts panel.");
        }

        @Override
        public LogEntry messageSent(MessageSent m) {
            // the engine's event carries no text (a session's expanded ${ENV} must not travel): the operator's own
            // sends are known here, a session's are shown without their text
            String own = ownSends.remove(m.id());
            String text = own == null ? "" : own;
            long seq = kept.nextSeq();
            kept.add(InspectedMessage.sent(seq, id, m.ts(), m.id(), m.size(), text, InspectedMessage.Outcome.PENDING,
                    "", m.automatic()));
            MessageRef ref = new MessageRef(seq, m.automatic());
            if (m.automatic()) {
                automaticSent.merge(m.by(), 1L, Long::sum);
                automaticChanged = true;
                if (automaticIds.size() > AUTOMATIC_IDS_CAP) {
                    automaticIds.clear(); // outcomes lost to a flood are logged, not leaked
                }
                automaticIds.add(m.id());
                if (!logAutomatic.get()) {
                    return null; // still kept for the inspector, marked automatic
                }
                return new LogEntry(m.ts(), name, LogKind.MESSAGE, "→ #" + m.id() + " sent automatically (" + m.by()
                        + "), " + m.size() + " bytes", "", ref);
            }
            return new LogEntry(m.ts(), name, LogKind.MESSAGE, "→ #" + m.id() + " sent, " + m.size() + " bytes"
                    + (text.isEmpty() ? "" : ": " + quote(text)), "", ref);
        }

        @Override
        public LogEntry messageDelivered(MessageDelivered d) {
            String how = "confirmed by a pong after " + Formats.rtt(d.confirm());
            MessageRef ref = outcome(d.id(), InspectedMessage.Outcome.DELIVERED, how);
            if (automaticIds.remove(d.id()) && !logAutomatic.get()) {
                return null;
            }
            return new LogEntry(d.ts(), name, LogKind.MESSAGE, "✓ #" + d.id() + " delivered, " + how, "", ref);
        }

        @Override
        public LogEntry sendFailed(SendFailed f) {
            automaticIds.remove(f.id()); // a failure is worth its line even for an automatic send
            String why = f.reason().token() + (f.detail().isEmpty() ? "" : " (" + f.detail() + ")");
            MessageRef ref;
            if (f.reason() == SendFailure.UNCONFIRMED) {
                ref = outcome(f.id(), InspectedMessage.Outcome.UNCONFIRMED, why);
            } else { // refused before it was accepted: no MessageSent came, so this is the message's first appearance
                String text = ownSends.remove(f.id());
                long seq = kept.nextSeq();
                kept.add(InspectedMessage.sent(seq, id, f.ts(), f.id(), text == null ? 0 : Utf8.length(text),
                        text, InspectedMessage.Outcome.REFUSED, why, false));
                ref = new MessageRef(seq, false);
            }
            return new LogEntry(f.ts(), name, LogKind.MESSAGE, "✗ #" + f.id() + " not delivered: " + why, "", ref);
        }

        @Override
        public LogEntry messageReceived(MessageReceived m) {
            // what the session answers or expects (a protocol ping, a heartbeat's reply) is automatic traffic
            boolean automatic = !m.binary() && automaticIn.stream().anyMatch(p -> p.matcher(m.text()).matches());
            long seq = kept.nextSeq();
            kept.add(InspectedMessage.received(seq, id, m.ts(), m.binary(), m.size(), m.text(), m.data(), automatic));
            if (automatic && !logAutomatic.get()) {
                automaticReceived++;
                automaticChanged = true;
                return null; // still kept for the inspector, marked automatic
            }
            String body = m.binary() ? "binary" : quote(m.text());
            return new LogEntry(m.ts(), name, LogKind.MESSAGE, "← " + m.size() + " bytes: " + body, "",
                    new MessageRef(seq, automatic));
        }

        @Override
        public LogEntry pingUnanswered(PingUnanswered p) {
            return new LogEntry(p.ts(), name, LogKind.KEEPALIVE, "ping #" + p.pingSeq() + " unanswered after "
                    + Formats.measured(p.waited()), "");
        }
    }

    /** Records a kept send's outcome; the line refers to the send (kept or not: the inspector says which). */
    private MessageRef outcome(long sendId, InspectedMessage.Outcome outcome, String detail) {
        Optional<InspectedMessage> sent = kept.send(id, sendId);
        kept.outcome(id, sendId, outcome, detail);
        return sent.map(m -> new MessageRef(m.seq(), m.automatic())).orElse(MessageRef.NONE);
    }

    private LogEntry closeLine(long ts, CloseReport r) {
        Diagnosis d = CloseDiagnosis.explain(r, settings.get() == null ? Settings.DEFAULTS : settings.get(),
                connection.latency(Duration.ofMinutes(1)));
        String head = "CLOSED " + CloseDiagnosis.describeCode(r.code()) + " · " + r.cause().token() + " · "
                + r.initiator().token() + r.phase().map(p -> " · during " + p.label()).orElse("");
        lastClose.set(CloseDiagnosis.detail(r));
        return new LogEntry(ts, name, LogKind.CLOSE, head + " — " + d.summary(), d.suggestion().orElse(""));
    }

    /** Records the OPEN's handshake timing for the tooltip; the log line's tail, or empty without timing. */
    private String openedIn(StateChanged s) {
        String timing = s.timing().map(ConnectionViewModel::describeTiming).orElse("");
        handshake.set(timing);
        return timing.isEmpty() ? "" : " · handshake " + timing;
    }

    /** The phases that happened, in order: {@code DNS lookup 0.4 ms, TCP connect 0.31 ms, HTTP upgrade 2.2 ms}. */
    public static String describeTiming(HandshakeTiming t) {
        StringBuilder b = new StringBuilder();
        for (HandshakePhase phase : HandshakePhase.values()) {
            t.of(phase).ifPresent(d -> b.append(b.length() == 0 ? "" : ", ").append(phase.label()).append(' ')
                    .append(Formats.measured(d)));
        }
        return b.toString();
    }

    private static String quote(String text) {
        String flat = text.replaceAll("[\\r\\n\\t]+", " ");
        return flat.length() > QUOTE ? flat.substring(0, QUOTE) + "…" : flat;
    }

    static String hostPort(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }

    /**
     * Re-reads the engine's snapshot (state, reconnect countdown) and, when {@code routine} or the state changed, the
     * time in state; with {@code routine}, also the latency over {@code window}. Time in state ticks once a second at
     * each connection's own phase: refreshed at any tick, it would redraw the table at as many moments as there are
     * connections.
     */
    public void refresh(long now, Duration window, boolean routine) {
        ConnectionSnapshot s = connection.snapshot();
        boolean changed = s.state() != state.get();
        state.set(s.state());
        if (routine || changed) {
            timeInState.set(Formats.elapsed(s.timeInState()));
        }
        attempt.set(s.attempt());
        wanted.set(s.wanted());
        settings.set(s.settings());
        nextReconnect.set(s.nextReconnectIn().map(d -> "in " + Formats.elapsed(d)).orElse(""));
        routeActive.set(route.get() != null && s.attempt() >= routedFromAttempt && routedFromAttempt > 0
                && s.state() != State.CLOSED);
        history.age(now);
        if (routine) {
            summary = connection.latency(window);
            lastRtt.set(Formats.rtt(summary.last()));
            p95.set(Formats.rtt(summary.p95()));
            loss.set(summary.samples() + summary.lost() == 0 ? Formats.NONE : Formats.percent(summary.lossRatio()));
            p50Millis.set(summary.p50().map(Formats::millis).orElse(Double.NaN));
            p95Millis.set(summary.p95().map(Formats::millis).orElse(Double.NaN));
        }
    }

    // ------------------------------------------------------------------ read-only state

    public String name() {
        return name;
    }

    /** The engine's connection instance this row shows; only its events are applied. */
    public ConnectionId id() {
        return id;
    }

    public ConnectionSpec spec() {
        return spec.get();
    }

    public ReadOnlyObjectProperty<ConnectionSpec> specProperty() {
        return spec.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty urlProperty() {
        return url.getReadOnlyProperty();
    }

    public State state() {
        return state.get();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty timeInStateProperty() {
        return timeInState.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty attemptProperty() {
        return attempt.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lastRttProperty() {
        return lastRtt.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty p95Property() {
        return p95.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lossProperty() {
        return loss.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty p50MillisProperty() {
        return p50Millis.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty p95MillisProperty() {
        return p95Millis.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty nextReconnectProperty() {
        return nextReconnect.getReadOnlyProperty();
    }

    /** How long each phase of the last opening took, e.g. {@code TCP connect 0.31 ms, HTTP upgrade 2.2 ms}; empty before the first OPEN. */
    public ReadOnlyStringProperty handshakeProperty() {
        return handshake.getReadOnlyProperty();
    }

    /** The last close in one short sentence, or empty. */
    public ReadOnlyStringProperty lastCloseProperty() {
        return lastClose.getReadOnlyProperty();
    }

    public Settings settings() {
        return settings.get();
    }

    public ReadOnlyObjectProperty<Settings> settingsProperty() {
        return settings.getReadOnlyProperty();
    }

    /** Whether the operator wants it connected (auto-reconnect goes on) or closed it. */
    public ReadOnlyBooleanProperty wantedProperty() {
        return wanted.getReadOnlyProperty();
    }

    public FaultRoute route() {
        return route.get();
    }

    public ReadOnlyObjectProperty<FaultRoute> routeProperty() {
        return route.getReadOnlyProperty();
    }

    /** Whether the current attempt goes through {@link #route()}. */
    /** The connection's health from its last health event; null before the first. */
    public ReadOnlyObjectProperty<Health> healthProperty() {
        return health.getReadOnlyProperty();
    }

    /** The badge beside the state: {@code DEGRADED} or {@code DOWN}, empty while healthy (or not yet known). */
    public ReadOnlyStringProperty healthBadgeProperty() {
        return healthBadge.getReadOnlyProperty();
    }

    /** The badge's tooltip: the health and its reasons in plain words, empty while healthy. */
    public ReadOnlyStringProperty healthTooltipProperty() {
        return healthTooltip.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty routeActiveProperty() {
        return routeActive.getReadOnlyProperty();
    }

    /** The newest {@link #LOG_CAP} lines, oldest first. */
    public ObservableList<LogEntry> log() {
        return log;
    }

    /** Whether automatic sends (responders, heartbeat) and the messages they answer are logged one by one. */
    public BooleanProperty logAutomaticProperty() {
        return logAutomatic;
    }

    /** Counts of what the feed session did automatically, for the log's header; empty before anything. */
    public ReadOnlyStringProperty automaticSummaryProperty() {
        return automaticSummary.getReadOnlyProperty();
    }

    private String describeAutomatic() {
        List<String> parts = new ArrayList<>();
        automaticSent.forEach((by, n) -> parts.add(by + " sent " + n));
        if (automaticReceived > 0) {
            parts.add(automaticReceived + " received");
        }
        if (heartbeatsMissed > 0) {
            parts.add(heartbeatsMissed + " heartbeat" + (heartbeatsMissed == 1 ? "" : "s") + " missed");
        }
        return parts.isEmpty() ? "" : "Automatic: " + String.join(" · ", parts);
    }

    public LatencyHistory history() {
        return history;
    }

    public LatencySummary summary() {
        return summary;
    }

    /** Where this connection's messages are kept whole, shared with the other connections of its window. */
    public KeptMessages kept() {
        return kept;
    }

    public MonitoredConnection engine() {
        return connection;
    }
}
