package dev.wsmon.app.viewmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wsmon.app.history.HistoryService;
import dev.wsmon.app.history.Sample;
import dev.wsmon.app.history.StoredEvent;
import dev.wsmon.core.State;
import java.io.IOException;
import java.time.Duration;

/** What the history database recorded of a connection before this run, as a chart history to put in front of it. */
final class HistoryBackfill {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HistoryBackfill() {
    }

    static LatencyHistory of(HistoryService.Recent recent) {
        long first = Long.MAX_VALUE;
        if (!recent.samples().isEmpty()) {
            first = recent.samples().get(0).ts();
        }
        if (!recent.events().isEmpty()) {
            first = Math.min(first, recent.events().get(0).ts());
        }
        LatencyHistory h = new LatencyHistory(first, State.CLOSED, true);
        int s = 0;
        int e = 0;
        while (s < recent.samples().size() || e < recent.events().size()) {
            boolean event = s == recent.samples().size()
                    || e < recent.events().size() && recent.events().get(e).ts() <= recent.samples().get(s).ts();
            if (event) {
                apply(h, recent.events().get(e++));
            } else {
                Sample x = recent.samples().get(s++);
                h.add(x.ts(), Duration.ofNanos(x.micros() * 1_000));
            }
        }
        return h;
    }

    private static void apply(LatencyHistory h, StoredEvent e) {
        JsonNode n;
        try {
            n = JSON.readTree(e.json());
        } catch (IOException ex) {
            return;
        }
        if (e.type().equals("state")) {
            try {
                h.state(e.ts(), State.valueOf(n.path("state").asText()));
            } catch (IllegalArgumentException ex) {
                // a state this version does not know: skip it
            }
        } else if (e.type().equals("settings")) {
            JsonNode changed = n.path("changed");
            h.mark(e.ts(), changed.isArray() && !changed.isEmpty() ? changed.get(0).asText().replace('_', ' ')
                    + (changed.size() > 1 ? " +" + (changed.size() - 1) : "") : "settings");
        }
    }
}
