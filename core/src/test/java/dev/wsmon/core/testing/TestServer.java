package dev.wsmon.core.testing;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.protocols.IProtocol;
import org.java_websocket.protocols.Protocol;
import org.java_websocket.server.DefaultSSLWebSocketServerFactory;
import org.java_websocket.server.SSLParametersWebSocketServerFactory;
import org.java_websocket.server.DefaultWebSocketServerFactory;
import org.java_websocket.server.WebSocketServer;

/**
 * A real Java-WebSocket server on 127.0.0.1 for tests: echoes text by default, records what it
 * receives, and can close, message or drop its clients on demand. {@link #start()} returns only
 * once it listens; {@link #stop()} returns only once the port is closed and every thread it
 * started has ended. A stopped server can be replaced on the same port with {@link #restart}.
 *
 * <p>Its threads are daemons named {@link #threadNamePrefix()}{@code selector|worker-0|tls}.
 */
public final class TestServer implements AutoCloseable {

    /** A close the server saw on one of its connections, as Java-WebSocket reported it. */
    public record Closed(int code, String reason, boolean remote) {
    }

    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    /** Going Away (RFC 6455 7.4.1): what a stopping server tells its clients. */
    private static final int GOING_AWAY = 1001;

    static {
        // SSLSocketChannel2 asserts a handshake state that TLS 1.3 reaches legitimately when its delegated
        // tasks finish early (Java-WebSocket #190); under Surefire's -ea that kills the selector thread.
        // Production runs the library without -ea: so do the tests.
        WebSocketServer.class.getClassLoader().setPackageAssertionStatus("org.java_websocket", false);
    }

    private final Builder options;
    private final String threadPrefix;
    private final Endpoint endpoint;
    private final Thread selectorThread;
    private final ExecutorService tlsExecutor;
    private final Set<WebSocketImpl> created = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> handshakes = new CopyOnWriteArrayList<>();
    private final List<String> negotiated = new CopyOnWriteArrayList<>();
    private final List<Closed> closes = new CopyOnWriteArrayList<>();
    private final List<Exception> errors = new CopyOnWriteArrayList<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger upgraded = new AtomicInteger();
    private final Signal changed = new Signal();
    private volatile int port;
    private volatile boolean stopped;

    /** Options; nothing listens until {@link #start()}. */
    public static final class Builder {
        private int port;
        private boolean echo = true;
        private SSLContext tls;
        private List<String> subprotocols = List.of();
        private int maxFrameSize = Integer.MAX_VALUE;
        private boolean needClientAuth;
        private boolean deflate;

        private Builder() {
        }

        /** 0 (the default) for an ephemeral port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Echo each text message back to its sender; on by default. */
        public Builder echo(boolean echo) {
            this.echo = echo;
            return this;
        }

        /** Serve wss:// with this context (see {@link TlsMaterial}); {@link #uri()} then names localhost. */
        public Builder tls(SSLContext context) {
            this.tls = context;
            return this;
        }

        /**
         * With {@link #tls}: ask for a client certificate this context trusts (mutual TLS). The library's TLS
         * channel garbles its refusal ("Tag mismatch", "Unexpected handshake message"); see {@link ClientCertRefuser}.
         */
        public Builder needClientAuth() {
            this.needClientAuth = true;
            return this;
        }

        /** Accept permessage-deflate (the library's server extension) and compress what it sends. */
        public Builder deflate() {
            this.deflate = true;
            return this;
        }

        /** Subprotocols accepted, in order of preference; clients offering none are still accepted. */
        public Builder subprotocols(String... subprotocols) {
            this.subprotocols = List.of(subprotocols);
            return this;
        }

        /** Largest frame payload accepted; a larger one makes the server close with 1009. */
        public Builder maxFrameSize(int bytes) {
            this.maxFrameSize = bytes;
            return this;
        }

