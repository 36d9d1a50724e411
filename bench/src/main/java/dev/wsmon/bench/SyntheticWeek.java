package dev.wsmon.bench;

import dev.wsmon.app.history.HistoryDatabase;
import dev.wsmon.app.history.Sample;
import dev.wsmon.app.history.SampleKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A week of made-up history in the history database, ending at {@code end}, for the chart's 7 d window: one keepalive
 * sample a minute per connection, written through the database's own write path (so every minute gets its rollup).
 * The long windows draw the rollups, one per minute whatever the ping rate, so this costs the chart what a week of
 * one-second pings would. Seeded: the same every run.
 */
final class SyntheticWeek {

    static final int MINUTES = 7 * 24 * 60;

    private SyntheticWeek() {
    }

    /** @return milliseconds it took */
    static long write(Path file, List<String> names, long end, long seed) throws Exception {
        long t0 = System.nanoTime();
        Random r = new Random(seed);
        long start = end - MINUTES * 60_000L;
        try (HistoryDatabase db = HistoryDatabase.openForWriting(file)) {
            for (String name : names) {
                double base = 300 + r.nextInt(40_000);
                List<Sample> samples = new ArrayList<>(MINUTES);
                for (int m = 0; m < MINUTES; m++) {
                    long micros = (long) (base * (0.8 + 0.4 * r.nextDouble()) * (r.nextInt(500) == 0 ? 10 : 1));
                    samples.add(new Sample(name, start + m * 60_000L + r.nextInt(60_000), SampleKind.KEEPALIVE, micros));
                }
                db.write(samples, List.of());
            }
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
