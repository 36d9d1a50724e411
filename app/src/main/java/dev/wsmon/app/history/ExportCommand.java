package dev.wsmon.app.history;

import dev.wsmon.core.Durations;
import dev.wsmon.core.MonotonicClock;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code wsmon export}: a connection's recorded history from the history database, for scripts. RTT samples as CSV or
 * the events as JSON Lines (the headless format), on stdout or into a file. Exit status: 0 written; 1 no database;
 * 2 bad usage, including a connection the database does not know (the message lists those it does).
 */
@Command(name = "export",
        sortOptions = false,
        usageHelpAutoWidth = true,
        mixinStandardHelpOptions = true,
        description = {"Writes a connection's recorded history (kept by the desktop app) to stdout or a file: RTT"
            + " samples as CSV (ts_ms,time,kind,rtt_ms) or events as JSON Lines in the --headless format.", ""},
        footer = {"", "Exit status: 0 written; 1 no history database; 2 bad usage or an unknown connection."})
public final class ExportCommand implements Callable<Integer> {

    public static final String USAGE_HINT = "Usage: wsmon export --conn NAME [--since D] [--format csv|jsonl]"
            + " [--output FILE] [--db FILE]   (wsmon export --help)";

    public enum Format {
        CSV, JSONL
    }

    @Option(names = "--conn", required = true, paramLabel = "NAME", description = "The connection, by its name.")
    String conn;

    @Option(names = "--since", paramLabel = "D", converter = SinceConverter.class,
            description = "How far back from now: 30m, 6h, 7d … (default: everything kept).")
    Duration since;

    @Option(names = "--format", paramLabel = "csv|jsonl", converter = FormatConverter.class,
            description = "csv: RTT samples; jsonl: events in the --headless format (default: ${DEFAULT-VALUE}).")
    Format format = Format.JSONL;

    @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE instead of stdout.")
    Path output;

    @Option(names = "--db", paramLabel = "FILE",
            description = "The history database (default: $${XDG_DATA_HOME:-~/.local/share}/wsmon/history.db).")
    Path db;

    private PrintStream out = System.out;
    private PrintStream err = System.err;
    private MonotonicClock clock = MonotonicClock.SYSTEM;

    /** Where it writes and what time it is; the launcher calls this before running it. */
    public ExportCommand with(PrintStream stdout, PrintStream stderr, MonotonicClock now) {
        this.out = stdout;
        this.err = stderr;
        this.clock = now;
        return this;
    }

    @Override
    public Integer call() {
        Path file = db != null ? db : HistoryLocation.standard().file();
        if (!Files.isRegularFile(file)) {
            err.println("wsmon export: no history database at " + file + " (the desktop app records one while it runs;"
                    + " --db names another)");
            return 1;
        }
        long to = clock.epochMillis() + 1;
        long from = since == null ? Long.MIN_VALUE / 2 : to - 1 - since.toMillis();
        try (HistoryDatabase history = HistoryDatabase.openForReading(file)) {
            List<String> known = history.connections();
            if (!known.contains(conn)) {
                err.println("wsmon export: no connection named '" + conn + "' in " + file + (known.isEmpty()
                        ? " (it holds no connection yet)" : "; it holds: " + String.join(", ", known)));
                err.println(USAGE_HINT);
                return 2;
            }
            try (Writer w = writer()) {
                HistoryExport export = new HistoryExport(history);
                if (format == Format.CSV) {
                    export.rttCsv(conn, from, to, w);
                } else {
                    export.eventsJsonl(conn, from, to, w);
                }
            }
            return 0;
        } catch (SQLException e) {
            err.println("wsmon export: cannot read " + file + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("wsmon export: cannot write " + (output == null ? "stdout" : output) + ": " + e.getMessage());
            return 1;
        }
    }

    private Writer writer() throws IOException {
        if (output != null) {
            return Files.newBufferedWriter(output, StandardCharsets.UTF_8);
        }
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            @Override
            public void close() throws IOException {
                flush(); // stdout stays open
            }
        };
    }

    /** The duration syntax of the other flags, plus days ({@code 7d}): a week is what the history keeps. */
    static final class SinceConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim();
            try {
                if (v.matches("\\d+d")) {
                    return Duration.ofDays(Long.parseLong(v.substring(0, v.length() - 1)));
                }
                return Durations.parse(v);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a duration: use a number with ms, s, m, h or d"
                        + " (30m, 6h, 7d)");
            }
        }
    }

    static final class FormatConverter implements ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a format: csv or jsonl");
            }
        }
    }
}
