package dev.wsmon.core.transport;

import dev.wsmon.core.Endpoint;
import dev.wsmon.core.MonotonicClock;
import dev.wsmon.core.Settings;

/** Makes the transport of one attempt. */
@FunctionalInterface
public interface TransportFactory {

    /** @param clock the engine's clock: the transport stamps pings with it, so RTTs compare like with like */
    Transport create(Endpoint endpoint, Settings settings, MonotonicClock clock, TransportListener listener);

    /** The production transport, over Java-WebSocket. */
    static TransportFactory javaWebSocket() {
        return JavaWebSocketTransport::new;
    }
}
