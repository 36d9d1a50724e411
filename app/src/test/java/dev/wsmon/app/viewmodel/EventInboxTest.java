package dev.wsmon.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionId;
import dev.wsmon.core.event.LatencySample;
import dev.wsmon.core.testing.Events;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class EventInboxTest {

    private static final ConnectionId A = new ConnectionId("a", 1);
    private static final ConnectionId B = new ConnectionId("b", 2);

    private static LatencySample sample(ConnectionId conn, long seq) {
        return Events.of(conn).latency(1_000 + seq, seq, Duration.ofMillis(1));
    }

    private static EventInbox tracking(EventInbox inbox, ConnectionId... ids) {
        for (ConnectionId id : ids) {
            inbox.track(id);
        }
        return inbox;
    }

    @Test
    void drainReturnsEventsPerConnectionInOrder_andEmptiesTheInbox() {
        EventInbox inbox = tracking(new EventInbox(), A, B);
        inbox.accept(sample(A, 1));
        inbox.accept(sample(B, 1));
        inbox.accept(sample(A, 2));
        List<Runnable> ran = new ArrayList<>();
        inbox.post(() -> ran.add(null));

        EventInbox.Drained d = inbox.drain();

        assertThat(d.events().get(A)).extracting(e -> ((LatencySample) e).pingSeq()).containsExactly(1L, 2L);
        assertThat(d.events().get(B)).hasSize(1);
        assertThat(d.tasks()).hasSize(1);
        assertThat(d.eventCount()).isEqualTo(3);
        assertThat(inbox.drain().isEmpty()).isTrue();
    }

    @Test
    void aDrainBetweenRoutineOnes_leavesRoutineEventsWaiting_butTakesAConnectionWithAStateChangeWhole() {
        EventInbox inbox = tracking(new EventInbox(), A, B);
        Events a = Events.of(A);
        inbox.accept(sample(A, 1));
        inbox.accept(a.received(1_001, 4, "tick"));
        inbox.accept(a.delivered(1_002, 7, Duration.ofMillis(1)));
        inbox.accept(sample(B, 1));
        inbox.post(() -> { });

        EventInbox.Drained between = inbox.drain(false);

        assertThat(between.events()).isEmpty();
        assertThat(between.tasks()).hasSize(1);
        assertThat(inbox.pending()).isEqualTo(4);

        inbox.accept(Events.of(B).state(1_003, dev.wsmon.core.State.CONNECTING, dev.wsmon.core.State.CLOSED, 2));
        EventInbox.Drained urgent = inbox.drain(false);

        assertThat(urgent.events()).containsOnlyKeys(B);
        assertThat(urgent.events().get(B)).hasSize(2); // the sample before it too, in order
        assertThat(urgent.events().get(B).get(0)).isInstanceOf(LatencySample.class);

        EventInbox.Drained routine = inbox.drain(true);

        assertThat(routine.events()).containsOnlyKeys(A);
        assertThat(routine.events().get(A)).hasSize(3);
        assertThat(inbox.pending()).isZero();
    }

    @Test
    void wakesItsDrainOnce_whenItBecomesUrgent_notForRoutineEvents() {
        EventInbox inbox = tracking(new EventInbox(), A);
        List<String> wakes = new ArrayList<>();
        inbox.onUrgent(() -> wakes.add("wake"));
        Events a = Events.of(A);

        inbox.accept(sample(A, 1));
        inbox.accept(a.received(1_001, 4, "tick"));
        assertThat(wakes).as("routine events wait for the routine second").isEmpty();

        inbox.accept(a.state(1_002, dev.wsmon.core.State.CLOSING, dev.wsmon.core.State.OPEN, 1));
        inbox.post(() -> { });
        assertThat(wakes).as("once until the next drain").hasSize(1);

        inbox.drain(false);
        inbox.post(() -> { });
        assertThat(wakes).as("urgent again after a drain").hasSize(2);
    }

    @Test
    void whileNothingDrains_keepsTheNewestCapacityEventsPerConnection_andCountsTheDropped() {
        ConnectionId busy = new ConnectionId("busy", 1);
        ConnectionId quiet = new ConnectionId("quiet", 2);
        EventInbox inbox = tracking(new EventInbox(100), busy, quiet);
        for (int i = 0; i < 1_000; i++) {
            inbox.accept(sample(busy, i));
        }
        inbox.accept(sample(quiet, 0));

        EventInbox.Drained d = inbox.drain();

        assertThat(d.events().get(busy)).hasSize(100);
        assertThat(((LatencySample) d.events().get(busy).get(0)).pingSeq()).isEqualTo(900);
        assertThat(d.dropped()).containsEntry(busy, 900).doesNotContainKey(quiet);
        assertThat(d.events().get(quiet)).hasSize(1);
    }

    @Test
    void whileNothingDrains_messageContentsStayWithinThePayloadBudget_droppingTheOldestEvents() {
        ConnectionId feed = new ConnectionId("feed", 1);
        EventInbox inbox = tracking(new EventInbox(1_000, 10 * 1024), feed);
        for (int i = 0; i < 30; i++) {
            inbox.accept(dev.wsmon.core.testing.Events.of(feed).receivedBinary(i, new byte[1024]));
            inbox.accept(sample(feed, i)); // no contents: never pushes anything out by itself
        }

        EventInbox.Drained d = inbox.drain();

        long kept = d.events().get(feed).stream().mapToLong(e -> e.payloadBytes()).sum();
        assertThat(kept).isEqualTo(10 * 1024);
        assertThat(d.dropped().get(feed)).isGreaterThanOrEqualTo(20);
        assertThat(((LatencySample) d.events().get(feed).get(d.events().get(feed).size() - 1)).pingSeq()).isEqualTo(29);
    }

    @Test
    void acceptsFromManyEngineThreadsAtOnce_withoutLosingAnything() throws Exception {
        EventInbox inbox = tracking(new EventInbox(), A, B);
        int threads = 4;
        int each = 2_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            ConnectionId conn = t % 2 == 0 ? A : B;
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

    @Test
    void onlyTrackedInstancesHaveALane_soAForgottenInstancesLateEventsAreDropped() {
        ConnectionId old = new ConnectionId("feed", 1);
        ConnectionId fresh = new ConnectionId("feed", 2);
        EventInbox inbox = tracking(new EventInbox(), old);
        inbox.forget(old);
        inbox.track(fresh);

        inbox.accept(sample(old, 1));
        inbox.accept(sample(fresh, 2));
        inbox.accept(sample(new ConnectionId("never-tracked", 3), 3));

        EventInbox.Drained d = inbox.drain();
        assertThat(d.events()).containsOnlyKeys(fresh);
        assertThat(d.events().get(fresh)).extracting(e -> ((LatencySample) e).pingSeq()).containsExactly(2L);
        assertThat(inbox.pending()).isZero();
    }
}
