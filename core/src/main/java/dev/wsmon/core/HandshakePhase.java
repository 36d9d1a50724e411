package dev.wsmon.core;

/**
 * The steps of opening a connection, in the order of the headless {@code timing} object. A proxied
 * attempt goes DNS (the proxy's name), TCP (to the proxy), PROXY (the tunnel), TLS, UPGRADE.
 */
public enum HandshakePhase {
    DNS("dns", "DNS lookup"),
    PROXY("proxy", "proxy tunnel"),
    TCP("tcp", "TCP connect"),
    TLS("tls", "TLS handshake"),
    UPGRADE("upgrade", "HTTP upgrade");

    private final String token;
    private final String label;

    HandshakePhase(String token, String label) {
        this.token = token;
        this.label = label;
    }

    /** The name in JSON ({@code dns} → {@code dns_ms}) and in the metric's {@code phase} label. */
    public String token() {
        return token;
    }

    /** In words, for details: "TLS handshake". */
    public String label() {
        return label;
    }
}
