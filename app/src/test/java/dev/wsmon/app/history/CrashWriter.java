package dev.wsmon.app.history;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM for {@link HistoryCrashTest}: records RTT samples as fast as one thread offers them, and after each
 * flush prints how many it had taken before it (all of those are on disk), until it is killed.
 */
public final class CrashWriter {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long t0 = HistoryRecorderTest.T0;
        HistoryEvents events = new HistoryEvents("crash");
        HistoryRecorder r = HistoryRecorder.start(file, HistoryOptions.DEFAULTS, System::currentTimeMillis,
                w -> System.out.println("warning " + w));
        long[] kept = {0}; // offered and not dropped
        Thread producer = new Thread(() -> {
            for (long i = 0; ; i++) {
                synchronized (kept) {
                    long droppedBefore = r.dropped();
                    r.accept(events.rtt(t0 + i, 100 + i % 5_000));
                    kept[0] += r.dropped() == droppedBefore ? 1 : 0;
                }
                if (i % 100 == 99) {
                    java.util.concurrent.locks.LockSupport.parkNanos(2_000_000); // ~50 000 samples a second
                }
            }
        }, "producer");
        producer.setDaemon(true);
        producer.start();
        while (true) {
            long before;
            synchronized (kept) {
                before = kept[0];
            }
            r.flush().get(30, TimeUnit.SECONDS);
            System.out.println("flushed " + before);
            System.out.flush();
        }
    }
}
