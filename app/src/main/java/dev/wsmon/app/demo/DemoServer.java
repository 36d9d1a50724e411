package dev.wsmon.app.demo;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A small echo server on 127.0.0.1 and a free port, for {@code --demo}: a newcomer sees wsmon's output
 * without a server of their own. It echoes every message and sends each client a tick once a second, so
 * that messages flow both ways.
 */
public final class DemoServer implements AutoCloseable {

    private static final long START_TIMEOUT_SECONDS = 5;

    private final Server server;
    private final ScheduledExecutorService ticker;

    private DemoServer(Server server, ScheduledExecutorService ticker) {
        this.server = server;
        this.ticker = ticker;
    }

    /**
     * Starts listening; returns once it does.
     *
     * @throws IllegalStateException if it cannot listen
     */
    public static DemoServer start() {
        Server server = new Server(new InetSocketAddress(loopback(), 0));
        server.setTcpNoDelay(true); // without it, Nagle delays pongs behind echoes (DESIGN.md)
        server.setReuseAddr(true);
        server.setConnectionLostTimeout(0); // the monitor pings; the demo only answers
        server.setDaemon(true);
        server.start();
        try {
            server.started.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            stopQuietly(server);
            throw new IllegalStateException("demo server could not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly(server);
            throw new IllegalStateException("interrupted while starting the demo server", e);
        }
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "wsmon-demo-ticker");
            t.setDaemon(true);
            return t;
        });
        AtomicLong n = new AtomicLong();
        ticker.scheduleAtFixedRate(() -> server.broadcast("{\"demo\":\"tick\",\"n\":" + n.incrementAndGet() + "}"),
                1, 1, TimeUnit.SECONDS);
        return new DemoServer(server, ticker);
    }

    public URI uri() {
        return URI.create("ws://127.0.0.1:" + server.getPort() + "/demo");
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop(1000, "demo over");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Server extends WebSocketServer {
        final CompletableFuture<Void> started = new CompletableFuture<>();

        Server(InetSocketAddress address) {
            super(address, 1);
        }

        @Override
        public void onStart() {
            started.complete(null);
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            conn.send("{\"demo\":\"welcome\",\"hint\":\"every message you send comes back as an echo\"}");
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            conn.send(message);
        }

        @Override
        public void onMessage(WebSocket conn, ByteBuffer message) {
            conn.send(message);
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            // nothing to clean up
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
            if (conn == null) {
                started.completeExceptionally(ex); // the listening socket failed
            }
        }
    }

    /** 127.0.0.1 itself: {@code getLoopbackAddress()} may be ::1 where IPv6 is preferred. */
    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // four bytes are always a valid address
        }
    }
}
