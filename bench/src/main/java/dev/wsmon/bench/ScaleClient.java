package dev.wsmon.bench;

import dev.wsmon.core.Endpoint;
import dev.wsmon.core.Monitor;
import dev.wsmon.core.MonitoredConnection;
import dev.wsmon.core.Settings;
import dev.wsmon.core.State;
import dev.wsmon.core.CloseCause;
import dev.wsmon.core.event.LatencySample;
import dev.wsmon.core.event.StateChanged;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Child JVM of the scale and memory benchmarks: the client under test, alone in its process so that its
 * RSS and threads are its own. {@code wsmon N URI}: one {@link Monitor} with N connections pinging every
 * second (or every {@code INTERVAL_MS}, a fourth argument). {@code baseline N URI}: N stock Java-WebSocket
 * clients with their lost-connection timer at 1 s. Connection i asks for the path {@code /ci}, which the
 * server's ping trace is keyed by. Prints {@code OPENED ms=.. open=..} once all are open, then answers
 * {@code stats}, {@code gc} (heap used after a full GC) and {@code timeouts} (every keepalive timeout so
 * far, with the connection's last pong before it) and ends on {@code quit}.
 */
public final class ScaleClient {

    static final Duration INTERVAL = Duration.ofSeconds(1);
    static final Duration PING_TIMEOUT = Duration.ofSeconds(5);
    static final Duration OPEN_ALL_TIMEOUT = Duration.ofMinutes(3);

    private final LongAdder events = new LongAdder();
    private final LongAdder pongs = new LongAdder();
    private final LongAdder closes = new LongAdder();
    /** Closes by code and cause, e.g. {@code 1006:keepalive_timeout}. */
    private final java.util.Map<String, Integer> causes = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final LongAdder rttOver100ms = new LongAdder();
    private final LongAdder rttOver1s = new LongAdder();
    private final LongAccumulator maxRttMicros = new LongAccumulator(Math::max, 0);
    /** Per connection: {seq, nanoTime} of its last pong, as the listener saw it. */
    private final java.util.Map<String, long[]> lastPong = new ConcurrentHashMap<>();
    /** {@code conn:seq:closedAtNanos:waitedMs:lastPongSeq:lastPongNanos} per keepalive timeout. */
    private final ConcurrentLinkedQueue<String> timeouts = new ConcurrentLinkedQueue<>();
    private Duration interval = INTERVAL;
    private CountDownLatch opened;
    private Monitor monitor;
    private final List<StockClient> stock = new ArrayList<>();

    private ScaleClient() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int n = Integer.parseInt(args[1]);
        URI uri = URI.create(args[2]);
        ScaleClient client = new ScaleClient();
        if (args.length > 3) {
            client.interval = Duration.ofMillis(Long.parseLong(args[3]));
        }
        client.run(kind, n, uri);
    }

    private void run(String kind, int n, URI uri) throws Exception {
        opened = new CountDownLatch(n);
        long t0 = System.nanoTime();
        if (kind.equals("wsmon")) {
            openWsmon(n, uri);
        } else {
            openBaseline(n, uri);
        }
        boolean all = opened.await(OPEN_ALL_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        say("OPENED ms=" + ms + " open=" + openNow() + " all=" + all);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        while ((line = in.readLine()) != null) {
            switch (line) {
                case "stats" -> {
                    MemoryUsage heap = memory.getHeapMemoryUsage();
                    say("STATS events=" + events.sum() + " pongs=" + pongs.sum() + " closes=" + closes.sum()
                            + " open=" + openNow() + " causes=" + causeList() + " heapUsed=" + heap.getUsed() + " heapCommitted=" + heap.getCommitted()
                            + " timeouts=" + timeouts.size() + " rttOver100ms=" + rttOver100ms.sum() + " rttOver1s=" + rttOver1s.sum()
                            + " maxRttUs=" + maxRttMicros.get());
                }
                case "timeouts" -> say("TIMEOUTS " + (timeouts.isEmpty() ? "-" : String.join(",", timeouts)));
                case "gc" -> {
                    System.gc();
                    MemoryUsage heap = memory.getHeapMemoryUsage();
                    say("GC heapAfterGc=" + heap.getUsed() + " heapCommitted=" + heap.getCommitted()
                            + " nonHeap=" + memory.getNonHeapMemoryUsage().getUsed());
                }
                case "quit" -> {
                    System.exit(0);
                }
                default -> say("ERROR unknown command " + line);
            }
        }
        System.exit(0);
    }

    private void openWsmon(int n, URI uri) {
        monitor = Monitor.create();
        Settings settings = Settings.builder().pingInterval(interval).pingTimeout(PING_TIMEOUT)
                .closeTimeout(Duration.ofSeconds(1)).openTimeout(Duration.ofSeconds(60)).build();
        monitor.addListener(e -> {
            events.increment();
            if (e instanceof LatencySample l) {
                pongs.increment();
                long micros = l.rtt().toNanos() / 1000;
                maxRttMicros.accumulate(micros);
                if (micros > 100_000) {
                    rttOver100ms.increment();
                }
                if (micros > 1_000_000) {
                    rttOver1s.increment();
                }
                lastPong.put(l.connection(), new long[] {l.pingSeq(), System.nanoTime()});
            } else if (e instanceof StateChanged s) {
                if (s.state() == State.OPEN) {
                    opened.countDown();
                } else if (s.state() == State.CLOSED) {
                    closes.increment();
                    s.close().ifPresent(r -> {
                        if (r.cause() == CloseCause.KEEPALIVE_TIMEOUT) {
                            long[] last = lastPong.getOrDefault(s.connection(), new long[] {-1, 0});
                            timeouts.add(s.connection() + ":" + r.pingSeq() + ":" + System.nanoTime() + ":"
                                    + r.waited().toMillis() + ":" + last[0] + ":" + last[1]);
                        }
                        causes.merge(r.code() + ":" + r.cause().name().toLowerCase(java.util.Locale.ROOT), 1, Integer::sum);
                        System.err.println(java.time.Instant.now() + " " + s.connection() + " CLOSED " + r);
                    });
                }
            }
        });
        for (int i = 0; i < n; i++) {
            monitor.add("c" + i, Endpoint.of(uri.resolve("/c" + i).toString()), settings).open();
        }
    }

    private void openBaseline(int n, URI uri) {
        StockClient.Counters counters = new StockClient.Counters(pongs, closes, opened);
        for (int i = 0; i < n; i++) {
            StockClient c = new StockClient(uri.resolve("/c" + i), (int) INTERVAL.toSeconds(), counters);
            stock.add(c);
            c.connect();
        }
    }

    private String causeList() {
        java.util.Map<String, Integer> all = new java.util.TreeMap<>(causes);
        for (StockClient c : stock) {
            if (c.closed.getCount() == 0) {
                all.merge(c.closeCode + ":stock", 1, Integer::sum);
            }
        }
        StringBuilder b = new StringBuilder();
        all.forEach((k, v) -> b.append(b.length() == 0 ? "" : ",").append(k).append('*').append(v));
        return b.length() == 0 ? "-" : b.toString();
    }

    private int openNow() {
        int open = 0;
        if (monitor != null) {
            for (MonitoredConnection c : monitor.connections()) {
                if (c.snapshot().state() == State.OPEN) {
                    open++;
                }
            }
        } else {
            for (StockClient c : stock) {
                if (c.isOpen()) {
                    open++;
                }
            }
        }
        return open;
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
