package dev.wsmon.bench;

import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ServerHandshake;

/**
 * The baseline: a stock Java-WebSocket 1.6.0 client, configured only with its lost-connection timeout
 * (the library's own keepalive: a ping every T seconds, closed 1006 once no pong came for 1.5 T) and as
 * a daemon. It only records when things happened.
 */
final class StockClient extends WebSocketClient {

    /** Shared counters of a fleet of clients (scale benchmark); may be null. */
    record Counters(LongAdder pongs, LongAdder closes, CountDownLatch opened) {
    }

    final CountDownLatch opened = new CountDownLatch(1);
    final CountDownLatch closed = new CountDownLatch(1);
    final CountDownLatch twoPongs = new CountDownLatch(2);
    final AtomicLong pongs = new AtomicLong();
    volatile long lastFrameNanos;
    volatile long closedNanos;
    volatile int closeCode;
    volatile String closeReason = "";
    private final Counters counters;

    StockClient(URI uri, int lostTimeoutSeconds, Counters counters) {
        super(uri);
        this.counters = counters;
        if (lostTimeoutSeconds >= 0) {
            setConnectionLostTimeout(lostTimeoutSeconds);
        }
        setDaemon(true);
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
        lastFrameNanos = System.nanoTime();
        opened.countDown();
        if (counters != null) {
            counters.opened().countDown();
        }
    }

    @Override
    public void onMessage(String message) {
        lastFrameNanos = System.nanoTime();
    }

    @Override
    public void onMessage(ByteBuffer bytes) {
        lastFrameNanos = System.nanoTime();
    }

    @Override
    public void onWebsocketPong(WebSocket conn, Framedata f) {
        lastFrameNanos = System.nanoTime();
        pongs.incrementAndGet();
        twoPongs.countDown();
        if (counters != null) {
            counters.pongs().increment();
        }
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closedNanos = System.nanoTime();
        closeCode = code;
        closeReason = reason == null ? "" : reason;
        closed.countDown();
        if (counters != null) {
            counters.closes().increment();
        }
    }

    @Override
    public void onError(Exception ex) {
        // onClose follows where it matters; the benchmark only times closes
    }

    /** Releases a client the library never finished closing: closes its TCP socket. */
    void forceDrop() {
        Socket s = getSocket();
        try {
            if (s != null) {
                s.setSoLinger(true, 0);
                s.close();
            }
        } catch (Exception e) {
            // already gone
        }
    }
}
