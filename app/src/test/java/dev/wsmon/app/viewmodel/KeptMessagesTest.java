package dev.wsmon.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.app.viewmodel.InspectedMessage.Outcome;
import dev.wsmon.core.ConnectionId;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class KeptMessagesTest {

    private static final ConnectionId FEED = new ConnectionId("feed", 1);

    @Test
    void overTheCountCap_theOldestAreDroppedFirst_andCounted() {
        KeptMessages kept = new KeptMessages(3, 1_000_000);

        for (int i = 0; i < 5; i++) {
            kept.add(text(kept.nextSeq(), "m" + i));
        }

        assertThat(kept.size()).isEqualTo(3);
        assertThat(kept.dropped()).isEqualTo(2);
        assertThat(kept.get(1)).isEmpty();
        assertThat(kept.get(2)).isEmpty();
        assertThat(kept.get(3).orElseThrow().text()).isEqualTo("m2");
        assertThat(kept.get(5).orElseThrow().text()).isEqualTo("m4");
    }

    @Test
    void overTheByteCap_theOldestAreDroppedUntilTheNewOneFits_andOneLargerThanTheCapIsNotKept() {
        KeptMessages kept = new KeptMessages(1_000, 100);
        kept.add(text(kept.nextSeq(), "a".repeat(40)));
        kept.add(text(kept.nextSeq(), "b".repeat(40)));

        kept.add(text(kept.nextSeq(), "c".repeat(30)));

        assertThat(kept.keptBytes()).isEqualTo(70);
        assertThat(kept.get(1)).isEmpty();
        assertThat(kept.dropped()).isEqualTo(1);

        boolean tooBig = kept.add(text(kept.nextSeq(), "d".repeat(101)));

        assertThat(tooBig).isFalse();
        assertThat(kept.size()).isEqualTo(2);
        assertThat(kept.keptBytes()).isEqualTo(70);
        assertThat(kept.dropped()).isEqualTo(2);
    }

    @Test
    void paused_keepsNothingNew_countsWhatItMissed_butAKeptSendStillGetsItsOutcome() {
        KeptMessages kept = new KeptMessages();
        kept.add(sent(kept.nextSeq(), 7, "subscribe"));
        kept.setPaused(true);

        assertThat(kept.add(text(kept.nextSeq(), "tick"))).isFalse();
        assertThat(kept.add(sent(kept.nextSeq(), 8, "ping"))).isFalse();
        long seq = kept.outcome(FEED, 7, Outcome.DELIVERED, "confirmed");

        assertThat(kept.size()).isEqualTo(1);
        assertThat(kept.missedWhilePaused()).isEqualTo(2);
        assertThat(kept.get(seq).orElseThrow().outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(kept.outcome(FEED, 8, Outcome.DELIVERED, "")).isZero(); // sent while paused: not kept

        kept.setPaused(false);
        assertThat(kept.add(text(kept.nextSeq(), "tick"))).isTrue();
        assertThat(kept.missedWhilePaused()).isEqualTo(2); // the last pause's count stays to be read
        kept.setPaused(true);
        assertThat(kept.missedWhilePaused()).isZero();
    }

    @Test
    void aDroppedSend_forgetsItsId_soALateOutcomeChangesNothing() {
        KeptMessages kept = new KeptMessages(1, 1_000);
        kept.add(sent(kept.nextSeq(), 1, "first"));
        kept.add(text(kept.nextSeq(), "second"));

        assertThat(kept.outcome(FEED, 1, Outcome.UNCONFIRMED, "closed")).isZero();
        assertThat(kept.send(FEED, 1)).isEmpty();
    }

    @Test
    void find_goesForwardAndBackFromAMessage_wrappingAroundTheEnds() {
        KeptMessages kept = new KeptMessages();
        LongStream.rangeClosed(1, 5).forEach(i -> kept.add(text(kept.nextSeq(), i % 2 == 0 ? "even" : "odd")));

        assertThat(kept.find(2, true, m -> m.text().equals("even")).orElseThrow().seq()).isEqualTo(4);
        assertThat(kept.find(4, true, m -> m.text().equals("even")).orElseThrow().seq()).isEqualTo(2); // wraps
        assertThat(kept.find(4, false, m -> m.text().equals("even")).orElseThrow().seq()).isEqualTo(2);
        assertThat(kept.find(2, false, m -> m.text().equals("even")).orElseThrow().seq()).isEqualTo(4); // wraps
        assertThat(kept.find(0, true, m -> true).orElseThrow().seq()).isEqualTo(1); // from nothing: the oldest
        assertThat(kept.find(0, false, m -> true).orElseThrow().seq()).isEqualTo(5); // or the newest
        assertThat(kept.find(3, true, m -> m.text().equals("none"))).isEmpty();
        assertThat(kept.countAndPosition(4, m -> m.text().equals("even"))).containsExactly(2, 2);
    }

    @Test
    void aCapBelowOne_isRefusedWithWhatToFix() {
        assertThatThrownBy(() -> new KeptMessages(0, 1)).hasMessage("the inspector must keep at least 1 message, got 0");
    }

    private static InspectedMessage text(long seq, String text) {
        return InspectedMessage.received(seq, FEED, 1_000 + seq, false, text.length(), text, null);
    }

    private static InspectedMessage sent(long seq, long sendId, String text) {
        return InspectedMessage.sent(seq, FEED, 1_000 + seq, sendId, text.length(), text, Outcome.PENDING, "", false);
    }
}
