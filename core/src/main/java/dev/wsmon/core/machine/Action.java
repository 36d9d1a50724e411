package dev.wsmon.core.machine;

import dev.wsmon.core.Settings;

/** What the machine asks its driver to do, in order. */
public sealed interface Action {

    <R> R accept(Visitor<R> visitor);

    /** Create a fresh transport for {@code attempt} and start connecting. */
    record Connect(int attempt, Settings settings) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.connect(this);
        }
    }

    record SendText(long id, String text) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.sendText(this);
        }
    }

    /** Send a ping whose 8-byte payload is {@code seq}. */
    record SendPing(long seq) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.sendPing(this);
        }
    }

    record SendClose(int code, String reason) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.sendClose(this);
        }
    }

    /**
     * The attempt is over: release its transport. {@code abort} resets the TCP connection (SO_LINGER 0)
     * instead of an orderly close, so that nothing waits on the kernel or the peer (seed 1).
     */
    record Dispose(boolean abort) implements Action {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.dispose(this);
        }
    }

    /** One method per action type; implement all of them (Java 17 has no exhaustive pattern switch). */
    interface Visitor<R> {
        R connect(Connect action);

        R sendText(SendText action);

        R sendPing(SendPing action);

        R sendClose(SendClose action);

        R dispose(Dispose action);
    }
}
