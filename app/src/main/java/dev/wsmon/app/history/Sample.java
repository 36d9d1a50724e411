package dev.wsmon.app.history;

import java.util.Objects;

/** One recorded RTT: at wall-clock {@code ts} (epoch ms), {@code micros} microseconds. */
public record Sample(String conn, long ts, SampleKind kind, long micros) {

    public Sample {
        Objects.requireNonNull(conn, "conn");
        Objects.requireNonNull(kind, "kind");
        if (micros < 0) {
            throw new IllegalArgumentException("an RTT cannot be negative, got " + micros + " µs");
        }
    }

    public double millis() {
        return micros / 1000.0;
    }
}
