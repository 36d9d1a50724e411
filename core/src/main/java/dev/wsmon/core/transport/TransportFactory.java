package dev.wsmon.core.transport;

import dev.wsmon.core.Endpoint;
import dev.wsmon.core.MonotonicClock;
import dev.wsmon.core.Settings;
import java.util.function.UnaryOperator;

/** Makes the transport of one attempt. */
@FunctionalInterface
public interface TransportFactory {

    /** @param clock the engine's clock: the transport stamps pings with it, so RTTs compare like with like */
    Transport create(Endpoint endpoint, Settings settings, MonotonicClock clock, TransportListener listener);

    /** The production transport, over Java-WebSocket. */
    static TransportFactory javaWebSocket() {
        return JavaWebSocketTransport::new;
    }

    /** The production transport, with header templates expanded from {@code env} instead of the process's. */
    static TransportFactory javaWebSocket(UnaryOperator<String> env) {
        return (endpoint, settings, clock, listener) -> new JavaWebSocketTransport(endpoint, settings, clock, listener, env);
    }
}
