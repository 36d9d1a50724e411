package dev.wsmon.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wsmon.core.CloseCause;
import dev.wsmon.core.Health;
import dev.wsmon.core.HealthReason;
import dev.wsmon.core.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history database on a real SQLite file: what goes in comes out, rollups, pruning, and running on without it. */
class HistoryRecorderTest {

    static final long T0 = 1_699_999_980_000L; // a minute boundary (28 333 333 minutes)
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(T0);
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final HistoryEvents a = new HistoryEvents("alpha");
    private final HistoryEvents b = new HistoryEvents("beta");

    private HistoryRecorder start(HistoryOptions options) {
        return HistoryRecorder.start(dir.resolve("history.db"), options, clock::get, warnings::add);
    }

    @Test
    void roundTrip_keepsSamplesAndEventLines_perConnection_andLeavesMessagesOut() throws Exception {
        try (HistoryRecorder r = start(HistoryOptions.DEFAULTS)) {
            r.accept(a.state(T0, State.CONNECTING, State.CLOSED));
            r.accept(a.state(T0 + 10, State.OPEN, State.CONNECTING));
            r.accept(a.rtt(T0 + 1_000, 1_234));
            r.accept(a.app(T0 + 1_500, 41_200));
            r.accept(a.message(T0 + 1_600));
            r.accept(a.settings(T0 + 2_000));
            r.accept(a.health(T0 + 3_000, Health.DEGRADED, HealthReason.RTT_HIGH));
            r.accept(a.alert(T0 + 4_000, true, T0 + 3_000));
            r.accept(a.closed(T0 + 5_000, CloseCause.KEEPALIVE_TIMEOUT));
            r.accept(b.rtt(T0 + 1_000, 999));
            r.flush().get(10, TimeUnit.SECONDS);
            assertThat(r.status()).isEqualTo(HistoryRecorder.Status.RECORDING);
        }
        try (HistoryDatabase db = HistoryDatabase.openForReading(dir.resolve("history.db"))) {
            assertThat(db.connections()).containsExactly("alpha", "beta");
            assertThat(db.samples("alpha", T0, T0 + 60_000, Set.of())).containsExactly(
                    new Sample("alpha", T0 + 1_000, SampleKind.KEEPALIVE, 1_234),
                    new Sample("alpha", T0 + 1_500, SampleKind.APP, 41_200));
            List<StoredEvent> events = db.events("alpha", T0, T0 + 60_000);
            assertThat(events).extracting(StoredEvent::type)
                    .containsExactly("state", "state", "settings", "health", "alert", "state");
            JsonNode closed = JSON.readTree(events.get(5).json());
            assertThat(closed.get("state").asText()).isEqualTo("CLOSED");
            assertThat(closed.get("cause").asText()).isEqualTo("keepalive-timeout");
            assertThat(closed.get("detail").asText()).isNotBlank();
            assertThat(closed.has("conn")).isFalse();
            JsonNode health = JSON.readTree(events.get(3).json());
            assertThat(health.get("health").asText()).isEqualTo("DEGRADED");
            assertThat(health.get("reasons").get(0).asText()).isEqualTo("rtt-high");
            assertThat(JSON.readTree(events.get(4).json()).get("alert").asText()).isEqualTo("firing");
            assertThat(JSON.readTree(events.get(2).json()).get("ping_interval").asText()).isEqualTo("3s");
            assertThat(db.samples("beta", T0, T0 + 60_000, Set.of())).hasSize(1);
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void rollups_matchMinMaxAvgAndP95_ofTheRawSamples_minuteByMinute() throws Exception {
        Random random = new Random(7);
        List<Long>[] perMinute = newLists(5);
        try (HistoryRecorder r = start(HistoryOptions.DEFAULTS)) {
            // samples arrive in several batches and out of order across minutes, as late samples may
            for (int batch = 0; batch < 4; batch++) {
                for (int i = 0; i < 150; i++) {
                    int minute = random.nextInt(5);
                    long micros = 200 + random.nextInt(90_000);
                    perMinute[minute].add(micros);
                    r.accept(a.rtt(T0 + minute * 60_000L + random.nextInt(60_000), micros));
                }
                r.flush().get(10, TimeUnit.SECONDS);
            }
        }
        try (HistoryDatabase db = HistoryDatabase.openForReading(dir.resolve("history.db"))) {
            List<Rollup> rollups = db.rollups("alpha", SampleKind.KEEPALIVE, T0, T0 + 5 * 60_000);
            assertThat(rollups).hasSize(5);
            for (int m = 0; m < 5; m++) {
                List<Long> raw = new ArrayList<>(perMinute[m]);
                raw.sort(null);
                Rollup got = rollups.get(m);
                assertThat(got.start()).isEqualTo(T0 + m * 60_000L);
                assertThat(got.count()).isEqualTo(raw.size());
                assertThat(got.min()).isEqualTo(raw.get(0) / 1000.0);
                assertThat(got.max()).isEqualTo(raw.get(raw.size() - 1) / 1000.0);
                double avg = raw.stream().mapToLong(Long::longValue).average().orElseThrow() / 1000.0;
                assertThat(got.avg()).isCloseTo(avg, org.assertj.core.data.Offset.offset(1e-9));
                int rank = (int) Math.ceil(0.95 * raw.size());
                assertThat(got.p95()).isEqualTo(raw.get(rank - 1) / 1000.0);
            }
            assertThat(db.rollups("alpha", SampleKind.APP, T0, T0 + 5 * 60_000)).isEmpty();
        }
    }

    @Test
    void prunes_whatIsOlderThanTheRetention_atStartAndInTheBackground() throws Exception {
        HistoryOptions options = new HistoryOptions(Duration.ofDays(1), 1_000, Duration.ofMillis(50), Duration.ofMinutes(1));
        long day = Duration.ofDays(1).toMillis();
        try (HistoryRecorder r = start(options)) {
            r.accept(a.rtt(T0, 500));
            r.accept(a.closed(T0 + 1, CloseCause.RESET));
            r.accept(a.rtt(T0 + day, 600));
            r.accept(a.closed(T0 + day + 1, CloseCause.RESET));
            r.flush().get(10, TimeUnit.SECONDS);
            clock.set(T0 + day + 2 * 60_000); // a day and two minutes later: the first pair is out, the prune is due
            r.accept(a.rtt(T0 + day + 2 * 60_000, 700)); // wakes the writer; its next round prunes
            r.flush().get(10, TimeUnit.SECONDS);
            r.flush().get(10, TimeUnit.SECONDS); // the round after the prune
        }
        try (HistoryDatabase db = HistoryDatabase.openForReading(dir.resolve("history.db"))) {
            assertThat(db.samples("alpha", 0, Long.MAX_VALUE, Set.of())).extracting(Sample::micros).containsExactly(600L, 700L);
            assertThat(db.events("alpha", 0, Long.MAX_VALUE)).extracting(StoredEvent::ts).containsExactly(T0 + day + 1);
            assertThat(db.rollups("alpha", SampleKind.KEEPALIVE, 0, Long.MAX_VALUE)).extracting(Rollup::start)
                    .containsExactly(T0 + day, T0 + day + 2 * 60_000);
        }
        // reopened later with the clock a further day on: the start prunes the rest
        clock.set(T0 + 3 * day);
        try (HistoryRecorder r = start(options)) {
            r.flush().get(10, TimeUnit.SECONDS);
        }
        try (HistoryDatabase db = HistoryDatabase.openForReading(dir.resolve("history.db"))) {
            assertThat(db.samples("alpha", 0, Long.MAX_VALUE, Set.of())).isEmpty();
            assertThat(db.events("alpha", 0, Long.MAX_VALUE)).isEmpty();
        }
    }

    @Test
    void anUnwritableDirectory_isOneWarning_andTheRecorderTakesEventsOnWithoutWriting() throws Exception {
        Path blocker = dir.resolve("not-a-directory");
        Files.writeString(blocker, "a file where the data directory should be"); // fails for root too, unlike chmod
        HistoryRecorder r = HistoryRecorder.start(blocker.resolve("wsmon").resolve("history.db"), HistoryOptions.DEFAULTS,
                clock::get, warnings::add);
        r.flush().get(10, TimeUnit.SECONDS);
        for (int i = 0; i < 10; i++) {
            r.accept(a.rtt(T0 + i, 100)); // the engine's calls go on and return at once
        }
        r.flush().get(10, TimeUnit.SECONDS);
        r.close();
        assertThat(r.status()).isEqualTo(HistoryRecorder.Status.OFF);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).startsWith("history is off: cannot open ").contains("not-a-directory")
                .endsWith("wsmon runs on without history");
    }

    @Test
    void aDatabaseLockedByAnotherProcess_isOneWarning_andHistoryIsOff() throws Exception {
        Path file = dir.resolve("history.db");
        try (HistoryRecorder first = start(HistoryOptions.DEFAULTS)) {
            first.flush().get(10, TimeUnit.SECONDS); // creates the file
        }
        try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = holder.createStatement()) {
            s.execute("PRAGMA locking_mode=EXCLUSIVE");
            s.execute("BEGIN EXCLUSIVE");
            HistoryRecorder r = start(HistoryOptions.DEFAULTS);
            r.accept(a.rtt(T0, 100));
            r.flush().get(30, TimeUnit.SECONDS);
            r.close();
            assertThat(r.status()).isEqualTo(HistoryRecorder.Status.OFF);
            assertThat(warnings).singleElement().asString().startsWith("history is off: cannot open " + file);
            s.execute("ROLLBACK");
        }
    }

