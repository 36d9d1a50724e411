package dev.wsmon.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.event.LatencySample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class EventInboxTest {

    private static LatencySample sample(String conn, long seq) {
        return new LatencySample(conn, 1_000 + seq, seq, Duration.ofMillis(1));
    }

    @Test
    void drainReturnsEventsPerConnectionInOrder_andEmptiesTheInbox() {
        EventInbox inbox = new EventInbox();
        inbox.accept(sample("a", 1));
        inbox.accept(sample("b", 1));
        inbox.accept(sample("a", 2));
        List<Runnable> ran = new ArrayList<>();
        inbox.post(() -> ran.add(null));

        EventInbox.Drained d = inbox.drain();

        assertThat(d.events().get("a")).extracting(e -> ((LatencySample) e).pingSeq()).containsExactly(1L, 2L);
        assertThat(d.events().get("b")).hasSize(1);
        assertThat(d.tasks()).hasSize(1);
        assertThat(d.eventCount()).isEqualTo(3);
        assertThat(inbox.drain().isEmpty()).isTrue();
    }

    @Test
    void whileNothingDrains_keepsTheNewestCapacityEventsPerConnection_andCountsTheDropped() {
        EventInbox inbox = new EventInbox(100);
        for (int i = 0; i < 1_000; i++) {
            inbox.accept(sample("busy", i));
        }
        inbox.accept(sample("quiet", 0));

        EventInbox.Drained d = inbox.drain();

        assertThat(d.events().get("busy")).hasSize(100);
        assertThat(((LatencySample) d.events().get("busy").get(0)).pingSeq()).isEqualTo(900);
        assertThat(d.dropped()).containsEntry("busy", 900).doesNotContainKey("quiet");
        assertThat(d.events().get("quiet")).hasSize(1);
    }

    @Test
    void acceptsFromManyEngineThreadsAtOnce_withoutLosingAnything() throws Exception {
        EventInbox inbox = new EventInbox();
        int threads = 4;
        int each = 2_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String conn = "c" + (t % 2);
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    inbox.accept(sample(conn, i));
                }
            });
            th.start();
            started.add(th);
        }
        go.countDown();
        int drained = 0;
        for (Thread th : started) {
            th.join(10_000);
        }
        drained += inbox.drain().eventCount();
        assertThat(drained).isEqualTo(threads * each);
    }
}
