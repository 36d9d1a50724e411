package dev.wsmon.core.transport;

import dev.wsmon.core.HandshakePhase;
import dev.wsmon.core.HandshakeTiming;
import dev.wsmon.core.MonotonicClock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/** Times the phases of one attempt's opening on the engine's clock, and says when each begins. */
final class HandshakeTimer {

    private final MonotonicClock clock;
    private final Consumer<HandshakePhase> began;
    private final Map<HandshakePhase, Duration> done = new EnumMap<>(HandshakePhase.class);
    private HandshakePhase current;
    private long since;

    /** @param began told as each phase begins, outside any lock */
    HandshakeTimer(MonotonicClock clock, Consumer<HandshakePhase> began) {
        this.clock = clock;
        this.began = began;
    }

    /** Ends the phase in progress, if any, and begins {@code phase}. */
    void begin(HandshakePhase phase) {
        synchronized (this) {
            long now = clock.nanoTime();
            endAt(now);
            current = phase;
            since = now;
        }
        began.accept(phase);
    }

    /** Ends the phase in progress, if any. */
    synchronized void end() {
        endAt(clock.nanoTime());
    }

    /** The phases ended so far. */
    synchronized HandshakeTiming timing() {
        return new HandshakeTiming(done);
    }

    private void endAt(long now) {
        if (current != null) {
            done.put(current, Duration.ofNanos(Math.max(0, now - since)));
            current = null;
        }
    }
}
