package dev.wsmon.app.alerting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wsmon.app.headless.EventJson;
import dev.wsmon.core.HealthReason;
import dev.wsmon.core.event.AlertChanged;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

/** An alert in words for people (chat, notifications), and as the webhook's JSON body. */
public final class AlertText {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private AlertText() {
    }

    /** {@code wsmon: feed is DOWN (closed) since 2026-12-04 11:02:03 UTC}, or {@code … is HEALTHY again since …}. */
    public static String sentence(AlertChanged e) {
        String since = UTC.format(Instant.ofEpochMilli(e.sinceMs()));
        if (e.firing()) {
            return "wsmon: " + e.connection() + " is " + e.health() + reasons(e) + " since " + since;
        }
        return "wsmon: " + e.connection() + " is HEALTHY again since " + since + " (alert resolved)";
    }

    /** {@code  (stale, rtt-high)}, or nothing when there are no reasons. */
    public static String reasons(AlertChanged e) {
        return e.reasons().isEmpty() ? ""
                : e.reasons().stream().map(HealthReason::token).collect(Collectors.joining(", ", " (", ")"));
    }

    /** The reasons as a comma list: {@code stale,rtt-high}. */
    public static String reasonList(AlertChanged e) {
        return e.reasons().stream().map(HealthReason::token).collect(Collectors.joining(","));
    }

    /** {@code text} first, for Slack/Mattermost-style hooks, then the fields of the {@code alert} line, {@code conn} always. */
    public static ObjectNode body(AlertChanged e) {
        ObjectNode line = new EventJson(true).alert(e);
        ObjectNode n = EventJson.mapper().createObjectNode();
        n.put("text", sentence(e));
        n.setAll(line);
        return n;
    }
}