        private Builder copy() {
            Builder copy = new Builder();
            copy.port = port;
            copy.echo = echo;
            copy.tls = tls;
            copy.subprotocols = subprotocols;
            copy.maxFrameSize = maxFrameSize;
            copy.needClientAuth = needClientAuth;
            copy.deflate = deflate;
            return copy;
        }

        /**
         * Starts a server and returns once it listens.
         *
         * @throws IllegalStateException if it cannot listen, e.g. the port is taken
         */
        public TestServer start() {
            TestServer server = new TestServer(copy());
            server.listen(System.nanoTime() + START_TIMEOUT.toNanos());
            return server;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An echoing ws:// server on an ephemeral port. */
    public static TestServer start() {
        return builder().start();
    }

    /**
     * A new server with the options and the port of {@code previous}, which must be stopped. A bind
     * conflict is retried for a few seconds: the port may be held by a socket that is just closing.
     */
    public static TestServer restart(TestServer previous) {
        if (!previous.stopped) {
            throw new IllegalStateException("stop the previous server before restarting on port " + previous.port);
        }
        Builder options = previous.options.copy().port(previous.port);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try {
                return options.start();
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof BindException) || System.nanoTime() - deadline >= 0) {
                    throw e;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
    }

    private TestServer(Builder options) {
        this.options = options;
        this.threadPrefix = "TestServer-" + INSTANCES.incrementAndGet() + "-";
        List<IProtocol> protocols = new ArrayList<>();
        options.subprotocols.forEach(p -> protocols.add(new Protocol(p)));
        protocols.add(new Protocol("")); // last: accept clients that ask for no subprotocol
        Draft draft = new Draft_6455(options.deflate
                ? List.of(new org.java_websocket.extensions.permessage_deflate.PerMessageDeflateExtension())
                : List.of(), protocols, options.maxFrameSize);
        this.endpoint = new Endpoint(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port), draft);
        endpoint.setTcpNoDelay(true);
        endpoint.setReuseAddr(true); // rebind the port of a stopped server despite its TIME_WAIT sockets
        endpoint.setConnectionLostTimeout(0); // no library pings: tests decide who pings
        endpoint.setDaemon(true);
        if (options.tls != null) {
            tlsExecutor = Executors.newSingleThreadExecutor(r -> daemon(r, threadPrefix + "tls"));
            if (options.needClientAuth) {
                SSLParameters parameters = options.tls.getDefaultSSLParameters();
                parameters.setNeedClientAuth(true);
                endpoint.setWebSocketFactory(new TrackingFactory(
                        new SSLParametersWebSocketServerFactory(options.tls, tlsExecutor, parameters)));
            } else {
                endpoint.setWebSocketFactory(new TrackingFactory(new DefaultSSLWebSocketServerFactory(options.tls, tlsExecutor)));
            }
        } else {
            tlsExecutor = null;
            endpoint.setWebSocketFactory(new TrackingFactory(new DefaultWebSocketServerFactory()));
        }
        this.selectorThread = daemon(endpoint, threadPrefix + "selector");
        selectorThread.setUncaughtExceptionHandler((thread, error) -> {
            // a dead selector means a dead server: make it visible instead of printing it
            errors.add(new IllegalStateException(thread.getName() + " died", error));
            started.completeExceptionally(error);
            changed.fire();
        });
    }

