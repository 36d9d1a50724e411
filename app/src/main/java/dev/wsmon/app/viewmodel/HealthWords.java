package dev.wsmon.app.viewmodel;

import dev.wsmon.core.Health;
import dev.wsmon.core.HealthReason;
import dev.wsmon.core.Settings;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Health and its reasons in plain words, with the thresholds in effect: for the table's tooltip and the log. */
public final class HealthWords {

    private HealthWords() {
    }

    /** One reason as a sentence fragment, e.g. {@code no data message for 10 s (pongs do not count)}. */
    public static String reason(HealthReason r, Settings s) {
        return switch (r) {
            case STALE -> "no data message for " + Formats.duration(s.staleAfter()) + " while open (pongs do not count)";
            case RTT_HIGH -> "keepalive RTT p95 over the last minute above " + Formats.duration(s.degradedRtt());
            case LOSS -> "more than " + number(s.degradedLoss()) + " % of keepalive pings unanswered in the last minute";
            case HEARTBEAT_MISSED -> "the application heartbeat got no reply in time";
            case FLAPPING -> "the connection dropped more than 3 times in 5 minutes";
            case CLOSED -> "not connected";
        };
    }

    /** The log line's text: {@code health DEGRADED: no data message for 10 s …}, or {@code health HEALTHY}. */
    public static String line(Health health, Set<HealthReason> reasons, Settings s) {
        return "health " + health.name() + (reasons.isEmpty() ? "" : ": " + reasons.stream()
                .map(r -> reason(r, s)).collect(Collectors.joining("; ")));
    }

    /** The badge's tooltip: the health, then one reason per line. */
    public static String tooltip(Health health, Set<HealthReason> reasons, Settings s) {
        StringBuilder b = new StringBuilder(health.name());
        b.append(health == Health.DOWN ? " — the connection is not open" : health == Health.DEGRADED
                ? " — open, but not delivering as it should" : "");
        for (HealthReason r : reasons) {
            b.append("\n• ").append(capitalise(reason(r, s)));
        }
        return b.toString();
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
