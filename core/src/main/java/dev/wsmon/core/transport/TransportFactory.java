package dev.wsmon.core.transport;

import dev.wsmon.core.Endpoint;
import dev.wsmon.core.Settings;
import java.util.function.UnaryOperator;

/** Makes the transport of one attempt. */
@FunctionalInterface
public interface TransportFactory {

    Transport create(Endpoint endpoint, Settings settings, String threadTag, TransportListener listener);

    /** The production transport, over Java-WebSocket. */
    static TransportFactory javaWebSocket() {
        return JavaWebSocketTransport::new;
    }

    /** The production transport, with header templates expanded from {@code env} instead of the process's. */
    static TransportFactory javaWebSocket(UnaryOperator<String> env) {
        return (endpoint, settings, threadTag, listener) -> new JavaWebSocketTransport(endpoint, settings, threadTag, listener, env);
    }
}