    private static Thread daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    private void listen(long deadline) {
        selectorThread.start();
        try {
            started.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            stopQuietly();
            throw new IllegalStateException("test server could not listen on port " + options.port, e.getCause());
        } catch (TimeoutException e) {
            stopQuietly();
            throw new IllegalStateException("test server did not start within " + Await.format(START_TIMEOUT), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopQuietly();
            throw new IllegalStateException("interrupted while starting the test server", e);
        }
    }

    public int port() {
        return port;
    }

    /** {@code ws://127.0.0.1:port/}, or {@code wss://localhost:port/} with TLS (the name the certificate holds). */
    public URI uri() {
        return URI.create(options.tls != null ? "wss://localhost:" + port + "/" : "ws://127.0.0.1:" + port + "/");
    }

    /** Prefix of the names of all threads of this server, for leak checks with {@link ProcessProbe}. */
    public String threadNamePrefix() {
        return threadPrefix;
    }

    /** Text messages received on all connections, in arrival order (a copy). */
    public List<String> received() {
        return List.copyOf(received);
    }

    /** Waits until the received messages satisfy {@code condition}; returns them. */
    public List<String> awaitReceived(Predicate<List<String>> condition, Duration timeout) {
        changed.await(() -> "received messages to match (got " + received + ")",
                () -> condition.test(received()), timeout);
        return received();
    }

    /** The header fields of each upgrade request received, in order (names as the client wrote them). */
    public List<Map<String, String>> handshakes() {
        return List.copyOf(handshakes);
    }

    /**
     * The extension answer of each opened connection, as the server sent it ("" for none). The client may see OPEN
     * before the server's {@code onOpen} has run, so this waits for every upgraded connection to be registered.
     */
    public List<String> negotiatedExtensions() {
        settle();
        return List.copyOf(negotiated);
    }

    /** Connections opened (handshake completed) since start, including closed ones. */
    public int openedCount() {
        settle();
        return opened.get();
    }

    /** Connections open right now. */
    public int connectionCount() {
        settle();
        return openNow();
    }

    private int openNow() {
        return endpoint.getConnections().size();
    }

    /** Waits until at least {@code n} connections have been opened since start. */
    public void awaitConnections(int n, Duration timeout) {
        changed.await(() -> n + " opened connections (got " + opened.get() + ")", () -> opened.get() >= n, timeout);
    }

    /** Waits until exactly {@code n} connections are open, e.g. 0 after the clients closed. */
    public void awaitConnectionCount(int n, Duration timeout) {
        changed.await(() -> n + " open connections (got " + openNow() + ")",
                () -> opened.get() >= upgraded.get() && openNow() == n, timeout);
    }

    /** Closes seen so far, in order. */
    public List<Closed> closes() {
        return List.copyOf(closes);
    }

    /** Waits until at least {@code n} closes have been seen; returns all of them. */
    public List<Closed> awaitCloses(int n, Duration timeout) {
        changed.await(() -> n + " closes (got " + closes + ")", () -> closes.size() >= n, timeout);
        return closes();
    }

    /** Errors Java-WebSocket reported; kept here instead of being logged. */
    public List<Exception> errors() {
        return List.copyOf(errors);
    }

    /** Sends {@code text} to every open connection. */
    public void sendToAll(String text) {
        settle();
        endpoint.broadcast(text);
    }

    /** Sends {@code bytes} as one binary message to every open connection. */
    public void sendToAll(byte[] bytes) {
        settle();
        endpoint.broadcast(bytes);
    }

    /**
     * Starts a server-side close handshake on every open connection. Java-WebSocket closes TCP as
     * soon as its Close frame is flushed, without waiting for the client's Close. Code 1006 sends no
     * Close frame at all: it just closes TCP.
     */
    public void closeAll(int code, String reason) {
        settle();
        for (WebSocket connection : endpoint.getConnections()) {
            connection.close(code, reason);
        }
    }

    /**
     * Java-WebSocket writes the 101 response before it registers the connection as open, so a
     * client can be open while the server does not list it yet: wait out that short gap.
     */
    private void settle() {
        changed.await(() -> "upgraded connections to be registered as open (" + opened.get() + " of " + upgraded.get() + ")",
                () -> opened.get() >= upgraded.get(), STOP_TIMEOUT);
    }

    /** {@link #stop(Duration)} with 5 s. */
    public void stop() {
        stop(STOP_TIMEOUT);
    }

    /**
     * Closes every connection (1001 Going Away), closes the listening socket and waits until every
     * thread of this server has ended. Idempotent.
     *
     * @throws IllegalStateException if a thread is still alive after {@code timeout}
     */
    public synchronized void stop(Duration timeout) {
        if (stopped) {
            return;
        }
        stopped = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        closeAll(GOING_AWAY, "test server stopping");
        try {
            // clients get a clean close handshake where possible, before the selector stops
            changed.await(() -> "", () -> openNow() == 0, Duration.ofNanos(Math.max(0, (deadline - System.nanoTime()) / 2)));
        } catch (AssertionError stillOpen) {
            // the library's stop below closes them anyway
        }
        try {
            endpoint.stop((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            join(selectorThread, deadline);
            for (Thread worker : endpoint.workers()) {
                join(worker, deadline);
            }
            // the library closes only open connections: ones still in the opening handshake keep their socket
            for (WebSocketImpl connection : created) {
                if (!connection.isClosed()) {
                    connection.closeConnection(GOING_AWAY, "test server stopped", false);
                }
            }
            if (tlsExecutor != null) {
                tlsExecutor.shutdownNow();
                if (!tlsExecutor.awaitTermination(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    throw new IllegalStateException(threadPrefix + "tls did not end");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the test server", e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException e) {
            // already failing: the start error is the one worth reporting
        }
    }

    private static void join(Thread thread, long deadline) throws InterruptedException {
        TimeUnit.NANOSECONDS.timedJoin(thread, Math.max(1, deadline - System.nanoTime()));
        if (thread.isAlive()) {
            throw new IllegalStateException(thread.getName() + " did not end after stop");
        }
    }

    /** The Java-WebSocket server itself; kept private so only the test API above is visible. */
    private final class Endpoint extends WebSocketServer {

        Endpoint(InetSocketAddress address, Draft draft) {
            super(address, 1, List.of(draft)); // one worker: enough for tests, and per-connection order anyway
            for (int i = 0; i < decoders.size(); i++) {
                decoders.get(i).setName(threadPrefix + "worker-" + i);
            }
        }

        List<Thread> workers() {
            return List.copyOf(decoders);
        }

        @Override
        public void onStart() {
            Thread.currentThread().setName(threadPrefix + "selector"); // the library renamed it
            port = getPort();
            started.complete(null);
        }

        @Override
        public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
                ClientHandshake request) throws InvalidDataException {
            ServerHandshakeBuilder response = super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            request.iterateHttpFields().forEachRemaining(name -> headers.put(name, request.getFieldValue(name)));
            handshakes.add(Map.copyOf(headers));
            upgraded.incrementAndGet(); // the 101 goes out next, onOpen follows on this same thread
            return response;
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            if (conn.getDraft() instanceof org.java_websocket.drafts.Draft_6455 d) {
                negotiated.add(d.getExtension().getProvidedExtensionAsServer());
            }
            opened.incrementAndGet();
            changed.fire();
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            received.add(message);
            changed.fire();
            if (options.echo) {
                try {
                    conn.send(message);
                } catch (WebsocketNotConnectedException e) {
                    // the client is closing: nothing to echo to
                }
            }
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            closes.add(new Closed(code, reason, remote));
            changed.fire();
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
            errors.add(ex); // normal client disconnects land here too: record, never print
            if (conn == null) {
                started.completeExceptionally(ex); // no-op once started
            }
            changed.fire();
        }
    }

    /** Remembers every connection object so {@link #stop} can close the ones the library forgets. */
    private final class TrackingFactory implements WebSocketServerFactory {
        private final WebSocketServerFactory delegate;

        TrackingFactory(WebSocketServerFactory delegate) {
            this.delegate = delegate;
        }

        private WebSocketImpl track(WebSocketImpl connection) {
            created.removeIf(WebSocketImpl::isClosed);
            created.add(connection);
            return connection;
        }

        @Override
        public WebSocketImpl createWebSocket(WebSocketAdapter a, Draft d) {
            return track(delegate.createWebSocket(a, d));
        }

        @Override
        public WebSocketImpl createWebSocket(WebSocketAdapter a, List<Draft> drafts) {
            return track(delegate.createWebSocket(a, drafts));
        }

        @Override
        public ByteChannel wrapChannel(SocketChannel channel, SelectionKey key) throws IOException {
            return delegate.wrapChannel(channel, key);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
