package dev.wsmon.app.viewmodel;

import dev.wsmon.core.Durations;
import dev.wsmon.core.Health;
import dev.wsmon.core.HealthReason;
import dev.wsmon.core.Setting;
import dev.wsmon.core.Settings;
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
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Alerts and advice in the desktop: the list of firing and recent alerts, a notification per alert through the
 * desktop's service (or the in-window banner when there is none), per-connection mute and snooze, and the advice hint of
 * the selected connection with the one action that applies it live. Owned by the UI thread; events arrive with the
 * tick.
 */
public final class AlertsViewModel {

    /** Alerts kept in the list, newest first. */
    public static final int RECENT_CAP = 50;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    /** How a connection's alerts are kept quiet: no notification, no banner; they are still listed and logged. */
    public enum Silence {
        SNOOZE_15_MIN("Snooze 15 min", Duration.ofMinutes(15)),
        SNOOZE_1_H("Snooze 1 h", Duration.ofHours(1)),
        UNTIL_RESOLVED("Snooze until resolved", null),
        MUTED("Mute", null);

        private final String label;
        private final Duration length;

        Silence(String label, Duration length) {
            this.label = label;
            this.length = length;
        }

        public String label() {
            return label;
        }
    }

    /** One alert as listed. */
    public record AlertItem(String connection, boolean firing, Health health, Set<HealthReason> reasons, long sinceMs,
                            long ts) {
        public String text() {
            String why = reasons.isEmpty() ? ""
                    : reasons.stream().map(HealthReason::token).collect(Collectors.joining(", ", " (", ")"));
            return TIME.format(Instant.ofEpochMilli(ts)) + "  " + connection + "  "
                    + (firing ? "FIRING " + health + why + " since " + TIME.format(Instant.ofEpochMilli(sinceMs))
                    : "resolved, HEALTHY since " + TIME.format(Instant.ofEpochMilli(sinceMs)));
        }
    }

    /** Advice for one connection, and the settings it suggests (contract spelling: {@code ping_interval} → {@code 2s}). */
    public record Hint(String connection, String kind, String detail, Map<String, String> suggest) {
        public Hint {
            suggest = Map.copyOf(suggest);
        }

        /** The button's words: {@code Apply ping interval 2s}. */
        public String action() {
            return "Apply " + new TreeMap<>(suggest).entrySet().stream()
                    .map(e -> setting(e.getKey()).map(Setting::words).orElse(e.getKey()) + " " + e.getValue())
                    .collect(Collectors.joining(", "));
        }
    }

    private record Quiet(Silence silence, long untilMs) {
    }

    private final MainViewModel main;
    private final Notifier notifier;
    private final ObservableList<AlertItem> recent = FXCollections.observableArrayList();
    private final Set<String> firing = new HashSet<>();
    private final ReadOnlyIntegerWrapper firingCount = new ReadOnlyIntegerWrapper(this, "firingCount");
    private final ReadOnlyStringWrapper banner = new ReadOnlyStringWrapper(this, "banner", "");
    private final Map<String, Quiet> quiet = new HashMap<>();
    /** Per connection, its advice by kind, the most recent last: the newest is shown, the next after it is handled. */
    private final Map<String, java.util.LinkedHashMap<String, Hint>> hints = new HashMap<>();
    private final ReadOnlyObjectWrapper<Hint> selectedHint = new ReadOnlyObjectWrapper<>(this, "selectedHint");
    private final ReadOnlyStringWrapper selectedSilence = new ReadOnlyStringWrapper(this, "selectedSilence", "");
    private final Events events = new Events();

    public AlertsViewModel(MainViewModel main, Notifier notifier) {
        this.main = Objects.requireNonNull(main, "main");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        main.addEventObserver(e -> e.accept(events));
        main.selectedProperty().addListener((o, a, b) -> refreshSelected());
        main.addTickObserver(this::refreshSelected); // a snooze runs out with the clock
    }

