package dev.wsmon.app.history;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The SQLite file behind the history: raw RTT samples, per-minute rollups of them, and events as their headless JSON
 * lines. One instance is one JDBC connection and belongs to one thread (the writer, or a reader). WAL mode lets
 * readers work while the writer writes; {@code synchronous=NORMAL} in WAL mode never corrupts the file on a crash and
 * loses at most the transactions since the last checkpoint of a power cut, none on a process kill.
 */
public final class HistoryDatabase implements AutoCloseable {

    static final int SCHEMA_VERSION = 1;
    /** How long a statement waits for another process's lock before it fails (then history turns itself off). */
    static final int BUSY_TIMEOUT_MS = 2_000;

    private static final String[] SCHEMA = {
        "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS samples(conn TEXT NOT NULL, kind INTEGER NOT NULL, ts INTEGER NOT NULL,"
            + " rtt_us INTEGER NOT NULL)",
        "CREATE INDEX IF NOT EXISTS samples_by_conn ON samples(conn, kind, ts)",
        "CREATE TABLE IF NOT EXISTS rollups(conn TEXT NOT NULL, kind INTEGER NOT NULL, minute INTEGER NOT NULL,"
            + " n INTEGER NOT NULL, min_ms REAL NOT NULL, avg_ms REAL NOT NULL, max_ms REAL NOT NULL,"
            + " p95_ms REAL NOT NULL, PRIMARY KEY(conn, kind, minute)) WITHOUT ROWID",
        "CREATE TABLE IF NOT EXISTS events(conn TEXT NOT NULL, ts INTEGER NOT NULL, type TEXT NOT NULL,"
            + " json TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS events_by_conn ON events(conn, ts)",
    };

    private final Path file;
    private final Connection db;

    private HistoryDatabase(Path file, Connection db) {
        this.file = file;
        this.db = db;
    }

