package dev.wsmon.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Child JVM of the scale benchmark: one Java-WebSocket echo server on 127.0.0.1 (TCP_NODELAY, its
 * lost-connection timer off; it answers pings as the library does). Prints {@code PORT n}, then answers
 * {@code stats} and {@code trace PATH} and ends on {@code quit} or end of input.
 *
 * <p>It keeps a {@link PingTrace} per request path (the scale client gives each connection its own): when
 * each ping's bytes were read, when it was decoded and its pong queued, and when that pong was written, so
 * that a keepalive timeout seen by the client can be placed on one side or the other. A pong written more
 * than 1 s after its ping was read is also logged to standard error.
 *
 * <p>Unless started with {@code norepair}, it also repairs a lost write wake-up of the library's server
 * (see {@link #STUCK}): the soak measures wsmon's false alarms, not this server's.
 */
public final class ScaleServer {

    /**
     * A pong queued this long without being written is stuck: Java-WebSocket 1.6.0's selector can clear
     * the write interest that the worker thread has just set for it (its doWrite finds the queue empty and
     * sets OP_READ while the worker queues the pong and sets OP_READ|OP_WRITE), and nothing writes it until
     * the connection's next write. The server then asks for the write again, as the library itself would.
     */
    static final long STUCK = TimeUnit.SECONDS.toNanos(1);

    private ScaleServer() {
    }

    public static void main(String[] args) throws Exception {
        boolean repair = !List.of(args).contains("norepair");
        java.util.Set<TracedChannel> open = ConcurrentHashMap.newKeySet();
        LongAdder nudges = new LongAdder();
        LongAdder repaired = new LongAdder();
        LongAdder interestLost = new LongAdder();
        CountDownLatch started = new CountDownLatch(1);
        AtomicLong opened = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Map<String, PingTrace> traces = new ConcurrentHashMap<>();
        LongAdder pings = new LongAdder();
        LongAdder slow100ms = new LongAdder();
        LongAdder slow1s = new LongAdder();
        LongAccumulator slowest = new LongAccumulator(Math::max, 0);
        WebSocketServer server = new WebSocketServer(new InetSocketAddress("127.0.0.1", 0)) {
            @Override
            public void onOpen(WebSocket conn, ClientHandshake handshake) {
                opened.incrementAndGet();
                if (((WebSocketImpl) conn).getChannel() instanceof TracedChannel t) {
                    // One trace per path across reconnects: a timeout's trace shows the attempt that ended.
                    t.trace = traces.computeIfAbsent(conn.getResourceDescriptor(), p -> t.trace);
                    t.path = conn.getResourceDescriptor();
                    t.conn = conn;
                    open.add(t);
                }
            }

            @Override
            public void onWebsocketPing(WebSocket conn, Framedata f) {
                ByteBuffer payload = f.getPayloadData();
                if (payload.remaining() == Long.BYTES && ((WebSocketImpl) conn).getChannel() instanceof TracedChannel t) {
                    pings.increment();
                    t.queued(payload.getLong(payload.position()), System.nanoTime()); // before the pong can be written
                }
                super.onWebsocketPing(conn, f);
            }

            @Override
            public void onClose(WebSocket conn, int code, String reason, boolean remote) {
                if (((WebSocketImpl) conn).getChannel() instanceof TracedChannel t) {
                    open.remove(t);
                }
            }

            @Override
            public void onMessage(WebSocket conn, String message) {
                conn.send(message);
            }

            @Override
            public void onError(WebSocket conn, Exception ex) {
                errors.incrementAndGet();
            }

            @Override
            public void onStart() {
                started.countDown();
            }
        };
        server.setWebSocketFactory(new WebSocketServerFactory() {
            @Override
            public WebSocketImpl createWebSocket(WebSocketAdapter a, Draft d) {
                return new WebSocketImpl(a, d);
            }

            @Override
            public WebSocketImpl createWebSocket(WebSocketAdapter a, List<Draft> d) {
                return new WebSocketImpl(a, d);
            }

            @Override
            public void close() {
            }

            @Override
            public ByteChannel wrapChannel(SocketChannel channel, SelectionKey key) {
                return new TracedChannel(channel, (path, seq, delay, nudged) -> {
                    if (nudged) {
                        repaired.increment();
                        System.err.printf("lost write wake-up repaired: %s seq %d written %.1f ms after its ping was read%n", path, seq, delay / 1e6);
                        return; // not counted as slow: without the repair it would never have been written
                    }
                    slowest.accumulate(delay);
                    if (delay > 100_000_000L) {
                        slow100ms.increment();
                    }
                    if (delay > 1_000_000_000L) {
                        slow1s.increment();
                        System.err.printf("slow pong: %s seq %d written %.1f ms after its ping was read%n", path, seq, delay / 1e6);
                    }
                });
            }
        });
        server.setTcpNoDelay(true);
        server.setConnectionLostTimeout(0);
        server.setReuseAddr(true);
        server.setMaxPendingConnections(4096); // opening 1000 clients at once must not overflow the accept backlog
        server.setDaemon(true);
        server.start();
        if (!started.await(30, TimeUnit.SECONDS)) {
            System.err.println("server did not start");
            System.exit(2);
        }
        if (repair) {
            java.util.concurrent.ScheduledExecutorService checker = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "stuck-pong-checker");
                t.setDaemon(true);
                return t;
            });
            checker.scheduleWithFixedDelay(() -> {
                long now = System.nanoTime();
                for (TracedChannel t : open) {
                    if (t.stuckSince(now, STUCK)) {
                        nudges.increment();
                        SelectionKey key = ((WebSocketImpl) t.conn).getSelectionKey();
                        try {
                            // What the selector was left with: write interest cleared with a pong queued is the lost wake-up.
                            int interest = key.interestOps();
                            if ((interest & SelectionKey.OP_WRITE) == 0) {
                                interestLost.increment();
                            }
                            System.err.printf("stuck pong: %s interest=%d ready=%d queued=%d%n", t.path, interest,
                                    key.readyOps(), ((WebSocketImpl) t.conn).outQueue.size());
                        } catch (java.nio.channels.CancelledKeyException closed) {
                            continue;
                        }
                        t.nudged = true;
                        server.onWriteDemand(t.conn);
                    }
                }
            }, 250, 250, TimeUnit.MILLISECONDS);
        }
        System.out.println("PORT " + server.getPort());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("stats")) {
                System.out.println("STATS connections=" + server.getConnections().size() + " opened=" + opened.get()
                        + " errors=" + errors.get() + " pings=" + pings.sum() + " slowPongs100ms=" + slow100ms.sum()
                        + " slowPongs1s=" + slow1s.sum() + " slowestPongUs=" + slowest.get() / 1000
                        + " repair=" + repair + " nudges=" + nudges.sum() + " repaired=" + repaired.sum()
                        + " writeInterestLost=" + interestLost.sum());
                System.out.flush();
            } else if (line.startsWith("trace ")) {
                String path = line.substring("trace ".length()).trim();
                PingTrace t = traces.get(path);
                System.out.println("TRACE path=" + path + " now=" + System.nanoTime() + " pings=" + (t == null ? "-" : t.dump()));
                System.out.flush();
            } else if (line.equals("quit")) {
                break;
            }
        }
        try {
            server.stop(1000);
        } catch (InterruptedException | RuntimeException e) {
            // leaving anyway
        }
        System.exit(0);
    }


    /** Receives each pong's read → write delay, and whether it was written after a repair. */
    interface PongWritten {
        void accept(String path, long seq, long delayNanos, boolean afterNudge);
    }

    /** The server's socket, observed: when bytes were read, and which pong each write carried (RFC 6455 5.5.3). */
    static final class TracedChannel implements ByteChannel {
        private final SocketChannel channel;
        private final PongWritten onPong;
        volatile PingTrace trace = new PingTrace();
        volatile String path = "?";
        volatile WebSocket conn;
        volatile boolean nudged;
        private long queued;
        private long written;
        /** When the oldest pong not yet written was queued, or since the last write; 0 if none is waiting. */
        private long pendingSince;

        TracedChannel(SocketChannel channel, PongWritten onPong) {
            this.channel = channel;
            this.onPong = onPong;
        }

        /** The worker thread is about to queue the pong of ping {@code seq}. */
        void queued(long seq, long now) {
            trace.pinged(seq, now);
            synchronized (this) {
                if (queued++ == written) {
                    pendingSince = now;
                }
            }
        }

        private synchronized void wrote(long now) {
            written++;
            pendingSince = written >= queued ? 0 : now;
        }

        synchronized boolean stuckSince(long now, long limit) {
            return pendingSince != 0 && now - pendingSince > limit;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            int n = channel.read(dst);
            if (n > 0) {
                trace.read(System.nanoTime());
            }
            return n;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            int p = src.position();
            // The library queues each frame in a buffer of its own; a server frame is unmasked: 0x8A, length 8, seq.
            long seq = src.remaining() == 2 + Long.BYTES && src.get(p) == (byte) 0x8A && src.get(p + 1) == Long.BYTES
                    ? src.getLong(p + 2) : -1;
            int n = channel.write(src);
            if (seq >= 0 && !src.hasRemaining()) {
                long now = System.nanoTime();
                wrote(now);
                long delay = trace.written(seq, now);
                if (delay >= 0) {
                    onPong.accept(path, seq, delay, nudged);
                }
                nudged = false;
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }
}
