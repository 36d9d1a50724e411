package dev.wsmon.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Accepts TCP connections, reads and discards whatever the client sends and never answers: the
 * opening handshake never completes. For open-timeout tests.
 */
public final class NeverUpgradeServer implements AutoCloseable {

    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final Signal changed = new Signal();
    private final TcpAcceptor acceptor;

    private NeverUpgradeServer() {
        this.acceptor = TcpAcceptor.start("never-upgrade", this::serve);
    }

    /** Listening on 127.0.0.1 and an ephemeral port when this returns. */
    public static NeverUpgradeServer start() {
        return new NeverUpgradeServer();
    }

    public int port() {
        return acceptor.port();
    }

    public URI uri() {
        return URI.create("ws://127.0.0.1:" + port() + "/");
    }

    /** Connections accepted since start. */
    public int acceptedCount() {
        return accepted.get();
    }

    /** Accepted connections whose client has not closed its side yet (no EOF seen). */
    public int openCount() {
        return open.get();
    }

    /** Waits until at least {@code n} connections have been accepted in total. */
    public void awaitAccepted(int n, Duration timeout) {
        changed.await(() -> n + " accepted connections (got " + accepted.get() + ")",
                () -> accepted.get() >= n, timeout);
    }

    /** Waits until every accepted client has closed its side (EOF or reset seen). */
    public void awaitAllClientsGone(Duration timeout) {
        changed.await(() -> "all clients to close (" + open.get() + " still open)",
                () -> open.get() == 0, timeout);
    }

    private void serve(Socket socket, long acceptedAtNanos) throws IOException {
        open.incrementAndGet();
        accepted.incrementAndGet();
        changed.fire();
        try (InputStream in = socket.getInputStream()) {
            byte[] sink = new byte[4096];
            while (in.read(sink) >= 0) {
                // discard: this server never answers
            }
        } finally {
            open.decrementAndGet();
            changed.fire();
        }
    }

    /** Closes every connection and the listening socket; all threads have ended on return. */
    @Override
    public void close() {
        acceptor.close();
    }
}
