package dev.wsmon.app.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wsmon.app.Version;
import dev.wsmon.core.Redaction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * One ZIP per connection and time range, for the team that runs the server: {@code events.jsonl}, {@code rtt.csv},
 * {@code chart.png}, {@code connection.json} (the connection's definition with every secret redacted),
 * {@code about.json} (wsmon's version, the JVM and the OS) and {@code summary.md}. Every text entry passes through
 * {@link JsonRedaction} and then loses any of the subject's known secret values that is still in it, so a secret that
 * slipped into a close reason or a detail cannot leave either.
 */
public final class EvidenceBundle {

    public static final List<String> ENTRIES = List.of("summary.md", "events.jsonl", "rtt.csv", "chart.png",
            "connection.json", "about.json");
    /** Shorter values are not searched for: masking every "1" in a file would hide nothing and garble everything. */
    static final int MIN_SECRET_LENGTH = 4;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper LINES = dev.wsmon.app.headless.EventJson.mapper();

    private EvidenceBundle() {
    }

    /** Writes the bundle to {@code zip} (through a temporary file beside it: a failure leaves no half bundle). */
    public static void write(HistoryDatabase db, BundleSubject subject, long from, long to, long now, Path zip)
            throws SQLException, IOException {
        Path tmp = zip.resolveSibling(zip.getFileName() + ".part");
        try (OutputStream file = Files.newOutputStream(tmp); ZipOutputStream out = new ZipOutputStream(file)) {
            write(db, subject, from, to, now, out);
        } catch (SQLException | IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, zip, StandardCopyOption.REPLACE_EXISTING);
    }

    static void write(HistoryDatabase db, BundleSubject subject, long from, long to, long now, ZipOutputStream out)
            throws SQLException, IOException {
        String conn = subject.conn();
        HistoryExport export = new HistoryExport(db);
        String about = "wsmon " + Version.current() + ", Java " + System.getProperty("java.version") + " ("
                + System.getProperty("java.vm.name") + "), " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + " " + System.getProperty("os.arch");

        List<StoredEvent> events = db.events(conn, from, to);
        List<Sample> samples = db.samples(conn, from, to, Set.of());
        text(out, "summary.md", EvidenceSummary.markdown(conn, from, to, events, samples, about, now), subject);

        StringWriter jsonl = new StringWriter();
        export.eventsJsonl(conn, from, to, jsonl);
        StringBuilder redacted = new StringBuilder();
        for (String line : jsonl.toString().split("\n")) {
            if (!line.isEmpty()) {
                redacted.append(LINES.writeValueAsString(JsonRedaction.redact(LINES.readTree(line)))).append('\n');
            }
        }
        text(out, "events.jsonl", redacted.toString(), subject);

        StringWriter csv = new StringWriter();
        export.rttCsv(conn, from, to, csv);
        text(out, "rtt.csv", csv.toString(), subject);

        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ChartImage.png(db, conn, from, to, png);
        out.putNextEntry(new ZipEntry("chart.png"));
        out.write(png.toByteArray());
        out.closeEntry();

        JsonNode connection = JsonRedaction.redact(subject.connection().deepCopy());
        text(out, "connection.json", JSON.writeValueAsString(connection) + "\n", subject);

        ObjectNode a = JSON.createObjectNode();
        a.put("wsmon", Version.current());
        a.put("java", System.getProperty("java.version"));
        a.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        a.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        a.put("connection", conn);
        a.put("from", java.time.Instant.ofEpochMilli(from).toString());
        a.put("to", java.time.Instant.ofEpochMilli(to).toString());
        text(out, "about.json", JSON.writeValueAsString(a) + "\n", subject);
    }

    private static void text(ZipOutputStream out, String name, String content, BundleSubject subject) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(scrub(content, subject.secrets()).getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    /** Replaces every occurrence of a known secret, longest first (a secret may contain another). */
    static String scrub(String text, Set<String> secrets) {
        String out = text;
        for (String s : secrets.stream().filter(s -> s.length() >= MIN_SECRET_LENGTH)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            out = out.replace(s, Redaction.MASK);
        }
        return out;
    }
}
