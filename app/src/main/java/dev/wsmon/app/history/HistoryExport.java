package dev.wsmon.app.history;

import java.io.IOException;
import java.io.Writer;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A connection's recorded history over a time range, in the formats a person hands on: RTT samples as CSV, events
 * as JSON Lines in the headless format ({@code cli-contract.md}: the {@code latency} and {@code app_latency} lines come
 * from the samples, the others as they were recorded), the chart as PNG ({@link ChartImage}).
 */
public final class HistoryExport {

    /** The CSV's columns: epoch ms, the same in ISO-8601 UTC, keepalive or app, RTT in milliseconds. */
    public static final String[] CSV_HEADER = {"ts_ms", "time", "kind", "rtt_ms"};

    private final HistoryDatabase db;
    private final HistoryRows rows = new HistoryRows();

    public HistoryExport(HistoryDatabase db) {
        this.db = db;
    }

    /** @return the number of samples written */
    public long rttCsv(String conn, long from, long to, Writer out) throws SQLException, IOException {
        List<Sample> samples = db.samples(conn, from, to, Set.of());
        CSVPrinter csv = CSVFormat.DEFAULT.builder().setHeader(CSV_HEADER).setRecordSeparator("\n").get().print(out);
        for (Sample s : samples) {
            csv.printRecord(s.ts(), Instant.ofEpochMilli(s.ts()), s.kind().token(),
                    java.math.BigDecimal.valueOf(s.micros(), 3).toPlainString());
        }
        csv.flush();
        return samples.size();
    }

    /** @return the number of lines written */
    public long eventsJsonl(String conn, long from, long to, Writer out) throws SQLException, IOException {
        List<StoredEvent> events = db.events(conn, from, to);
        List<Sample> samples = db.samples(conn, from, to, Set.of());
        int e = 0;
        int s = 0;
        while (e < events.size() || s < samples.size()) {
            boolean event = s == samples.size() || e < events.size() && events.get(e).ts() <= samples.get(s).ts();
            out.write(event ? events.get(e++).json() : rows.line(samples.get(s++)));
            out.write('\n');
        }
        out.flush();
        return events.size() + (long) samples.size();
    }
}
