package dev.wsmon.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.app.viewmodel.InspectedMessage.Outcome;
import dev.wsmon.core.SendFailure;
import dev.wsmon.core.State;
import dev.wsmon.core.testing.Events;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessageInspectorViewModelTest {

    private final Harness h = new Harness();
    private final EventLogViewModel log = new EventLogViewModel(h.main);
    private final MessageInspectorViewModel inspector = new MessageInspectorViewModel(h.main, log);

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void aSelectedLine_showsItsMessageWhole_withDirectionTimeAndSizes() {
        ConnectionViewModel c = quiet("feed");
        String big = "{\"op\":\"book\",\"levels\":\"" + "x".repeat(500) + "é\"}";
        apply(c, Events.of(c.id()).received(h.clock.get(), dev.wsmon.core.Utf8.length(big), big));
        LogEntry line = c.log().get(c.log().size() - 1);
        assertThat(line.text()).endsWith("…"); // the log previews it on one line

        inspector.show(line);

        assertThat(inspector.bodyProperty().get()).isEqualTo(big);
        assertThat(inspector.hexProperty().get()).isFalse();
        assertThat(inspector.titleProperty().get()).isEqualTo("← received · feed");
        assertThat(inspector.summaryProperty().get()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} · .*")
                .endsWith("· " + (big.length() + 1) + " bytes, " + big.length() + " characters");
        assertThat(inspector.outcomeProperty().get()).isEmpty();
        assertThat(inspector.hintProperty().get()).isEmpty();
    }

    @Test
    void prettyJson_isOnDemand_andNotJsonSaysWhere() {
        ConnectionViewModel c = quiet("feed");
        apply(c, Events.of(c.id()).received(h.clock.get(), 15, "{\"a\":[1,2],\"b\":{}}"),
                Events.of(c.id()).received(h.clock.get(), 4, "pong"));
        inspector.show(c.log().get(0));
        assertThat(inspector.bodyProperty().get()).isEqualTo("{\"a\":[1,2],\"b\":{}}");

        inspector.prettyProperty().set(true);

        assertThat(inspector.bodyProperty().get()).isEqualTo("{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": { }\n}");
        assertThat(inspector.jsonProblemProperty().get()).isEmpty();

        inspector.show(c.log().get(1));

        assertThat(inspector.bodyProperty().get()).isEqualTo("pong");
        assertThat(inspector.jsonProblemProperty().get()).startsWith("not JSON: ").contains("line 1, column");
    }

    @Test
    void aOneMiBBinaryMessage_showsItsFirstSixteenKiBAsHex_andPagesThroughTheRest() {
        ConnectionViewModel c = quiet("feed");
        byte[] data = new byte[1024 * 1024];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        apply(c, Events.of(c.id()).receivedBinary(h.clock.get(), data));

        inspector.show(c.log().get(0));

        String page = inspector.bodyProperty().get();
        assertThat(inspector.hexProperty().get()).isTrue();
        assertThat(page.split("\n")).hasSize(MessageInspectorViewModel.HEX_PAGE_BYTES / 16);
        assertThat(page).startsWith("00000000 | 00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f | ................\n");
        assertThat(inspector.pageProperty().get()).isEqualTo("bytes 0–16,383 of 1,048,576");
        assertThat(inspector.summaryProperty().get()).endsWith("1,048,576 bytes, binary");
        assertThat(inspector.canPreviousPageProperty().get()).isFalse();
        assertThat(inspector.canPrettyProperty().get()).isFalse();

        inspector.nextPage();

        assertThat(inspector.bodyProperty().get()).startsWith("00004000 | ");
        assertThat(inspector.pageProperty().get()).isEqualTo("bytes 16,384–32,767 of 1,048,576");
        for (int i = 0; i < 100 && inspector.canNextPageProperty().get(); i++) {
            inspector.nextPage();
        }
        assertThat(inspector.bodyProperty().get().trim()).endsWith("000ffff0 | f0 f1 f2 f3 f4 f5 f6 f7  f8 f9 fa fb fc fd fe ff | ................");
        assertThat(inspector.canNextPageProperty().get()).isFalse();
    }

    @Test
    void aSendsOutcome_updatesLive_fromAwaitingToDelivered_andARefusedSendKeepsItsText() {
        ConnectionViewModel c = h.main.add(ConnectionSpec.of("echo", h.echoUrl("/inspect"), Harness.FAST), true);
        h.tickUntil("echo OPEN", Duration.ofSeconds(5), () -> c.state() == State.OPEN);

        long id = c.send("{\"op\":\"subscribe\"}");
        h.tickUntil("the send's line", Duration.ofSeconds(5), () -> sentLine(c, id) != null);
        inspector.show(sentLine(c, id));

        assertThat(inspector.titleProperty().get()).isEqualTo("→ sent #" + id + " · echo");
        assertThat(inspector.bodyProperty().get()).isEqualTo("{\"op\":\"subscribe\"}");
        if (inspector.outcomeKindProperty().get() == Outcome.PENDING) { // the pong may have come in the same batch
            assertThat(inspector.outcomeProperty().get()).startsWith("Awaiting confirmation");
        }
        h.tickUntil("delivered, in the inspector without selecting again", Duration.ofSeconds(5),
                () -> inspector.outcomeKindProperty().get() == Outcome.DELIVERED);
        assertThat(inspector.outcomeProperty().get()).startsWith("Delivered: confirmed by a pong after ");

        c.disconnect();
        h.tickUntil("echo CLOSED", Duration.ofSeconds(5), () -> c.state() == State.CLOSED);
        long refused = c.send("too late");
        h.tickUntil("the refusal", Duration.ofSeconds(5), () -> c.log().stream().anyMatch(l -> l.text().startsWith("✗ #" + refused)));
        inspector.show(c.log().stream().filter(l -> l.text().startsWith("✗ #" + refused)).findFirst().orElseThrow());

        assertThat(inspector.outcomeKindProperty().get()).isEqualTo(Outcome.REFUSED);
        assertThat(inspector.outcomeProperty().get()).startsWith("Refused, never sent: not-open");
        assertThat(inspector.bodyProperty().get()).isEqualTo("too late");
    }

    @Test
    void anUnconfirmedSend_saysSo_whenItsOutcomeArrives() {
        ConnectionViewModel c = quiet("feed");
        apply(c, Events.of(c.id()).sent(h.clock.get(), 3, 5));
        inspector.show(c.log().get(0));
        assertThat(inspector.outcomeKindProperty().get()).isEqualTo(Outcome.PENDING);

        apply(c, Events.of(c.id()).failed(h.clock.get(), 3, SendFailure.UNCONFIRMED, "connection closed first"));

        assertThat(inspector.outcomeKindProperty().get()).isEqualTo(Outcome.UNCONFIRMED);
        assertThat(inspector.outcomeProperty().get()).contains("connection closed first").contains("may or may not");
        assertThat(c.log().get(1).message().seq()).isEqualTo(c.log().get(0).message().seq()); // the outcome line too
    }

    @Test
    void search_findsNextAndPreviousInTheKeptMessages_ofTheLogsConnections_wrapping() {
        ConnectionViewModel a = quiet("a");
        ConnectionViewModel b = quiet("b");
        h.main.selectedProperty().set(a);
        apply(a, Events.of(a.id()).received(h.clock.get(), 9, "BTC trade"),
                Events.of(a.id()).received(h.clock.get(), 4, "tick"),
                Events.of(a.id()).receivedBinary(h.clock.get(), new byte[] {0, 'b', 't', 'c', 1}),
                Events.of(a.id()).received(h.clock.get(), 4, "tick"));
        apply(b, Events.of(b.id()).received(h.clock.get(), 3, "btc"));
        inspector.searchProperty().set("btc");

        inspector.next();
        assertThat(inspector.bodyProperty().get()).isEqualTo("BTC trade");
        assertThat(inspector.matchesProperty().get()).isEqualTo("1 of 2 matches");

        inspector.next();
        assertThat(inspector.hexProperty().get()).isTrue(); // found in the binary message's ASCII
        assertThat(inspector.matchesProperty().get()).isEqualTo("2 of 2 matches");

        inspector.next();
        assertThat(inspector.bodyProperty().get()).isEqualTo("BTC trade"); // wrapped; b's message is not in a's log

        inspector.previous();
        assertThat(inspector.hexProperty().get()).isTrue();

        log.allConnectionsProperty().set(true);
        inspector.next(); // from the binary one: past a's tick to b's message
        assertThat(inspector.bodyProperty().get()).isEqualTo("btc");
        assertThat(inspector.matchesProperty().get()).isEqualTo("3 of 3 matches");

        inspector.searchProperty().set("nothing like it");
        inspector.next();
        assertThat(inspector.matchesProperty().get()).isEqualTo("no match");
    }

    @Test
    void pause_stopsKeepingNewMessages_andSaysHowManyArrived() {
        ConnectionViewModel c = quiet("feed");
        apply(c, Events.of(c.id()).received(h.clock.get(), 1, "a"));

        inspector.pausedProperty().set(true);
        apply(c, Events.of(c.id()).received(h.clock.get(), 1, "b"), Events.of(c.id()).received(h.clock.get(), 1, "c"));

        assertThat(inspector.pauseInfoProperty().get()).isEqualTo("Paused: 2 new messages not kept");
        assertThat(c.log()).hasSize(3); // the log goes on
        inspector.show(c.log().get(2));
        assertThat(inspector.titleProperty().get()).isEqualTo("Message not kept");
        assertThat(inspector.hintProperty().get()).contains("paused");

        inspector.pausedProperty().set(false);
        apply(c, Events.of(c.id()).received(h.clock.get(), 1, "d"));

        assertThat(inspector.pauseInfoProperty().get()).isEqualTo("2 messages arrived while paused (not kept)");
        inspector.show(c.log().get(3));
        assertThat(inspector.bodyProperty().get()).isEqualTo("d");
    }

    @Test
    void theCapsAreStated_andWhatTheyDroppedIsCounted() {
        assertThat(inspector.capInfoProperty().get())
                .startsWith("Keeps the last 1,000 messages or 16 MiB, oldest dropped first · 0 kept");
        ConnectionViewModel c = quiet("feed");
        Events e = Events.of(c.id());
        apply(c, java.util.stream.IntStream.range(0, 1_003).mapToObj(i -> e.received(h.clock.get(), 1, "m" + i))
                .toArray(dev.wsmon.core.event.ConnectionEvent[]::new));

        assertThat(inspector.capInfoProperty().get()).contains("· 1,000 kept").endsWith("· 3 dropped");
        inspector.show(c.log().get(0));
        assertThat(inspector.titleProperty().get()).isEqualTo("Message not kept");
        assertThat(inspector.hintProperty().get()).contains("keeps the last 1,000 messages or 16 MiB");
    }

    @Test
    void hideAutomatic_hidesTheirLogLines_andSearchSkipsThem() {
        ConnectionViewModel c = quiet("feed");
        KeptMessages kept = h.main.kept();
        long manual = kept.nextSeq();
        kept.add(InspectedMessage.sent(manual, c.id(), 1, 1, 9, "subscribe", Outcome.PENDING, "", false));
        long auto = kept.nextSeq();
        kept.add(InspectedMessage.sent(auto, c.id(), 2, 2, 1, "3", Outcome.PENDING, "", true));
        c.appendLog(List.of(new LogEntry(1, "feed", LogKind.MESSAGE, "→ #1 sent", "", new MessageRef(manual, false)),
                new LogEntry(2, "feed", LogKind.MESSAGE, "→ #2 sent", "", new MessageRef(auto, true))));
        inspector.show(auto);
        assertThat(inspector.titleProperty().get()).endsWith("· automatic");
        assertThat(log.visibleProperty().get()).hasSize(2);

        inspector.hideAutomaticProperty().set(true);

        assertThat(log.visibleProperty().get()).extracting(LogEntry::text).containsExactly("→ #1 sent");
        inspector.next();
        assertThat(inspector.bodyProperty().get()).isEqualTo("subscribe");
        inspector.next();
        assertThat(inspector.bodyProperty().get()).isEqualTo("subscribe"); // the automatic one is skipped
        assertThat(inspector.matchesProperty().get()).isEqualTo("1 of 1 message");
    }

    @Test
    void aSessionsAutomaticSend_isKeptMarkedAutomatic_andHideAutomaticSkipsIt() {
        ConnectionViewModel c = quiet("feed");
        apply(c, Events.of(c.id()).received(h.clock.get(), 4, "book"),
                new dev.wsmon.core.event.MessageSent(c.id(), h.clock.get(), 7, 1, "responder 1"));

        inspector.previous(); // from nothing: the newest
        assertThat(inspector.titleProperty().get()).isEqualTo("→ sent #7 · feed · automatic");
        assertThat(inspector.bodyProperty().get()).startsWith("(its text is not kept");

        inspector.hideAutomaticProperty().set(true);
        inspector.next();
        inspector.next();

        assertThat(inspector.bodyProperty().get()).isEqualTo("book");
        assertThat(inspector.matchesProperty().get()).isEqualTo("1 of 1 message");
    }

    // ------------------------------------------------------------------ helpers

    private ConnectionViewModel quiet(String name) {
        return h.main.add(ConnectionSpec.of(name, "ws://127.0.0.1:9/", Harness.FAST), false);
    }

    /** Feeds events and ticks into the next routine slot, so that they apply. */
    private void apply(ConnectionViewModel c, dev.wsmon.core.event.ConnectionEvent... events) {
        for (var e : events) {
            h.inbox.accept(e);
        }
        h.clock.set((h.clock.get() / MainViewModel.ROUTINE_MILLIS + 1) * MainViewModel.ROUTINE_MILLIS);
        h.main.tick();
    }

    private static LogEntry sentLine(ConnectionViewModel c, long id) {
        return c.log().stream().filter(l -> l.text().startsWith("→ #" + id + " sent")).findFirst().orElse(null);
    }
}
