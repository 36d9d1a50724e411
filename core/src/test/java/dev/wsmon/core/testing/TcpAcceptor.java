package dev.wsmon.core.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shared plumbing of the raw TCP peers: a listening socket on 127.0.0.1, one daemon thread per
 * accepted connection, and a {@link #close()} that closes every socket and joins every thread.
 */
final class TcpAcceptor implements AutoCloseable {

    /** Serves one accepted connection on its own thread; it may block reading as long as it likes. */
    @FunctionalInterface
    interface Handler {
        void handle(Socket socket, long acceptedAtNanos) throws IOException;
    }

    private static final long JOIN_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final String name;
    private final Handler handler;
    private final ServerSocket server;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicInteger connectionSeq = new AtomicInteger();
    private volatile boolean closed;
    private volatile Thread acceptThread;

    private TcpAcceptor(String name, Handler handler) throws IOException {
        this.name = name;
        this.handler = handler;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /** Binds 127.0.0.1 on an ephemeral port; the socket listens when this returns. */
    static TcpAcceptor start(String name, Handler handler) {
        try {
            TcpAcceptor acceptor = new TcpAcceptor(name, handler);
            acceptor.acceptThread = acceptor.spawn(name + "-" + acceptor.port() + "-accept", acceptor::acceptLoop);
            return acceptor;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1 for " + name, e);
        }
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return; // closed by close(), or the listening socket failed: either way accept no more
            }
            long acceptedAt = System.nanoTime();
            sockets.add(socket);
            spawn(name + "-" + port() + "-conn-" + connectionSeq.incrementAndGet(), () -> serve(socket, acceptedAt));
        }
    }

    private void serve(Socket socket, long acceptedAt) {
        try {
            handler.handle(socket, acceptedAt);
        } catch (IOException e) {
            // resets and closed sockets are the normal end of a test connection
        }
    }

    private Thread spawn(String threadName, Runnable body) {
        Thread thread = new Thread(body, threadName);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
        return thread;
    }

    /** Closes the listening socket and every accepted socket, then waits for all threads to end. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        long deadline = System.nanoTime() + JOIN_NANOS;
        join(acceptThread, deadline); // after this no connection can be added any more
        sockets.forEach(TcpAcceptor::closeQuietly);
        for (Thread thread : threads) {
            join(thread, deadline);
        }
    }

    private void join(Thread thread, long deadline) {
        try {
            TimeUnit.NANOSECONDS.timedJoin(thread, Math.max(1, deadline - System.nanoTime()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping " + name, e);
        }
        if (thread.isAlive()) {
            throw new IllegalStateException(thread.getName() + " did not end after close");
        }
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing for cleanup: nothing useful to do with a failure
        }
    }
}
