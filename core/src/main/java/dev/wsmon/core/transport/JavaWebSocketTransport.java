package dev.wsmon.core.transport;

import dev.wsmon.core.Endpoint;
import dev.wsmon.core.HandshakeTiming;
import dev.wsmon.core.HeaderTemplates;
import dev.wsmon.core.MonotonicClock;
import dev.wsmon.core.Settings;
import dev.wsmon.core.Utf8;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.PingFrame;
import org.java_websocket.framing.PongFrame;
import org.java_websocket.handshake.ServerHandshake;
import org.java_websocket.protocols.IProtocol;
import org.java_websocket.protocols.Protocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport over Java-WebSocket 1.6.0: a fresh client per attempt (the library's clients are not
 * reusable), its lost-connection timer off (wsmon pings on its own schedule), and a socket wsmon owns so
 * that an abort is an RST that works whatever the library's threads are doing.
 */
final class JavaWebSocketTransport implements Transport {

    private static final Logger log = LoggerFactory.getLogger(JavaWebSocketTransport.class);
    /** Bytes the read thread asks the socket for at once; messages of any size are assembled from chunks. */
    static final int READ_CHUNK_BYTES = 16 * 1024;
    /** The longest Retry-After believed; a server's larger value is reported as this. */
    static final Duration MAX_RETRY_AFTER = Duration.ofDays(365);

    private final Endpoint endpoint;
    private final TransportListener listener;
    private final MonotonicClock clock;
    private final Client client;
    private final String setupError;
    /** Why the proxy's password could not be expanded, or null. */
    private final String proxySetupError;
    /** The tunnel through the endpoint's proxy, or null to connect straight. */
    private final ProxyTunnel tunnel;
    private final HandshakeTimer timer;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean connectCalled = new AtomicBoolean();

    /** Orders our enqueues with their accounting; the library's outQueue keeps the same order. */
    private final Object writeLock = new Object();
    private volatile long enqueuedBytes;
    private volatile long writtenTotal;
    /** Bytes written before the first frame (the HTTP upgrade request); -1 until open. */
    private volatile long writtenBase = -1;
    /** Pings queued and not yet written: {end offset in frame bytes, seq}. */
    private final ConcurrentLinkedQueue<long[]> pingsInQueue = new ConcurrentLinkedQueue<>();
    private final Map<Long, Long> pingWrittenAt = new ConcurrentHashMap<>();

    private volatile OwnedSocket socket;
    private volatile boolean disposed;
    private volatile boolean opened;
    private volatile boolean closingByUs;
    private volatile boolean closeFrameSent;
    private volatile boolean peerClosed;
    /** The library (or MonitoringDraft) failed the open connection for what the server sent: 1002, 1007, 1009. */
    private volatile boolean failedByLibrary;
    private volatile Exception firstError;
    private volatile int httpStatus;
    private volatile String retryAfter;
    /** Why the 101 response was refused, in the user's words; null if it was not. */
    private volatile String handshakeProblem;

    JavaWebSocketTransport(Endpoint endpoint, Settings settings, MonotonicClock clock, TransportListener listener) {
        this(endpoint, settings, clock, listener, System::getenv);
    }