    /**
     * Opens (and creates) the database for writing.
     *
     * @throws SQLException when the file cannot be created, is locked by another process or is not a database
     */
    public static HistoryDatabase openForWriting(Path file) throws SQLException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (java.io.IOException | SecurityException e) {
            throw new SQLException("cannot create " + file.toAbsolutePath().getParent() + ": " + e.getMessage(), e);
        }
        HistoryDatabase h = new HistoryDatabase(file, connect(file));
        try (Statement s = h.db.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            h.db.setAutoCommit(false);
            for (String ddl : SCHEMA) {
                s.execute(ddl);
            }
            s.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema', '" + SCHEMA_VERSION + "')");
            h.db.commit();
        } catch (SQLException e) {
            h.close();
            throw e;
        }
        return h;
    }

    /**
     * Opens an existing database to read.
     *
     * @throws SQLException when it is not there or not a wsmon history
     */
    public static HistoryDatabase openForReading(Path file) throws SQLException {
        if (!Files.isRegularFile(file)) {
            throw new SQLException("no history database at " + file);
        }
        HistoryDatabase h = new HistoryDatabase(file, connect(file));
        try (Statement s = h.db.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE name IN ('samples', 'events', 'rollups')")) {
            if (!r.next() || r.getInt(1) != 3) {
                throw new SQLException(file + " is not a wsmon history database");
            }
        } catch (SQLException e) {
            h.close();
            throw e;
        }
        return h;
    }

    /** Read-write for readers too: a read-only reader of a WAL file fails where its -shm file is not there yet. */
    private static Connection connect(Path file) throws SQLException {
        Properties p = new Properties();
        p.setProperty("busy_timeout", Integer.toString(BUSY_TIMEOUT_MS));
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), p);
    }

    public Path file() {
        return file;
    }

    // ------------------------------------------------------------------ writing (the writer thread)

    /**
     * Writes one batch in one transaction and refreshes the rollup of every minute it touched.
     */
    public void write(List<Sample> samples, List<StoredEvent> events) throws SQLException {
        try {
            if (!samples.isEmpty()) {
                try (PreparedStatement ps = db.prepareStatement("INSERT INTO samples(conn, kind, ts, rtt_us) VALUES (?, ?, ?, ?)")) {
                    for (Sample s : samples) {
                        ps.setString(1, s.conn());
                        ps.setInt(2, s.kind().ordinal());
                        ps.setLong(3, s.ts());
                        ps.setLong(4, s.micros());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                rollUp(samples);
            }
            if (!events.isEmpty()) {
                try (PreparedStatement ps = db.prepareStatement("INSERT INTO events(conn, ts, type, json) VALUES (?, ?, ?, ?)")) {
                    for (StoredEvent e : events) {
                        ps.setString(1, e.conn());
                        ps.setLong(2, e.ts());
                        ps.setString(3, e.type());
                        ps.setString(4, e.json());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            db.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw e;
        }
    }

    /** Recomputes each touched minute from its raw samples: late samples and restarts can never leave a rollup stale. */
    private void rollUp(List<Sample> samples) throws SQLException {
        record Key(String conn, int kind, long minute) implements Comparable<Key> {
            @Override
            public int compareTo(Key o) {
                int c = conn.compareTo(o.conn);
                c = c != 0 ? c : Integer.compare(kind, o.kind);
                return c != 0 ? c : Long.compare(minute, o.minute);
            }
        }
        TreeSet<Key> touched = new TreeSet<>();
        for (Sample s : samples) {
            touched.add(new Key(s.conn(), s.kind().ordinal(), Math.floorDiv(s.ts(), Rollup.MINUTE) * Rollup.MINUTE));
        }
        try (PreparedStatement read = db.prepareStatement(
                "SELECT rtt_us FROM samples WHERE conn = ? AND kind = ? AND ts >= ? AND ts < ?");
             PreparedStatement put = db.prepareStatement("INSERT OR REPLACE INTO rollups(conn, kind, minute, n, min_ms,"
                     + " avg_ms, max_ms, p95_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Key k : touched) {
                read.setString(1, k.conn());
                read.setInt(2, k.kind());
                read.setLong(3, k.minute());
                read.setLong(4, k.minute() + Rollup.MINUTE);
                long[] values = new long[16];
                int n = 0;
                try (ResultSet r = read.executeQuery()) {
                    while (r.next()) {
                        if (n == values.length) {
                            values = java.util.Arrays.copyOf(values, n * 2);
                        }
                        values[n++] = r.getLong(1);
                    }
                }
                if (n == 0) {
                    continue;
                }
                Rollup m = Rollup.ofMinute(k.minute(), java.util.Arrays.copyOf(values, n));
                put.setString(1, k.conn());
                put.setInt(2, k.kind());
                put.setLong(3, k.minute());
                put.setInt(4, m.count());
                put.setDouble(5, m.min());
                put.setDouble(6, m.avg());
                put.setDouble(7, m.max());
                put.setDouble(8, m.p95());
                put.addBatch();
            }
            put.executeBatch();
        }
    }

    /**
     * Deletes everything older than {@code before} (epoch ms), connection by connection so that each delete walks an
     * index.
     *
     * @return the rows deleted
     */
    public long prune(long before) throws SQLException {
        long deleted = 0;
        try {
            for (String conn : connections()) {
                for (SampleKind k : SampleKind.values()) {
                    deleted += delete("DELETE FROM samples WHERE conn = ? AND kind = ? AND ts < ?", conn, k.ordinal(), before);
                    deleted += delete("DELETE FROM rollups WHERE conn = ? AND kind = ? AND minute < ?", conn, k.ordinal(),
                            Math.floorDiv(before, Rollup.MINUTE) * Rollup.MINUTE);
                }
                try (PreparedStatement ps = db.prepareStatement("DELETE FROM events WHERE conn = ? AND ts < ?")) {
                    ps.setString(1, conn);
                    ps.setLong(2, before);
                    deleted += ps.executeUpdate();
                }
            }
            db.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw e;
        }
        return deleted;
    }

    private int delete(String sql, String conn, int kind, long before) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setString(1, conn);
            ps.setInt(2, kind);
            ps.setLong(3, before);
            return ps.executeUpdate();
        }
    }

    private void rollbackQuietly() {
        try {
            if (!db.getAutoCommit()) {
                db.rollback();
            }
        } catch (SQLException ignored) {
            // the first failure is the one reported
        }
    }

    // ------------------------------------------------------------------ reading

    /** Every connection name with anything recorded, sorted. */
    public List<String> connections() throws SQLException {
        TreeSet<String> names = new TreeSet<>();
        try (Statement s = db.createStatement();
             ResultSet r = s.executeQuery("SELECT DISTINCT conn FROM rollups UNION SELECT DISTINCT conn FROM events")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        return new ArrayList<>(names);
    }

    /** The raw samples of {@code conn} in [{@code from}, {@code to}), oldest first; {@code kinds} empty means all. */
    public List<Sample> samples(String conn, long from, long to, Collection<SampleKind> kinds) throws SQLException {
        List<Sample> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT kind, ts, rtt_us FROM samples WHERE conn = ? AND ts >= ? AND ts < ? ORDER BY ts, rowid")) {
            ps.setString(1, conn);
            ps.setLong(2, from);
            ps.setLong(3, to);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    SampleKind k = SampleKind.values()[r.getInt(1)];
                    if (kinds.isEmpty() || kinds.contains(k)) {
                        out.add(new Sample(conn, r.getLong(2), k, r.getLong(3)));
                    }
                }
            }
        }
        return out;
    }

    /** The per-minute rollups of {@code conn}'s {@code kind} samples for minutes starting in [{@code from}, {@code to}). */
    public List<Rollup> rollups(String conn, SampleKind kind, long from, long to) throws SQLException {
        List<Rollup> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT minute, n, min_ms, avg_ms, max_ms, p95_ms FROM rollups"
                + " WHERE conn = ? AND kind = ? AND minute >= ? AND minute < ? ORDER BY minute")) {
            ps.setString(1, conn);
            ps.setInt(2, kind.ordinal());
            ps.setLong(3, Math.floorDiv(from, Rollup.MINUTE) * Rollup.MINUTE);
            ps.setLong(4, to);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.add(new Rollup(r.getLong(1), Rollup.MINUTE, r.getInt(2), r.getDouble(3), r.getDouble(4),
                            r.getDouble(5), r.getDouble(6)));
                }
            }
        }
        return out;
    }

    /** The recorded events of {@code conn} in [{@code from}, {@code to}), oldest first. */
    public List<StoredEvent> events(String conn, long from, long to) throws SQLException {
        List<StoredEvent> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT ts, type, json FROM events WHERE conn = ? AND ts >= ? AND ts < ? ORDER BY ts, rowid")) {
            ps.setString(1, conn);
            ps.setLong(2, from);
            ps.setLong(3, to);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.add(new StoredEvent(conn, r.getLong(1), r.getString(2), r.getString(3)));
                }
            }
        }
        return out;
    }

    /** SQLite's own check of the whole file: {@code ok}, or what is wrong. */
    public String integrityCheck() throws SQLException {
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
            StringBuilder out = new StringBuilder();
            while (r.next()) {
                out.append(out.length() == 0 ? "" : "; ").append(r.getString(1));
            }
            return out.toString();
        }
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException ignored) {
            // closing is best effort: WAL replays whatever the last commit left
        }
    }
}
