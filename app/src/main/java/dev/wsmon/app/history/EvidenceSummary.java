package dev.wsmon.app.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The {@code summary.md} of an evidence bundle: for the team that runs the server, what happened to the connection
 * over the range — RTT figures, every close with its diagnosis, health and alert periods, handshake timings, settings
 * changes — built from the recorded lines and samples.
 */
final class EvidenceSummary {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EvidenceSummary() {
    }

    static String markdown(String conn, long from, long to, List<StoredEvent> events, List<Sample> samples,
                           String about, long generatedAt) {
        StringBuilder md = new StringBuilder();
        md.append("# wsmon evidence: ").append(conn).append("\n\n");
        md.append("- Range: ").append(Instant.ofEpochMilli(from)).append(" – ").append(Instant.ofEpochMilli(to)).append(" (UTC)\n");
        md.append("- Generated: ").append(Instant.ofEpochMilli(generatedAt)).append(" by ").append(about).append("\n");
        md.append("- Files: `events.jsonl` (the headless event format), `rtt.csv`, `chart.png`, `connection.json`"
                + " (secrets redacted), `about.json`\n\n");

        md.append("## Round-trip times\n\n");
        for (SampleKind k : SampleKind.values()) {
            long[] v = samples.stream().filter(s -> s.kind() == k).mapToLong(Sample::micros).toArray();
            String what = k == SampleKind.KEEPALIVE ? "Keepalive ping/pong" : "Application heartbeat";
            if (v.length == 0) {
                md.append("- ").append(what).append(": no samples\n");
                continue;
            }
            Arrays.sort(v);
            md.append("- ").append(what).append(": ").append(v.length).append(" samples; min ").append(ms(v[0]))
                    .append(", p50 ").append(ms(rank(v, 0.50))).append(", p95 ").append(ms(rank(v, 0.95)))
                    .append(", p99 ").append(ms(rank(v, 0.99))).append(", max ").append(ms(v[v.length - 1]))
                    .append(" ms\n");
        }

        List<String[]> closes = new ArrayList<>();
        List<String[]> timings = new ArrayList<>();
        List<String[]> health = new ArrayList<>();
        List<String[]> alerts = new ArrayList<>();
        List<String[]> settings = new ArrayList<>();
        int opens = 0;
        String healthSince = null;
        String healthNow = null;
        for (StoredEvent e : events) {
            JsonNode n;
            try {
                n = JSON.readTree(e.json());
            } catch (java.io.IOException ex) {
                continue;
            }
            String at = Instant.ofEpochMilli(e.ts()).toString();
            switch (e.type()) {
                case "state" -> {
                    String state = n.path("state").asText();
                    if (state.equals("OPEN")) {
                        opens++;
                        JsonNode t = n.get("timing");
                        if (t != null && t.isObject()) {
                            timings.add(new String[] {at, num(t, "dns_ms"), num(t, "proxy_ms"), num(t, "tcp_ms"),
                                num(t, "tls_ms"), num(t, "upgrade_ms")});
                        }
                    } else if (state.equals("CLOSED")) {
                        closes.add(new String[] {at, n.path("code").asText("—"), n.path("cause").asText("—"),
                            n.path("initiator").asText("—"), cell(n.path("detail").asText(""))});
                    }
                }
                case "health" -> {
                    if (healthSince != null) {
                        health.add(new String[] {healthSince, at, healthNow});
                    }
                    healthSince = at;
                    healthNow = n.path("health").asText() + reasons(n);
                }
                case "alert" -> alerts.add(new String[] {at, n.path("alert").asText(), n.path("health").asText() + reasons(n),
                    n.has("since_ms") ? Instant.ofEpochMilli(n.get("since_ms").asLong()).toString() : "—"});
                case "settings" -> settings.add(new String[] {at, cell(n.path("changed").toString())});
                default -> {
                    // reconnects, heartbeats, advice: in events.jsonl
                }
            }
        }
        if (healthSince != null) {
            health.add(new String[] {healthSince, "end of range", healthNow});
        }

        md.append("\n## Closes (").append(closes.size()).append("; ").append(opens).append(" opens)\n\n");
        table(md, new String[] {"time", "code", "cause", "initiator", "diagnosis"}, closes, "No closes in the range.");
        md.append("\n## Health periods\n\n");
        table(md, new String[] {"from", "to", "health"}, health, "No health changes recorded in the range.");
        md.append("\n## Alerts\n\n");
        table(md, new String[] {"time", "alert", "health", "since"}, alerts, "No alerts in the range.");
        md.append("\n## Handshake timings (ms)\n\n");
        table(md, new String[] {"open at", "dns", "proxy", "tcp", "tls", "upgrade"}, timings,
                "No handshake timings recorded in the range.");
        md.append("\n## Settings changes\n\n");
        table(md, new String[] {"time", "changed"}, settings, "No settings changes in the range.");
        return md.toString();
    }

    private static long rank(long[] sorted, double q) {
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.2f", micros / 1000.0);
    }

    private static String num(JsonNode t, String field) {
        JsonNode v = t.get(field);
        return v == null || v.isNull() ? "—" : v.asText();
    }

    private static String reasons(JsonNode n) {
        JsonNode r = n.get("reasons");
        if (r == null || !r.isArray() || r.isEmpty()) {
            return "";
        }
        List<String> out = new ArrayList<>();
        r.forEach(x -> out.add(x.asText()));
        return " (" + String.join(", ", out) + ")";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static void table(StringBuilder md, String[] header, List<String[]> rows, String none) {
        if (rows.isEmpty()) {
            md.append(none).append('\n');
            return;
        }
        md.append("| ").append(String.join(" | ", header)).append(" |\n|");
        md.append(" --- |".repeat(header.length)).append('\n');
        for (String[] r : rows) {
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
    }
}