    /** @param env looks up the variables that header templates refer to; null when one is not set */
    JavaWebSocketTransport(Endpoint endpoint, Settings settings, MonotonicClock clock, TransportListener listener,
                           UnaryOperator<String> env) {
        this.endpoint = endpoint;
        this.clock = clock;
        this.listener = listener;
        this.timer = new HandshakeTimer(clock, phase -> {
            try {
                listener.phaseBegan(phase);
            } catch (RuntimeException e) {
                log.warn("transport listener failed on a handshake phase of {}", endpoint.display(), e);
            }
        });
        Map<String, String> headers = new LinkedHashMap<>();
        String error = null;
        try {
            HeaderTemplates.expand(endpoint.headers(), env).forEach((name, value) -> headers.put(name, value.reveal()));
        } catch (IllegalArgumentException e) {
            error = e.getMessage();
        }
        this.setupError = error;
        String proxyError = null;
        Optional<String> proxyPassword = Optional.empty();
        if (endpoint.proxy().isPresent() && endpoint.proxy().get().password().isPresent()) {
            try {
                proxyPassword = Optional.of(HeaderTemplates.expandValue("proxy password",
                        endpoint.proxy().get().password().get().reveal(), env));
            } catch (IllegalArgumentException e) {
                proxyError = "proxy " + endpoint.proxy().get().address() + ": " + e.getMessage();
            }
        }
        this.proxySetupError = proxyError;
        Optional<String> password = proxyPassword;
        this.tunnel = endpoint.proxy().map(p -> new ProxyTunnel(p, password)).orElse(null);
        List<IProtocol> protocols = new ArrayList<>();
        endpoint.subprotocols().forEach(p -> protocols.add(new Protocol(p)));
        protocols.add(new Protocol("")); // last: accept a server that picks none
        MonitoringDraft draft = new MonitoringDraft(protocols, settings.maxMessageSize(), endpoint.compression(), (status, retry) -> {
            httpStatus = status;
            retryAfter = retry;
        }, () -> closeFrameSent, problem -> handshakeProblem = problem);
        this.client = new Client(endpoint.uri(), draft, headers, (int) Math.min(Integer.MAX_VALUE, settings.openTimeout().toMillis()));
        client.setConnectionLostTimeout(0);
        client.setTcpNoDelay(true);
        client.setDaemon(true);
        client.setSocketFactory(new OwnedSocketFactory());
        // Unresolved to the socket, which times the lookup itself; behind a proxy, the proxy resolves the target.
        client.setDnsResolver(null);
        // The library reads in 64 KiB chunks by default, held on heap and cached again off heap by the read
        // thread: 128 KiB per connection that a monitor of 1000 connections cannot afford. OwnedSocket keeps
        // this from pinning the kernel's receive window.
        client.setReceiveBufferSize(READ_CHUNK_BYTES);
    }

    @Override
    public void connect() {
        if (!connectCalled.compareAndSet(false, true)) {
            return;
        }
        if (setupError != null) {
            reportEnd(TransportEnd.failed(TransportFailure.CONNECT_FAILED, setupError));
            return;
        }
        if (proxySetupError != null) {
            reportEnd(TransportEnd.failed(TransportFailure.PROXY_FAILED, proxySetupError));
            return;
        }
        try {
            client.connect();
        } catch (RuntimeException e) {
            reportEnd(TransportEnd.failed(TransportFailure.CONNECT_FAILED, describe(e)));
        }
    }

    @Override
    public void sendText(String text) {
        enqueue(frameSize(Utf8.length(text)), -1, () -> client.send(text));
    }

    @Override
    public void sendPing(long seq) {
        PingFrame ping = new PingFrame();
        ping.setPayload(ByteBuffer.allocate(Long.BYTES).putLong(0, seq));
        enqueue(frameSize(Long.BYTES), seq, () -> client.sendFrame(ping));
    }

    @Override
    public void sendClose(int code, String reason) {
        closingByUs = true;
        CloseFrame frame = new CloseFrame();
        frame.setCode(code);
        frame.setReason(reason);
        // Our own frame, not the library's close(): the library then keeps reading until the answer.
        closeFrameSent = true;
        enqueue(frameSize(2 + Utf8.length(reason == null ? "" : reason)), -1, () -> client.sendFrame(frame));
    }

    @Override
    public void dispose(boolean abort) {
        disposed = true;
        OwnedSocket s = socket;
        if (s == null) {
            return; // the factory refuses to make one from now on
        }
        if (abort) {
            s.abort();
        } else {
            s.close();
        }
    }

    @Override
    public long pendingBytes() {
        long base = writtenBase;
        if (base < 0) {
            return 0;
        }
        return Math.max(0, enqueuedBytes - (writtenTotal - base));
    }

