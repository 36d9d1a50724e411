package dev.wsmon.core.transport;

/** What the transport observed when an attempt's TCP connection ended. */
public enum TransportFailure {
    /** Ended after a close handshake, or by this side's own request. */
    NONE,
    /** This side aborted the socket (SO_LINGER 0). */
    ABORTED,
    /** TCP RST: connection reset, broken pipe. */
    RESET,
    /** The peer closed TCP (FIN) without a close frame. */
    EOF,
    /** TCP connect failed: refused, unreachable, DNS. */
    CONNECT_FAILED,
    /** The proxy could not be reached, or refused the tunnel. */
    PROXY_FAILED,
    /** TLS handshake failed: certificate chain, hostname, protocol. */
    TLS_FAILED,
    /** The server answered the upgrade with a status other than 101. */
    HTTP_REJECTED,
    /** The peer broke RFC 6455: bad upgrade response, bad frame. */
    PROTOCOL_ERROR,
    /** A received message exceeded the max message size (1009). */
    MESSAGE_TOO_BIG
}
