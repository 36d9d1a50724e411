package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.event.ConnectionEvent;
import dev.wsmon.core.event.MessageDelivered;
import dev.wsmon.core.event.MessageSent;
import dev.wsmon.core.event.SendFailed;
import dev.wsmon.core.event.StateChanged;
import dev.wsmon.core.testing.EventRecorder;
import dev.wsmon.core.testing.Fixture;
import dev.wsmon.core.testing.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failure mode "sends succeed after the peer has closed": a close from the peer shows in the state as soon as its frame arrives,
 * whatever the application is doing, and every send has exactly one outcome the caller sees.
 */
class PeerCloseTest {

    private TestServer server;
    private Fixture engine;

    @BeforeEach
    void start() {
        server = TestServer.builder().echo(false).start();
        engine = new Fixture();
    }

    @AfterEach
    void stop() {
        engine.close();
        server.close();
    }

    @Test
    void reportsPeerClosePromptly_withoutAnyReadByTheApplication_andRefusesLaterSends() {
        Fixture.Watched w = engine.open("feed", Fixture.ws(server.port()), Fixture.fast().autoReconnect(false).build());
        w.events().awaitState(State.OPEN, 0, Fixture.PROMPT);
        int mark = w.events().size();

        long before = System.nanoTime();
        server.closeAll(1000, "bye");

        EventRecorder.Seen closed = w.events().awaitState(State.CLOSED, mark, Fixture.PROMPT);
        assertThat(Duration.ofNanos(closed.nanos() - before)).isLessThan(Duration.ofSeconds(1));
        CloseReport report = ((StateChanged) closed.event()).close().orElseThrow();
        assertThat(report.code()).isEqualTo(1000);
        assertThat(report.reason()).isEqualTo("bye");
        assertThat(report.initiator()).isEqualTo(Initiator.REMOTE);
        assertThat(report.cause()).isEqualTo(CloseCause.REMOTE_CLOSE);
        assertThat(w.conn().snapshot().state()).isEqualTo(State.CLOSED);

        for (int i = 0; i < 3; i++) {
            SendResult result = w.conn().send("after close " + i).outcome().join();
            assertThat(result.failure()).contains(SendFailure.NOT_OPEN);
        }
        assertThat(w.events().all(MessageSent.class)).as("a refused send is never reported as sent").isEmpty();
    }

    @Test
    void everySendHasExactlyOneOutcome_whenInterleavedWithServerCloses() throws Exception {
        Fixture.Watched w = engine.open("feed", Fixture.ws(server.port()), Fixture.fast().build());
        w.events().awaitState(State.OPEN, 0, Fixture.PROMPT);

        Map<Long, String> texts = new HashMap<>();
        List<CompletableFuture<SendResult>> outcomes = new ArrayList<>();
        for (int cycle = 0; cycle < 10; cycle++) {
            int attempt = w.conn().snapshot().attempt();
            w.events().awaitNext(StateChanged.class, s -> s.state() == State.OPEN && s.attempt() >= attempt, 0,
                    Fixture.PROMPT);
            for (int k = 0; k < 20; k++) {
                String text = "m-" + (cycle * 20 + k);
                SendTicket ticket = w.conn().send(text);
                texts.put(ticket.id(), text);
                outcomes.add(ticket.outcome());
                if (k < 10) {
                    ticket.outcome().get(5, TimeUnit.SECONDS); // paced: these meet an open connection
                } else if (k == 10) {
                    server.closeAll(1000, "rotate"); // the rest race the close: accepted or refused
                }
            }
            w.events().awaitNext(StateChanged.class, s -> s.state() == State.OPEN && s.attempt() > attempt, 0,
                    Fixture.PROMPT);
        }
        CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        Map<Long, Integer> finals = new HashMap<>();
        for (ConnectionEvent e : w.events().events()) {
            if (e instanceof MessageDelivered d) {
                finals.merge(d.id(), 1, Integer::sum);
            } else if (e instanceof SendFailed f) {
                finals.merge(f.id(), 1, Integer::sum);
            }
        }
        assertThat(finals.keySet()).as("every send has a final outcome").isEqualTo(texts.keySet());
        assertThat(finals.values()).as("exactly one outcome each").containsOnly(1);

        Set<String> received = new HashSet<>(server.received());
        List<String> deliveredNotReceived = w.events().all(MessageDelivered.class).stream()
                .map(d -> texts.get(d.id())).filter(t -> !received.contains(t)).toList();
        assertThat(deliveredNotReceived).as("every delivered message was received by the server").isEmpty();
        assertThat(w.events().all(MessageDelivered.class)).as("paced sends on an open connection are delivered")
                .hasSizeGreaterThanOrEqualTo(90);
        assertThat(w.events().all(SendFailed.class)).as("some sends met the close").isNotEmpty();
    }
}
