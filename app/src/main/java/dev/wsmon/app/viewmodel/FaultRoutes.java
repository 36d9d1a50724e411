package dev.wsmon.app.viewmodel;

import java.util.concurrent.CompletableFuture;

/** Starts fault proxies; see {@link FaultRoute}. */
public interface FaultRoutes {

    /**
     * Starts a proxy on 127.0.0.1 forwarding to {@code host:port}. Never blocks the caller (resolving the host is
     * network work); the future completes on a background thread.
     */
    CompletableFuture<FaultRoute> open(String host, int port);
}
