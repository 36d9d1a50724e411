package dev.wsmon.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * Child JVM of the scale benchmark: one Java-WebSocket echo server on 127.0.0.1 (TCP_NODELAY, its
 * lost-connection timer off; it answers pings as the library does). Prints {@code PORT n}, then answers
 * {@code stats} and ends on {@code quit} or end of input.
 */
public final class ScaleServer {

    private ScaleServer() {
    }

    public static void main(String[] args) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicLong opened = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        WebSocketServer server = new WebSocketServer(new InetSocketAddress("127.0.0.1", 0)) {
            @Override
            public void onOpen(WebSocket conn, ClientHandshake handshake) {
                opened.incrementAndGet();
            }

            @Override
            public void onClose(WebSocket conn, int code, String reason, boolean remote) {
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
        System.out.println("PORT " + server.getPort());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("stats")) {
                System.out.println("STATS connections=" + server.getConnections().size() + " opened=" + opened.get()
                        + " errors=" + errors.get());
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

}
