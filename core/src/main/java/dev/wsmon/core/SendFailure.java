package dev.wsmon.core;

/** Why a send has no delivery: refused at once, or accepted and never confirmed. */
public enum SendFailure {
    NOT_OPEN("not-open"),
    QUEUE_FULL("queue-full"),
    TOO_BIG("too-big"),
    /** The connection ended before a pong confirmed the message; it may or may not have arrived. */
    UNCONFIRMED("unconfirmed");

    private final String token;

    SendFailure(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