    // ------------------------------------------------------------------ commands

    /** Keeps {@code connection}'s alerts quiet as {@code how} says. */
    public void silence(String connection, Silence how) {
        long until = how.length == null ? 0 : main.now() + how.length.toMillis();
        quiet.put(connection, new Quiet(how, until));
        main.find(connection).ifPresent(vm -> main.note(vm, LogKind.ALERT, "alerts: " + describe(quiet.get(connection)),
                "Listed and logged still; no notification until then."));
        refreshSelected();
    }

    /** Notifies {@code connection}'s alerts again. */
    public void unsilence(String connection) {
        if (quiet.remove(connection) != null) {
            main.find(connection).ifPresent(vm -> main.note(vm, LogKind.ALERT, "alerts: notifications on again", ""));
        }
        refreshSelected();
    }

    /** What keeps the connection quiet now, if anything. */
    public Optional<Silence> silenceOf(String connection) {
        Quiet q = quiet.get(connection);
        if (q != null && q.untilMs > 0 && main.now() >= q.untilMs) {
            quiet.remove(connection);
            q = null;
        }
        return Optional.ofNullable(q).map(Quiet::silence);
    }

    /** Applies the selected connection's hint live (an audited settings change like any other), and drops it. */
    public boolean applySelectedHint() {
        Hint h = selectedHint.get();
        if (h == null) {
            return false;
        }
        Optional<ConnectionViewModel> target = main.find(h.connection());
        if (target.isEmpty()) {
            return false;
        }
        ConnectionViewModel vm = target.get();
        Settings.Builder b = vm.settings().toBuilder();
        try {
            for (Map.Entry<String, String> e : h.suggest().entrySet()) {
                Setting s = setting(e.getKey()).orElseThrow(() -> new IllegalArgumentException("unknown setting " + e.getKey()));
                s.set(b, s.parse(e.getValue()));
            }
            Settings next = b.build();
            vm.applySettings(next);
        } catch (IllegalArgumentException e) {
            main.say("The advice for " + vm.name() + " cannot be applied: " + e.getMessage());
            return false;
        }
        main.note(vm, LogKind.ADVICE, "advice applied (" + h.kind() + "): " + h.action().substring("Apply ".length()),
                "Applied live, without reconnecting; the settings line follows.");
        main.say("Applied to " + vm.name() + ": " + h.action().substring("Apply ".length()) + ".");
        drop(h);
        refreshSelected();
        return true;
    }

    public void dismissSelectedHint() {
        Hint h = selectedHint.get();
        if (h != null) {
            drop(h);
        }
        refreshSelected();
    }

    private void drop(Hint h) {
        var mine = hints.get(h.connection());
        if (mine != null) {
            mine.remove(h.kind());
        }
    }

    public void dismissBanner() {
        banner.set("");
    }

    // ------------------------------------------------------------------ properties

    /** Firing and recent alerts, newest first. */
    public ObservableList<AlertItem> recent() {
        return recent;
    }

    public ReadOnlyIntegerProperty firingCountProperty() {
        return firingCount.getReadOnlyProperty();
    }

    /** The in-window banner's text, empty when hidden: alerts the notification service did not take. */
    public ReadOnlyStringProperty bannerProperty() {
        return banner.getReadOnlyProperty();
    }

    /** The selected connection's advice, or null. */
    public ReadOnlyObjectProperty<Hint> selectedHintProperty() {
        return selectedHint.getReadOnlyProperty();
    }

    /** How the selected connection's alerts are kept quiet, in words, or empty. */
    public ReadOnlyStringProperty selectedSilenceProperty() {
        return selectedSilence.getReadOnlyProperty();
    }

    // ------------------------------------------------------------------ events

