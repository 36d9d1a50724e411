package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.chaos.FaultMode;
import dev.wsmon.core.chaos.FaultProxy;
import dev.wsmon.core.event.MessageDelivered;
import dev.wsmon.core.event.MessageSent;
import dev.wsmon.core.event.SendFailed;
import dev.wsmon.core.testing.Fixture;
import dev.wsmon.core.testing.TestServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A peer that stops reading while the application keeps sending: what is queued stays within the send
 * queue cap, excess sends are refused at once, and nothing accepted is lost without an outcome.
 */
class StalledPeerSendTest {

    private static final String PAYLOAD_64K = "s".repeat(64 * 1024);
    private static final long CAP = 4L * 1024 * 1024;

    @Test
    void queueStaysWithinCap_excessFailsQueueFull_andUnconfirmedFailAtClose() throws Exception {
        try (TestServer server = TestServer.builder().echo(false).start();
             FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", server.port()));
             Fixture engine = new Fixture()) {
            Settings settings = Fixture.fast().pingInterval(Duration.ofSeconds(30)).pingTimeout(Duration.ofSeconds(30))
                    .sendQueueCap(CAP).autoReconnect(false).build();
            Fixture.Watched w = engine.open("stalled", Fixture.ws(proxy.port()), settings);
            w.events().awaitState(State.OPEN, 0, Fixture.PROMPT);
            proxy.setMode(FaultMode.STALL);

            long maxPending = 0;
            for (int i = 0; i < 400; i++) { // 25 MiB: several times the cap plus the kernel's buffers
                w.conn().send(PAYLOAD_64K);
                maxPending = Math.max(maxPending, w.conn().snapshot().pendingBytes());
            }
            w.events().await("queue-full refusals", ev -> ev.stream()
                    .anyMatch(e -> e instanceof SendFailed f && f.reason() == SendFailure.QUEUE_FULL), Fixture.PROMPT);
            assertThat(maxPending).as("bytes waiting for the kernel").isLessThanOrEqualTo(CAP);
            assertThat(w.conn().snapshot().pendingBytes()).isLessThanOrEqualTo(CAP);

            w.conn().close(); // the stalled peer never answers: the close timeout ends it
            w.events().awaitState(State.CLOSED, 0, Fixture.PROMPT);

            List<Long> accepted = w.events().all(MessageSent.class).stream().map(MessageSent::id).toList();
            Set<Long> delivered = w.events().all(MessageDelivered.class).stream().map(MessageDelivered::id)
                    .collect(Collectors.toSet());
            Set<Long> unconfirmed = w.events().all(SendFailed.class).stream()
                    .filter(f -> f.reason() == SendFailure.UNCONFIRMED).map(SendFailed::id).collect(Collectors.toSet());
            Set<Long> queueFull = w.events().all(SendFailed.class).stream()
                    .filter(f -> f.reason() == SendFailure.QUEUE_FULL).map(SendFailed::id).collect(Collectors.toSet());
            assertThat(queueFull).isNotEmpty();
            assertThat(accepted).doesNotContainAnyElementsOf(queueFull);
            Set<Long> accounted = new HashSet<>(delivered);
            accounted.addAll(unconfirmed);
            assertThat(accounted).as("every accepted send has a final outcome").containsAll(accepted);
            assertThat(delivered).as("nothing passed the stalled peer").isEmpty();
            assertThat(accepted.size() + queueFull.size()).isEqualTo(400);
            assertThat((long) accepted.size() * PAYLOAD_64K.length())
                    .as("accepted bytes fit the cap plus what the kernel took").isLessThan(CAP + 32L * 1024 * 1024);
        }
    }
}