    private void enqueue(long bytes, long pingSeq, Runnable send) {
        synchronized (writeLock) {
            if (disposed) {
                return;
            }
            long end = enqueuedBytes + bytes;
            enqueuedBytes = end;
            long[] ping = pingSeq >= 0 ? new long[] {end, pingSeq} : null;
            if (ping != null) {
                pingsInQueue.add(ping);
            }
            try {
                send.run();
            } catch (RuntimeException e) {
                // Not open any more: the attempt is ending, and its end will be reported.
                enqueuedBytes = end - bytes;
                if (ping != null) {
                    pingsInQueue.remove(ping);
                }
                log.debug("send refused by the library: {}", e.toString());
            }
        }
    }

    /** Called on the library's writer thread after every write to the socket. */
    private void written(long total) {
        writtenTotal = total;
        long base = writtenBase;
        if (base < 0) {
            return;
        }
        long frames = total - base;
        long[] head;
        while ((head = pingsInQueue.peek()) != null && head[0] <= frames) {
            pingsInQueue.poll();
            pingWrittenAt.put(head[1], clock.nanoTime());
        }
    }

    /** RFC 6455 5.2: size of a masked client frame with this payload. */
    static long frameSize(long payload) {
        return 2 + (payload <= 125 ? 0 : payload <= 0xFFFF ? 2 : 8) + 4 + payload;
    }

    private void reportEnd(TransportEnd end) {
        if (ended.compareAndSet(false, true)) {
            try {
                listener.ended(end);
            } catch (RuntimeException e) {
                log.warn("transport listener failed on end of {}", endpoint.display(), e);
            }
        }
    }

    private TransportEnd classify(int code, String reason, boolean remote) {
        OwnedSocket s = socket;
        if (s != null && s.aborted()) {
            return TransportEnd.failed(TransportFailure.ABORTED, "aborted by wsmon");
        }
        Exception error = firstError;
        if (!opened) {
            int status = httpStatus;
            ProxyFailedException proxyFailure = causeOf(error, ProxyFailedException.class);
            if (proxyFailure != null) {
                return new TransportEnd(1006, "", false, TransportFailure.PROXY_FAILED, proxyFailure.getMessage(),
                        proxyFailure.httpStatus(), Optional.empty());
            }
            if (status > 0 && status != 101) {
                return new TransportEnd(1006, "", false, TransportFailure.HTTP_REJECTED,
                        "server answered the upgrade with HTTP " + status, status, parseRetryAfter(retryAfter, clock.epochMillis()));
            }
            if (hasCause(error, SSLException.class) || hasCause(error, java.security.cert.CertificateException.class)) {
                return TransportEnd.failed(TransportFailure.TLS_FAILED, TlsFailures.describe(error, endpoint.tls()));
            }
            // TLS 1.3: a server refuses the client certificate after the client's side of the handshake is done
            Exception read = s != null ? s.readFailure() : null;
            if (hasCause(read, SSLException.class)) {
                return TransportEnd.failed(TransportFailure.TLS_FAILED, TlsFailures.describe(read, endpoint.tls()));
            }
            if (hasCause(error, ConnectException.class) || hasCause(error, UnknownHostException.class)
                    || hasCause(error, NoRouteToHostException.class) || hasCause(error, SocketTimeoutException.class)
                    || hasCause(error, PortUnreachableException.class)) {
                return TransportEnd.failed(TransportFailure.CONNECT_FAILED, describe(error));
            }
            if (s != null && (s.readFailure() != null || s.writeFailure() != null)) {
                return TransportEnd.failed(TransportFailure.RESET,
                        describe(s.readFailure() != null ? s.readFailure() : s.writeFailure()));
            }
            if (s != null && s.readEof()) {
                return TransportEnd.failed(TransportFailure.EOF, "the server closed the connection during the upgrade");
            }
            if (handshakeProblem != null) {
                return TransportEnd.failed(TransportFailure.PROTOCOL_ERROR, handshakeProblem);
            }
            if (status == 101 || code == 1002) {
                return TransportEnd.failed(TransportFailure.PROTOCOL_ERROR, upgradeError(reason));
            }
            return TransportEnd.failed(TransportFailure.CONNECT_FAILED,
                    error != null ? describe(error) : reason == null ? "" : reason);
        }
        if (peerClosed || (remote && code != 1006 && code != -1)) {
            return TransportEnd.closeHandshake(client.peerCode(code), reason == null ? "" : reason);
        }
        if (failedByLibrary) {
            // The connection was already failed for what the server sent (RFC 6455 7.1.7): a reset or EOF that
            // follows, e.g. the server closing at once, is not what ended it.
            return new TransportEnd(code, reason == null ? "" : reason, false, TransportFailure.NONE, "", 0, Optional.empty());
        }
        if (s != null && s.readFailure() != null) {
            return TransportEnd.failed(TransportFailure.RESET, describe(s.readFailure()));
        }
        if (s != null && s.writeFailure() != null) {
            return TransportEnd.failed(TransportFailure.RESET, describe(s.writeFailure()));
        }
        if (s != null && s.readEof()) {
            return TransportEnd.failed(TransportFailure.EOF, "");
        }
        if (closingByUs || code == 1009 || code == 1002 || code == 1007) {
            // The library closed TCP itself after sending its close frame, without awaiting the answer.
            return new TransportEnd(code, reason == null ? "" : reason, false, TransportFailure.NONE, "", 0, Optional.empty());
        }
        return TransportEnd.failed(TransportFailure.EOF, error != null ? describe(error) : "");
    }

