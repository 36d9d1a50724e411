package dev.wsmon.core.testing;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ServerHandshake;

/** A plain Java-WebSocket client for the tests of this package: records messages, its close and errors. */
final class RecordingClient extends WebSocketClient {

    final List<String> messages = new CopyOnWriteArrayList<>();
    final List<Exception> errors = new CopyOnWriteArrayList<>();
    private final CompletableFuture<TestServer.Closed> closed = new CompletableFuture<>();
    private final Signal changed = new Signal();

    RecordingClient(URI uri) {
        this(uri, new Draft_6455());
    }

    RecordingClient(URI uri, Draft_6455 draft) {
        super(uri, draft);
        setConnectionLostTimeout(0);
        setDaemon(true);
    }

    RecordingClient tls(SSLContext context) {
        setSocketFactory(context.getSocketFactory());
        return this;
    }

    /** Connects and fails the test unless the handshake completes within {@code timeout}. */
    RecordingClient open(Duration timeout) throws InterruptedException {
        if (!connectBlocking(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("could not connect to " + getURI() + ": " + errors + " " + closed.getNow(null));
        }
        return this;
    }

    static RecordingClient connect(URI uri, Duration timeout) throws InterruptedException {
        return new RecordingClient(uri).open(timeout);
    }

    List<String> awaitMessages(Predicate<List<String>> condition, Duration timeout) {
        changed.await(() -> "client messages to match (got " + messages + ")",
                () -> condition.test(List.copyOf(messages)), timeout);
        return List.copyOf(messages);
    }

    TestServer.Closed awaitClose(Duration timeout) throws InterruptedException {
        try {
            return closed.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("client not closed after " + Await.format(timeout), e);
        }
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
    }

    @Override
    public void onMessage(String message) {
        messages.add(message);
        changed.fire();
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        closed.complete(new TestServer.Closed(code, reason, remote));
    }

    @Override
    public void onError(Exception ex) {
        errors.add(ex);
    }
}
