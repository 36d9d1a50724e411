package dev.wsmon.core.transport;

import dev.wsmon.core.Endpoint;
import dev.wsmon.core.Settings;

/** Makes the transport of one attempt. */
@FunctionalInterface
public interface TransportFactory {

    Transport create(Endpoint endpoint, Settings settings, String threadTag, TransportListener listener);

    /** The production transport, over Java-WebSocket. */
    static TransportFactory javaWebSocket() {
        return JavaWebSocketTransport::new;
    }
}