    /** What was wrong with a malformed upgrade response, in the user's words rather than the library's. */
    static String upgradeError(String reason) {
        String r = reason == null ? "" : reason;
        int statusLine = r.indexOf("Status line: ");
        if (r.startsWith("Invalid status") && statusLine >= 0) {
            return "the server answered '" + r.substring(statusLine + 13).trim() + "' instead of HTTP/1.1 101";
        }
        if (r.startsWith("not an http header")) {
            return "the server's upgrade response has a line that is not an HTTP header";
        }
        return "the server's upgrade response is not a valid WebSocket handshake";
    }

    private static <T extends Throwable> T causeOf(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    /** The most telling message in a chain of causes, in words a person can act on. */
    static String describe(Throwable t) {
        if (t == null) {
            return "";
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (hasCause(t, UnknownHostException.class)) {
            return "unknown host " + root.getMessage();
        }
        String message = root.getMessage() != null ? root.getMessage() : t.getMessage();
        return message != null ? message : root.getClass().getSimpleName();
    }

    /**
     * RFC 9110 10.2.3: delay-seconds or an HTTP-date, in whole seconds and at most {@link #MAX_RETRY_AFTER}: a
     * number from the network is clamped before anything computes with it (a Duration past 292 years cannot
     * even be turned into nanoseconds).
     */
    static Optional<Duration> parseRetryAfter(String value, long nowEpochMillis) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // Longer than a long, or past the cap: the server asks for longer than anything wsmon waits.
            long seconds = v.length() > 18 ? Long.MAX_VALUE : Long.parseLong(v);
            return Optional.of(Duration.ofSeconds(Math.min(seconds, MAX_RETRY_AFTER.getSeconds())));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            long seconds = Math.max(0, at.getEpochSecond() - Math.floorDiv(nowEpochMillis, 1000));
            return Optional.of(Duration.ofSeconds(Math.min(seconds, MAX_RETRY_AFTER.getSeconds())));
        } catch (DateTimeParseException notDate) {
            return Optional.empty();
        }
    }

    private SSLSocketFactory tlsFactory() {
        if (!endpoint.secure()) {
            return null;
        }
        if (endpoint.tls().insecure()) {
            return TrustAll.context().getSocketFactory();
        }
        return endpoint.tls().context()
                .orElseGet(() -> ServerTrust.context(endpoint.tls(), endpoint.uri().getHost(), clock::epochMillis))
                .getSocketFactory();
    }

