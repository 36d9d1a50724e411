package dev.wsmon.core;

/** Time for the engine: monotonic nanoseconds for deadlines, wall-clock milliseconds for event stamps. */
public interface MonotonicClock {

    MonotonicClock SYSTEM = new MonotonicClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long epochMillis() {
            return System.currentTimeMillis();
        }
    };

    long nanoTime();

    long epochMillis();
}
