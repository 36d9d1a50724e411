package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.chaos.FaultProxy;
import dev.wsmon.core.event.LatencySample;
import dev.wsmon.core.stats.LatencySummary;
import dev.wsmon.core.testing.Fixture;
import dev.wsmon.core.testing.TestServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ping RTT reflects the path: the proxy adds 50 ms each way. Exact accuracy is the benchmark's job. */
class RttTest {

    @Test
    void medianRtt_is100To130ms_whenProxyAdds50msEachWay() throws Exception {
        try (TestServer server = TestServer.start();
             FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", server.port()));
             Fixture engine = new Fixture()) {
            proxy.setDelay(Duration.ofMillis(50), Duration.ofMillis(50));
            Settings settings = Fixture.fast().pingInterval(Duration.ofMillis(50)).pingTimeout(Duration.ofSeconds(2)).build();
            Fixture.Watched w = engine.open("far", Fixture.ws(proxy.port()), settings);

            w.events().await("20 latency samples", ev -> ev.stream().filter(e -> e instanceof LatencySample).count() >= 20,
                    Duration.ofSeconds(15));

            List<Duration> rtts = w.events().all(LatencySample.class).stream().map(LatencySample::rtt).sorted().toList();
            Duration median = rtts.get(rtts.size() / 2);
            assertThat(median).isBetween(Duration.ofMillis(100), Duration.ofMillis(130));
            LatencySummary summary = w.conn().latency(Duration.ofMinutes(1));
            assertThat(summary.p50()).hasValueSatisfying(p50 -> assertThat(p50).isBetween(Duration.ofMillis(100), Duration.ofMillis(130)));
            assertThat(summary.lossRatio()).isZero();
        }
    }
}
