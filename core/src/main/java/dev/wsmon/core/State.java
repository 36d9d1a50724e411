package dev.wsmon.core;

/** The connection's lifecycle state, as RFC 6455 section 4 names it. */
public enum State {
    CONNECTING,
    OPEN,
    CLOSING,
    CLOSED
}