    /** Makes this attempt's one socket; refuses once the attempt is disposed, so nothing leaks past it. */
    private final class OwnedSocketFactory extends SocketFactory {
        @Override
        public Socket createSocket() throws IOException {
            if (disposed) {
                throw new SocketException("attempt aborted");
            }
            OwnedSocket s = new OwnedSocket(endpoint.uri().getHost(), endpoint.port(), tlsFactory(),
                    !endpoint.tls().insecure(), JavaWebSocketTransport.this::written, endpoint.via().orElse(null), tunnel, timer);
            socket = s;
            if (disposed) {
                s.abort();
                throw new SocketException("attempt aborted");
            }
            return s;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            throw new SocketException("wsmon connects its own sockets");
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            throw new SocketException("wsmon connects its own sockets");
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            throw new SocketException("wsmon connects its own sockets");
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            throw new SocketException("wsmon connects its own sockets");
        }
    }

    /** Library callbacks, on its read and write threads; each is forwarded and never throws back. */
    private final class Client extends WebSocketClient {

        Client(URI uri, MonitoringDraft draft, Map<String, String> headers, int connectTimeoutMs) {
            super(uri, draft, headers, connectTimeoutMs);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            writtenBase = writtenTotal; // the upgrade request was written before its answer arrived
            timer.end();
            opened = true;
            IProtocol protocol = getProtocol();
            String sub = protocol == null ? "" : protocol.getProvidedProtocol();
            String extensions = getConnection().getDraft() instanceof MonitoringDraft d
                    && d.getExtension() instanceof BoundedDeflate ? BoundedDeflate.NAME : "";
            HandshakeTiming timing = timer.timing();
            guard(() -> listener.opened(sub == null ? "" : sub, extensions, timing));
        }

        @Override
        public void onMessage(String message) {
            guard(() -> listener.received(message, Utf8.length(message)));
        }

        @Override
        public void onMessage(ByteBuffer bytes) {
            guard(() -> listener.receivedBinary(bytes));
        }

        @Override
        public void onWebsocketPing(WebSocket conn, Framedata f) {
            enqueue(frameSize(f.getPayloadData().remaining()), -1, () -> conn.sendFrame(new PongFrame((PingFrame) f)));
        }

        @Override
        public void onWebsocketPong(WebSocket conn, Framedata f) {
            ByteBuffer payload = f.getPayloadData();
            if (payload.remaining() != Long.BYTES) {
                return; // not one of ours
            }
            long seq = payload.getLong(payload.position());
            Long writtenAt = pingWrittenAt.remove(seq);
            pingWrittenAt.keySet().removeIf(s -> s < seq);
            guard(() -> listener.pong(seq, writtenAt == null ? 0 : writtenAt));
        }

        @Override
        public void onCloseInitiated(int code, String reason) {
            if (!closingByUs) {
                failedByLibrary = opened;
                guard(() -> listener.libraryClosing(code, reason == null ? "" : reason));
            }
        }

        @Override
        public void onClosing(int code, String reason, boolean remote) {
            if (remote && opened) {
                peerClosed = true;
                int peerCode = peerCode(code);
                guard(() -> listener.peerClosing(peerCode, reason == null ? "" : reason));
            }
        }

        @Override
        public void onError(Exception ex) {
            if (firstError == null) {
                firstError = ex;
            }
            log.debug("{}: {}", endpoint.display(), ex.toString());
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            TransportEnd end;
            try {
                end = classify(code, reason, remote);
            } catch (RuntimeException e) {
                end = TransportEnd.failed(TransportFailure.EOF, describe(e));
            }
            log.debug("{}: onClose({}, '{}', remote={}) -> {}", endpoint.display(), code, reason, remote, end);
            reportEnd(end);
            OwnedSocket s = socket;
            if (s != null && !s.isClosed() && !end.peerCloseFrame()) {
                s.abort(); // onClose does not mean the socket is closed; never leave it half-open
            }
        }

        /** The peer's close code, 1005 where its close frame had no body. */
        int peerCode(int code) {
            return getConnection().getDraft() instanceof MonitoringDraft d ? d.peerCode(code) : code;
        }

        private void guard(Runnable callback) {
            try {
                callback.run();
            } catch (RuntimeException e) {
                log.warn("transport listener failed for {}", endpoint.display(), e);
            }
        }
    }
}
