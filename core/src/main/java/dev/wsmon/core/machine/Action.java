package dev.wsmon.core.machine;

import dev.wsmon.core.Settings;

/** What the machine asks its driver to do, in order. */
public sealed interface Action {

    /** Create a fresh transport for {@code attempt} and start connecting. */
    record Connect(int attempt, Settings settings) implements Action {
    }

    record SendText(long id, String text) implements Action {
    }

    /** Send a ping whose 8-byte payload is {@code seq}. */
    record SendPing(long seq) implements Action {
    }

    record SendClose(int code, String reason) implements Action {
    }

    /**
     * The attempt is over: release its transport. {@code abort} resets the TCP connection (SO_LINGER 0)
     * instead of an orderly close, so that nothing waits on the kernel or the peer (half-open link).
     */
    record Dispose(boolean abort) implements Action {
    }
}
