package dev.wsmon.core;

import java.util.Locale;

/** Who ended a connection: this endpoint, the peer, or the network (no close handshake at all). */
public enum Initiator {
    LOCAL,
    REMOTE,
    NETWORK;

    /** The token used in the headless contract: {@code local}, {@code remote}, {@code network}. */
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }
}
