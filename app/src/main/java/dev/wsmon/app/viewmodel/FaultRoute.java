package dev.wsmon.app.viewmodel;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A local fault proxy that one connection is routed through ({@code Endpoint.withVia}), so that an operator can
 * see how the connection's timeouts behave in an outage, a reset or added latency. Every method returns at once:
 * work that can block runs on the implementation's own thread.
 */
public interface FaultRoute {

    /** Where the connection's TCP connection goes instead of the URL's host. */
    InetSocketAddress address();

    /** What the proxy forwards to, {@code host:port}. */
    String target();

    /** Drops every byte both ways (nothing reaches either side, not even FIN or RST) until {@code length} passes. */
    void outage(Duration length);

    /** Ends an outage now. */
    void endOutage();

    /** How long the current outage still lasts; zero when there is none. */
    Duration outageLeft();

    /** Resets (TCP RST) both sides of the connection's current link. */
    void reset();

    /** Adds {@code rtt} of round-trip latency (half each way) on top of any the route already has. */
    void addLatency(Duration rtt);

    Duration addedLatency();

    /** Latency the route has on its own (the demo's simulated network), as text for people; empty if none. */
    String baseLatency();

    /** Stops the proxy, in the background. */
    void close();
}
