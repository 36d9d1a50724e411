package dev.wsmon.app.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.MonotonicClock;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** An outage's countdown runs on the app's one injected clock, never on the wall clock. */
class ProxyRoutesTest {

    private final AtomicLong nanos = new AtomicLong(7_000_000_000_000L);
    private final MonotonicClock clock = new MonotonicClock() {
        @Override
        public long nanoTime() {
            return nanos.get();
        }

        @Override
        public long epochMillis() {
            return 1_750_000_000_000L + nanos.get() / 1_000_000L;
        }
    };

    @Test
    void outageLeft_followsTheInjectedClock() {
        ProxyRoutes routes = new ProxyRoutes(clock);
        try {
            ProxyRoutes.ProxyRoute route = routes.start(new InetSocketAddress("127.0.0.1", 9), Duration.ZERO, Duration.ZERO);
            assertThat(route.outageLeft()).isEqualTo(Duration.ZERO);

            route.outage(Duration.ofSeconds(3));
            assertThat(route.outageLeft()).isEqualTo(Duration.ofSeconds(3));
            nanos.addAndGet(Duration.ofSeconds(1).toNanos());
            assertThat(route.outageLeft()).isEqualTo(Duration.ofSeconds(2));
            nanos.addAndGet(Duration.ofSeconds(2).toNanos());
            assertThat(route.outageLeft()).as("over exactly at its end").isEqualTo(Duration.ZERO);

            route.outage(Duration.ofSeconds(5));
            route.endOutage();
            assertThat(route.outageLeft()).isEqualTo(Duration.ZERO);
        } finally {
            routes.close();
        }
    }
}