    @Test
    void aFullQueue_dropsTheNewest_countsThem_andSaysSoOnce() throws Exception {
        HistoryOptions options = HistoryOptions.DEFAULTS.withQueueCapacity(10);
        Path blocked = dir.resolve("slow.db");
        // hold the writer on the file's lock so that the queue fills behind it
        HistoryRecorder r;
        try (HistoryRecorder first = HistoryRecorder.start(blocked, options, clock::get, warnings::add)) {
            first.flush().get(10, TimeUnit.SECONDS);
        }
        r = HistoryRecorder.start(blocked, options, clock::get, warnings::add);
        r.flush().get(10, TimeUnit.SECONDS);
        try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + blocked);
             Statement s = holder.createStatement()) {
            for (int i = 0; i < 100; i++) {
                r.accept(a.rtt(T0 + i, 100));
            }
            assertThat(r.dropped()).isGreaterThanOrEqualTo(80);
        }
        r.flush().get(10, TimeUnit.SECONDS);
        r.close();
        assertThat(warnings).anySatisfy(w -> assertThat(w).startsWith("history: ").contains("events were not recorded")
                .contains("queue of 10"));
    }

    @SuppressWarnings("unchecked")
    private static List<Long>[] newLists(int n) {
        List<Long>[] out = new List[n];
        for (int i = 0; i < n; i++) {
            out[i] = new ArrayList<>();
        }
        return out;
    }
}
