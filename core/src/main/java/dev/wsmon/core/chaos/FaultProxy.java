package dev.wsmon.core.chaos;

import dev.wsmon.core.MonotonicClock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy that injects network faults between a client and a server: outages ({@link FaultMode}), resets, orderly
 * closes and one-way latency.
 *
 * <p>Each accepted connection becomes a <em>link</em> to the target. Each direction of a link has a reader thread that
 * stamps the chunks it reads and a writer thread that sends them when due, so latency never slows reading down. At most
 * 256 KiB wait per direction; beyond that the reader waits, so a slow receiver slows the sender down as it would
 * without the proxy.
 *
 * <p>All threads are daemons named {@code wsmon-proxy-<port>-...}. Thread-safe; nothing here throws for socket
 * conditions after {@link #start}: they end the link concerned and are logged at debug.
 */
public final class FaultProxy implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FaultProxy.class);

    private static final int CHUNK_SIZE = 16 * 1024;
    private static final int QUEUE_LIMIT = 256 * 1024;
    private static final int BACKLOG = 50;
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final long ACCEPT_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long STOP_LISTENING_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final long CLOSE_JOIN_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final byte[] NO_BYTES = new byte[0];

    private final InetAddress listenHost;
    private final int port;
    private final InetSocketAddress target;
    private final String name;
    /** Monotonic time for delays and deadlines. */
    private final MonotonicClock clock;

    private final ReentrantLock listenLock = new ReentrantLock();
    private final Condition listenChanged = listenLock.newCondition();
    // Both guarded by listenLock. listener is null while refusing, after a failed re-listen and once closed;
    // acceptingOn is the socket the accept thread is inside accept() on, if any.
    private ServerSocket listener;
    private ServerSocket acceptingOn;
    private volatile boolean closed; // written under listenLock

    private volatile FaultMode mode = FaultMode.PASS;
    private volatile long clientToServerDelayNanos;
    private volatile long serverToClientDelayNanos;
    private volatile Jitter jitter = Jitter.NONE;

    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger linkIds = new AtomicInteger();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong forwardedToServer = new AtomicLong();
    private final AtomicLong forwardedToClient = new AtomicLong();

    private FaultProxy(ServerSocket listener, InetSocketAddress target, MonotonicClock clock) {
        this.listener = listener;
        this.clock = clock;
        this.listenHost = listener.getInetAddress();
        this.port = listener.getLocalPort();
        this.target = target;
        this.name = "wsmon-proxy-" + port;
    }

    /** Starts a proxy to {@code target} listening on 127.0.0.1 on an ephemeral port. */
    public static FaultProxy start(InetSocketAddress target) throws IOException {
        return start(new InetSocketAddress("127.0.0.1", 0), target);
    }

    /** Starts a proxy to {@code target} listening on {@code listen} (port 0 picks an ephemeral port). */
    public static FaultProxy start(InetSocketAddress listen, InetSocketAddress target) throws IOException {
        return start(listen, target, MonotonicClock.SYSTEM);
    }

    /** As {@link #start(InetSocketAddress, InetSocketAddress)}, timing delays with {@code clock}'s monotonic time. */
    public static FaultProxy start(InetSocketAddress listen, InetSocketAddress target, MonotonicClock clock)
            throws IOException {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(clock, "clock");
        FaultProxy proxy = new FaultProxy(listen(listen), target, clock);
        proxy.spawn(proxy.name + "-accept", proxy::acceptLoop);
        log.debug("{}: forwarding {} to {}", proxy.name, proxy.address(), target);
        return proxy;
    }

    /** The port the proxy listens on; it stays the same across {@link FaultMode#REFUSE}. */
    public int port() {
        return port;
    }

    /** Where clients connect: the listen address (loopback if that is the wildcard address) and {@link #port()}. */
    public InetSocketAddress address() {
        InetAddress host = listenHost.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : listenHost;
        return new InetSocketAddress(host, port);
    }

    public InetSocketAddress target() {
        return target;
    }

    /** Applies {@code mode} at once to every live link and to new ones. */
    public void setMode(FaultMode mode) {
        Objects.requireNonNull(mode, "mode");
        listenLock.lock();
        try {
            this.mode = mode;
            if (mode == FaultMode.REFUSE) {
                stopListening();
            } else if (!closed && listener == null) {
                listenAgain();
            }
            listenChanged.signalAll();
        } finally {
            listenLock.unlock();
        }
        links.forEach(Link::wake);
        log.debug("{}: mode {}", name, mode);
    }

    public FaultMode mode() {
        return mode;
    }

    /**
     * Whether the proxy accepts connections. False while {@link FaultMode#REFUSE}, after {@link #close()}, and if the
     * port could not be bound again on leaving REFUSE (another socket took it); setting a mode retries.
     */
    public boolean listening() {
        listenLock.lock();
        try {
            return listener != null;
        } finally {
            listenLock.unlock();
        }
    }

    /** Sends a TCP RST to both sides of every live link. */
    public void resetAll() {
        links.forEach(Link::reset);
    }

    /**
     * Closes both sides of every live link in order (FIN). A side that sent bytes the proxy has not read yet (as under
     * STALL) gets an RST from the kernel after the FIN, as with any socket closed with unread input.
     */
    public void finAll() {
        links.forEach(Link::fin);
    }

    /** Adds one-way latency to chunks read from now on; order is always preserved. */
    public void setDelay(Duration clientToServer, Duration serverToClient) {
        clientToServerDelayNanos = nonNegativeNanos(clientToServer, "clientToServer");
        serverToClientDelayNanos = nonNegativeNanos(serverToClient, "serverToClient");
    }

    /**
     * Varies the round trip set by {@link #setDelay} by up to ± {@code range}, half of it each way: one draw serves
     * every chunk read within {@code period} of it, and the next chunk after that draws again. Order is always
     * preserved; a direction's delay never goes below zero. {@link Duration#ZERO} turns it off.
     */
    public void setJitter(Duration range, Duration period) {
        jitter = range.isZero() ? Jitter.NONE : new Jitter(range, period);
    }

    public int activeLinks() {
        return links.size();
    }

    /** Connections accepted since start. */
    public long acceptedLinks() {
        return accepted.get();
    }

    /**
     * Bytes the clients have sent that the proxy has not read yet, over all links: what {@link FaultMode#STALL} holds.
     * Above zero, a client has finished connecting and written (its upgrade request, say).
     */
    public long unreadClientBytes() {
        long n = 0;
        for (Link link : links) {
            n += link.unreadFromClient();
        }
        return n;
    }

    /** Bytes written to the server since start, over all links. */
    public long forwardedToServer() {
        return forwardedToServer.get();
    }

    /** Bytes written to the clients since start, over all links. */
    public long forwardedToClient() {
        return forwardedToClient.get();
    }

    /** Bytes discarded by {@link FaultMode#BLACKHOLE} since start. */
    public long droppedBytes() {
        return dropped.get();
    }

    /** Stops listening, resets every link and waits briefly for every proxy thread to end. Idempotent. */
    @Override
    public void close() {
        listenLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            stopListening();
            listenChanged.signalAll();
        } finally {
            listenLock.unlock();
        }
        links.forEach(Link::reset);
        awaitThreadsEnd();
        log.debug("{}: closed", name);
    }

    @Override
    public String toString() {
        return "FaultProxy[" + address() + " -> " + target + ", " + mode + ", " + activeLinks() + " links]";
    }

    private static ServerSocket listen(InetSocketAddress address) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(address, BACKLOG);
            return socket;
        } catch (IOException e) {
            closeQuietly(socket);
            throw e;
        }
    }

    /** Closes the listening socket and, holding listenLock, waits until the kernel no longer listens. */
    private void stopListening() {
        ServerSocket closing = listener;
        if (closing == null) {
            return;
        }
        listener = null;
        closeQuietly(closing);
        // The JDK defers the kernel close to the thread blocked in accept(), which may still accept in the meantime.
        long left = STOP_LISTENING_NANOS;
        try {
            while (acceptingOn == closing && left > 0) {
                left = listenChanged.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void listenAgain() {
        try {
            listener = listen(new InetSocketAddress(listenHost, port));
        } catch (IOException e) {
            log.debug("{}: cannot listen again: {}", name, e.toString());
        }
    }

    private void acceptLoop() {
        ServerSocket server;
        while ((server = beginAccept()) != null) {
            Socket client = null;
            boolean failed = false;
            try {
                client = server.accept();
            } catch (IOException e) {
                failed = !server.isClosed();
                if (failed) {
                    log.debug("{}: accept failed: {}", name, e.toString());
                }
            }
            // Out of file descriptors and the like: back off instead of spinning.
            endAccept(failed ? ACCEPT_RETRY_NANOS : 0);
            if (client != null) {
                onAccept(client);
            }
        }
    }

    /** The socket to accept on, waiting while there is none; null once closed. */
    private ServerSocket beginAccept() {
        listenLock.lock();
        try {
            while (!closed && listener == null) {
                listenChanged.await();
            }
            acceptingOn = closed ? null : listener;
            return acceptingOn;
        } catch (InterruptedException e) {
            return null;
        } finally {
            listenLock.unlock();
        }
    }

    private void endAccept(long backOffNanos) {
        listenLock.lock();
        try {
            acceptingOn = null;
            listenChanged.signalAll();
            if (backOffNanos > 0) {
                listenChanged.awaitNanos(backOffNanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            listenLock.unlock();
        }
    }

    private void onAccept(Socket client) {
        accepted.incrementAndGet();
        Link link = new Link(linkIds.incrementAndGet(), client);
        links.add(link);
        if (closed) {
            link.reset();
        } else {
            link.start();
        }
    }

    private void spawn(String threadName, Runnable body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        }, threadName);
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, e) -> log.error("{} failed", t.getName(), e));
        threads.add(thread);
        thread.start();
    }

    private void awaitThreadsEnd() {
        long deadline = clock.nanoTime() + CLOSE_JOIN_NANOS;
        for (Thread thread : threads) {
            long left = deadline - clock.nanoTime();
            if (thread == Thread.currentThread() || left <= 0) {
                continue;
            }
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean forwards(FaultMode mode) {
        return mode == FaultMode.PASS || mode == FaultMode.REFUSE;
    }

    private static long nonNegativeNanos(Duration delay, String what) {
        Objects.requireNonNull(delay, what);
        if (delay.isNegative()) {
            throw new IllegalArgumentException(what + " delay must not be negative: " + delay);
        }
        return delay.toNanos();
    }

    private static void closeWithReset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // Already closed or never connected: closing is all that is left to do.
        }
        closeQuietly(socket);
    }

    private static void closeWithFin(Socket socket) {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            // Not connected, or output already shut down.
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("close failed: {}", e.toString());
        }
    }

    private enum Kind { DATA, EOF, RESET }

    /** What one direction read (bytes, or its end by FIN or by error), due for writing at {@code dueNanos}. */
    private record Chunk(Kind kind, byte[] bytes, long dueNanos) {
    }

    /** One accepted connection and its connection to the target. */
    private final class Link {

        private final String name;
        private final Socket client;
        private final Socket server = new Socket();
        private final Pipe clientToServer;
        private final Pipe serverToClient;
        private final AtomicBoolean ended = new AtomicBoolean();
        private final AtomicInteger directionsDone = new AtomicInteger();

        Link(int id, Socket client) {
            this.name = FaultProxy.this.name + "-link" + id;
            this.client = client;
            this.clientToServer = new Pipe(name + "-c2s", client, server, () -> clientToServerDelayNanos, forwardedToServer);
            this.serverToClient = new Pipe(name + "-s2c", server, client, () -> serverToClientDelayNanos, forwardedToClient);
        }

        void start() {
            spawn(clientToServer.name + "-read", this::connectThenRun);
        }

        int unreadFromClient() {
            try {
                return client.getInputStream().available();
            } catch (IOException e) {
                return 0; // the link has ended
            }
        }

        private void connectThenRun() {
            try {
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                // A stalled network carries nothing, so the target sees no connection until the stall ends.
                if (!clientToServer.awaitReadable()) {
                    return;
                }
                server.connect(target, CONNECT_TIMEOUT_MILLIS);
            } catch (InterruptedException e) {
                reset();
                return;
            } catch (IOException e) {
                if (!ended.get()) {
                    log.debug("{}: cannot connect to {}: {}", name, target, e.toString());
                }
                reset();
                return;
            }
            log.debug("{}: {} connected to {}", name, client.getRemoteSocketAddress(), target);
            spawn(serverToClient.name + "-read", serverToClient::read);
            spawn(clientToServer.name + "-write", clientToServer::write);
            spawn(serverToClient.name + "-write", serverToClient::write);
            clientToServer.read();
        }

        void reset() {
            if (end("reset")) {
                closeWithReset(client);
                closeWithReset(server);
            }
        }

        void fin() {
            if (end("fin")) {
                closeWithFin(client);
                closeWithFin(server);
            }
        }

        private void directionDone() {
            if (directionsDone.incrementAndGet() == 2 && end("both sides closed")) {
                closeQuietly(client);
                closeQuietly(server);
            }
        }

        void wake() {
            clientToServer.wake();
            serverToClient.wake();
        }

        /** Marks the link ended; true for the one caller that then closes its sockets. */
        private boolean end(String why) {
            if (!ended.compareAndSet(false, true)) {
                return false;
            }
            links.remove(this);
            wake();
            log.debug("{}: ended ({})", name, why);
            return true;
        }

        /** One direction of a link: a reader fills the queue, a writer drains it as chunks fall due. */
        private final class Pipe {

            private final String name;
            private final Socket from;
            private final Socket to;
            private final LongSupplier delayNanos;
            private final AtomicLong forwarded;
            private final ReentrantLock lock = new ReentrantLock();
            private final Condition changed = lock.newCondition();
            private final ArrayDeque<Chunk> queue = new ArrayDeque<>(); // guarded by lock
            private int queuedBytes; // guarded by lock

            Pipe(String name, Socket from, Socket to, LongSupplier delayNanos, AtomicLong forwarded) {
                this.name = name;
                this.from = from;
                this.to = to;
                this.delayNanos = delayNanos;
                this.forwarded = forwarded;
            }

            void read() {
                try {
                    InputStream in = from.getInputStream();
                    byte[] buffer = new byte[CHUNK_SIZE];
                    while (awaitReadable()) {
                        int n = in.read(buffer);
                        if (n < 0) {
                            enqueueEnd(Kind.EOF);
                            return;
                        }
                        enqueueData(Arrays.copyOf(buffer, n));
                    }
                } catch (IOException e) {
                    if (!ended.get()) {
                        log.debug("{}: read failed: {}", name, e.toString());
                        enqueueEnd(Kind.RESET);
                    }
                } catch (InterruptedException e) {
                    reset();
                }
            }

            void write() {
                try {
                    OutputStream out = to.getOutputStream();
                    Chunk chunk;
                    while ((chunk = awaitDue()) != null) {
                        switch (chunk.kind()) {
                            case DATA -> {
                                out.write(chunk.bytes());
                                forwarded.addAndGet(chunk.bytes().length);
                            }
                            case EOF -> {
                                to.shutdownOutput();
                                directionDone();
                                return;
                            }
                            case RESET -> {
                                reset();
                                return;
                            }
                        }
                    }
                } catch (IOException e) {
                    if (!ended.get()) {
                        log.debug("{}: write failed: {}", name, e.toString());
                        reset();
                    }
                } catch (InterruptedException e) {
                    reset();
                }
            }

            void wake() {
                lock.lock();
                try {
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }

            private long dueNanos() {
                long now = clock.nanoTime();
                return now + Math.max(0, delayNanos.getAsLong() + jitter.offsetNanos(now) / 2);
            }

            /** Waits while the mode is STALL; false once the link has ended. */
            private boolean awaitReadable() throws InterruptedException {
                lock.lock();
                try {
                    while (!ended.get() && mode == FaultMode.STALL) {
                        changed.await();
                    }
                    return !ended.get();
                } finally {
                    lock.unlock();
                }
            }

            /** Queues bytes once there is room, or drops them under BLACKHOLE. */
            private void enqueueData(byte[] bytes) throws InterruptedException {
                long due = dueNanos();
                lock.lock();
                try {
                    while (!ended.get() && queuedBytes >= QUEUE_LIMIT && mode != FaultMode.BLACKHOLE) {
                        changed.await();
                    }
                    if (mode == FaultMode.BLACKHOLE) {
                        dropped.addAndGet(bytes.length);
                        return;
                    }
                    queue.add(new Chunk(Kind.DATA, bytes, due));
                    queuedBytes += bytes.length;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }

            /** Queues the end of the stream (EOF or RESET); it never waits for room and is never dropped. */
            private void enqueueEnd(Kind kind) {
                long due = dueNanos();
                lock.lock();
                try {
                    queue.add(new Chunk(kind, NO_BYTES, due));
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }

            /** The next chunk once due and the mode forwards; drops data under BLACKHOLE; null once the link ended. */
            private Chunk awaitDue() throws InterruptedException {
                lock.lock();
                try {
                    while (!ended.get()) {
                        FaultMode current = mode;
                        if (current == FaultMode.BLACKHOLE) {
                            dropQueuedData();
                        }
                        Chunk head = queue.peek();
                        if (head == null || !forwards(current)) {
                            changed.await();
                            continue;
                        }
                        long wait = head.dueNanos() - clock.nanoTime();
                        if (wait <= 0) {
                            queue.remove();
                            queuedBytes -= head.bytes().length;
                            changed.signalAll();
                            return head;
                        }
                        changed.awaitNanos(wait);
                    }
                    return null;
                } finally {
                    lock.unlock();
                }
            }

            private void dropQueuedData() {
                while (!queue.isEmpty() && queue.peek().kind() == Kind.DATA) {
                    int length = queue.remove().bytes().length;
                    queuedBytes -= length;
                    dropped.addAndGet(length);
                    changed.signalAll();
                }
            }
        }
    }
}
