package dev.wsmon.core.testing;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.java_websocket.WebSocket;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A real Java-WebSocket server on 127.0.0.1 that behaves like a live feed, for the feed session's tests: it sends
 * ticks only to a client that subscribed (and only after it did, on each connection); it pings at the application
 * level and closes a client that has not answered the previous ping by the next one (code {@link #NO_PONG}); it
 * answers the client's application heartbeat; and it can {@link #pause()} all of that while the link stays up
 * (WebSocket pings are still answered, by the library).
 *
 * <p>The defaults speak Socket.IO v4 over Engine.IO 4: subscribe {@code 40}, ping {@code 2}, pong {@code 3}, ticks
 * {@code 42["tick",N]}; the client heartbeat {@code {"op":"ping"}} is answered with {@code {"op":"pong"}}.
 */
public final class FeedServer implements AutoCloseable {

    /** The close code for a client that did not answer an application ping. */
    public static final int NO_PONG = 4000;

    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    /** Options; nothing listens until {@link #start()}. */
    public static final class Builder {
        private String subscribe = "40";
        private Duration tickEvery = Duration.ofMillis(50);
        private LongFunction<String> tick = n -> "42[\"tick\"," + n + "]";
        private Optional<Duration> pingEvery = Optional.empty();
        private String ping = "2";
        private String pong = "3";
        private Pattern heartbeat = Pattern.compile("\\{\"op\":\"ping\"\\}");
        private String heartbeatReply = "{\"op\":\"pong\"}";

        private Builder() {
        }

        /** The message a client must send before it gets ticks. */
        public Builder subscribe(String text) {
            subscribe = text;
            return this;
        }

        public Builder ticks(Duration every) {
            tickEvery = every;
            return this;
        }

        /** Application pings every {@code every}; a client that did not answer one by the next is closed. */
        public Builder pings(Duration every) {
            pingEvery = Optional.of(every);
            return this;
        }

        public FeedServer start() {
            FeedServer server = new FeedServer(this);
            server.listen();
            return server;
        }
    }

    /** A connection's feed state. */
    private static final class Client {
        volatile boolean subscribed;
        volatile boolean awaitingPong;
    }

    private final Builder options;
    private final String prefix = "FeedServer-" + INSTANCES.incrementAndGet() + "-";
    private final Endpoint endpoint;
    private final ScheduledExecutorService timer;
    private final Map<WebSocket, Client> clients = new ConcurrentHashMap<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<TestServer.Closed> closes = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger subscriptions = new AtomicInteger();
    private final AtomicInteger pingsSent = new AtomicInteger();
    private final AtomicInteger pongs = new AtomicInteger();
    private final AtomicLong ticks = new AtomicLong();
    private final Signal changed = new Signal();
    private volatile boolean paused;

    public static Builder builder() {
        return new Builder();
    }

    private FeedServer(Builder options) {
        this.options = options;
        this.endpoint = new Endpoint(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        endpoint.setReuseAddr(true);
        endpoint.setTcpNoDelay(true);
        endpoint.setConnectionLostTimeout(0); // no library pings: the feed pings at the application level
        endpoint.setDaemon(true);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, prefix + "timer");
            t.setDaemon(true);
            return t;
        });
    }

    private void listen() {
        endpoint.start();
        try {
            started.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("feed server did not start", e);
        }
        long tickNanos = options.tickEvery.toNanos();
        timer.scheduleAtFixedRate(this::tick, tickNanos, tickNanos, TimeUnit.NANOSECONDS);
        options.pingEvery.ifPresent(every ->
                timer.scheduleAtFixedRate(this::ping, every.toNanos(), every.toNanos(), TimeUnit.NANOSECONDS));
    }

    public URI uri() {
        return URI.create("ws://127.0.0.1:" + endpoint.getPort() + "/");
    }

    /** Stops every tick, ping and heartbeat reply; the connections stay open. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    /** Closes every connection with {@code code} (1001, Going Away, for a server restart), so clients reconnect. */
    public void dropAll(int code) {
        clients.keySet().forEach(c -> c.close(code, "feed server dropping clients"));
    }

    /** Sends a binary message to every connection. */
    public void sendBinaryToAll(byte[] data) {
        clients.keySet().forEach(c -> {
            try {
                c.send(data);
            } catch (WebsocketNotConnectedException e) {
                // closing
            }
        });
    }

    /** Text messages received, in order (a copy). */
    public List<String> received() {
        return List.copyOf(received);
    }

    public List<String> awaitReceived(Predicate<List<String>> condition, Duration timeout) {
        changed.await(() -> "received messages to match (got " + received + ")", () -> condition.test(received()),
                timeout);
        return received();
    }

    /** Subscribe messages received so far, over all connections. */
    public int subscriptions() {
        return subscriptions.get();
    }

    /** Application pings sent and pongs received. */
    public int pingsSent() {
        return pingsSent.get();
    }

    public int pongs() {
        return pongs.get();
    }

    public void awaitPongs(int n, Duration timeout) {
        changed.await(() -> n + " pongs (got " + pongs.get() + ")", () -> pongs.get() >= n, timeout);
    }

    /** Waits until at least {@code n} connections were opened: a client can be OPEN before the server lists it. */
    public void awaitOpened(int n, Duration timeout) {
        changed.await(() -> n + " opened connections (got " + opened.get() + ")", () -> opened.get() >= n, timeout);
    }

    public int openedCount() {
        return opened.get();
    }

    public List<TestServer.Closed> closes() {
        return List.copyOf(closes);
    }

    public List<TestServer.Closed> awaitCloses(int n, Duration timeout) {
        changed.await(() -> n + " closes (got " + closes + ")", () -> closes.size() >= n, timeout);
        return closes();
    }

    private void tick() {
        if (paused) {
            return;
        }
        clients.forEach((conn, client) -> {
            if (client.subscribed) {
                send(conn, options.tick.apply(ticks.incrementAndGet()));
            }
        });
    }

    private void ping() {
        if (paused) {
            return;
        }
        clients.forEach((conn, client) -> {
            if (client.awaitingPong) {
                conn.close(NO_PONG, "no pong to the previous ping");
            } else {
                client.awaitingPong = true;
                pingsSent.incrementAndGet();
                send(conn, options.ping);
            }
        });
    }

    private static void send(WebSocket conn, String text) {
        try {
            conn.send(text);
        } catch (WebsocketNotConnectedException e) {
            // closing: nothing more to send it
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            endpoint.stop(2000);
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Endpoint extends WebSocketServer {
        Endpoint(InetSocketAddress address) {
            super(address, 1);
        }

        @Override
        public void onStart() {
            Thread.currentThread().setName(prefix + "selector");
            started.complete(null);
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            clients.put(conn, new Client());
            opened.incrementAndGet();
            changed.fire();
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            received.add(message);
            Client client = clients.get(conn);
            if (client != null) {
                if (message.equals(options.subscribe)) {
                    client.subscribed = true;
                    subscriptions.incrementAndGet();
                } else if (message.equals(options.pong)) {
                    client.awaitingPong = false;
                    pongs.incrementAndGet();
                } else if (options.heartbeat.matcher(message).matches() && !paused) {
                    send(conn, options.heartbeatReply);
                }
            }
            changed.fire();
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            clients.remove(conn);
            closes.add(new TestServer.Closed(code, reason, remote));
            changed.fire();
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
            if (conn == null) {
                started.completeExceptionally(ex);
            }
            changed.fire();
        }
    }
}