    private void alert(AlertChanged e) {
        String conn = e.connection();
        recent.add(0, new AlertItem(conn, e.firing(), e.health(), e.reasons(), e.sinceMs(), e.ts()));
        if (recent.size() > RECENT_CAP) {
            recent.remove(RECENT_CAP, recent.size());
        }
        if (e.firing()) {
            firing.add(conn);
        } else {
            firing.remove(conn);
        }
        firingCount.set(firing.size());
        Optional<Silence> silence = silenceOf(conn);
        if (!e.firing() && silence.equals(Optional.of(Silence.UNTIL_RESOLVED))) {
            quiet.remove(conn); // it resolved: the next one notifies again
            refreshSelected();
            return;
        }
        if (silence.isPresent()) {
            return;
        }
        String title = e.firing() ? "wsmon: " + conn + " is " + e.health() : "wsmon: " + conn + " recovered";
        String body = e.firing()
                ? "Not HEALTHY since " + TIME.format(Instant.ofEpochMilli(e.sinceMs()))
                        + (e.reasons().isEmpty() ? "" : ": " + e.reasons().stream().map(HealthReason::token)
                        .collect(Collectors.joining(", ")))
                : "HEALTHY again since " + TIME.format(Instant.ofEpochMilli(e.sinceMs())) + "; alert resolved";
        notifier.notify(title, body, shown -> {
            if (!shown) {
                main.post(() -> banner.set(title + " — " + body));
            }
        });
    }

    private void advice(AdviceGiven e) {
        if (!e.suggest().isEmpty()) {
            var mine = hints.computeIfAbsent(e.connection(), k -> new java.util.LinkedHashMap<>());
            mine.remove(e.kind()); // the newest of a kind replaces the older and goes last
            mine.put(e.kind(), new Hint(e.connection(), e.kind(), e.detail(), e.suggest()));
            refreshSelected();
        }
    }

    private void refreshSelected() {
        ConnectionViewModel vm = main.selected();
        var mine = vm == null ? null : hints.get(vm.name());
        selectedHint.set(mine == null || mine.isEmpty() ? null : List.copyOf(mine.values()).get(mine.size() - 1));
        selectedSilence.set(vm == null ? "" : silenceOf(vm.name()).map(s -> describe(quiet.get(vm.name()))).orElse(""));
    }

    private static String describe(Quiet q) {
        return switch (q.silence) {
            case MUTED -> "muted";
            case UNTIL_RESOLVED -> "snoozed until resolved";
            default -> "snoozed until " + TIME.format(Instant.ofEpochMilli(q.untilMs));
        };
    }

    /** The setting a suggestion names in the contract's spelling ({@code ping_interval}). */
    static Optional<Setting> setting(String snake) {
        for (Setting s : Setting.values()) {
            if (s.key().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT).equals(snake)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Only alerts and advice concern this view model. */
    private final class Events implements ConnectionEvent.Visitor<Void> {
        @Override
        public Void alertChanged(AlertChanged e) {
            alert(e);
            return null;
        }

        @Override
        public Void adviceGiven(AdviceGiven e) {
            advice(e);
            return null;
        }

        @Override
        public Void stateChanged(StateChanged e) {
            return null;
        }

        @Override
        public Void latencySample(LatencySample e) {
            return null;
        }

        @Override
        public Void pingUnanswered(PingUnanswered e) {
            return null;
        }

        @Override
        public Void reconnectScheduled(ReconnectScheduled e) {
            return null;
        }

        @Override
        public Void messageSent(MessageSent e) {
            return null;
        }

        @Override
        public Void messageDelivered(MessageDelivered e) {
            return null;
        }

        @Override
        public Void sendFailed(SendFailed e) {
            return null;
        }

        @Override
        public Void messageReceived(MessageReceived e) {
            return null;
        }

        @Override
        public Void settingsApplied(SettingsApplied e) {
            return null;
        }

        @Override
        public Void healthChanged(HealthChanged e) {
            return null;
        }

        @Override
        public Void appLatency(AppLatency e) {
            return null;
        }

        @Override
        public Void heartbeatMissed(HeartbeatMissed e) {
            return null;
        }
    }
}
