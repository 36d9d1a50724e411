package dev.wsmon.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.SendFailure;
import dev.wsmon.core.SendResult;
import dev.wsmon.core.Settings;
import dev.wsmon.core.State;
import dev.wsmon.core.event.AppLatency;
import dev.wsmon.core.event.ConnectionEvent;
import dev.wsmon.core.event.HeartbeatMissed;
import dev.wsmon.core.event.MessageDelivered;
import dev.wsmon.core.event.MessageReceived;
import dev.wsmon.core.event.MessageSent;
import dev.wsmon.core.testing.FeedServer;
import dev.wsmon.core.testing.Fixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The feed session against a real feed server: subscribe after every OPEN, answer its pings, time a heartbeat. */
class FeedSessionTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final String SUBSCRIBE = "40";

    /** Fast reconnects, but keepalive with a wide margin: these tests are about the feed, not a loaded machine's pongs. */
    private static Settings.Builder lenient() {
        return Fixture.fast().pingInterval(Duration.ofSeconds(1)).pingTimeout(Duration.ofSeconds(5));
    }

    private static Predicate<ConnectionEvent> tick() {
        return e -> e instanceof MessageReceived m && m.text().startsWith("42[\"tick\"");
    }

    private static long ticks(List<ConnectionEvent> events) {
        return events.stream().filter(tick()).count();
    }

    @Test
    void onOpen_subscribesAfterEveryOpen_soTheFeedTicksAgainAfterAReconnect() {
        try (FeedServer server = FeedServer.builder().start(); Fixture f = new Fixture()) {
            Fixture.Watched w = f.add("feed", Fixture.endpoint(server.uri()), lenient().build());
            w.conn().addWatcher(new FeedSession(new SessionConfig(Optional.empty(), List.of(SUBSCRIBE), List.of(),
                    Optional.empty()), name -> null));
            w.conn().open();

            w.events().await("ticks", e -> ticks(e) >= 3, DEADLINE);
            // an ordinary send: an id and a delivery outcome
            MessageSent subscribe = w.events().all(MessageSent.class).get(0);
            assertThat(subscribe.automatic()).isFalse();
            w.events().await("the subscribe delivered", e -> e.stream().anyMatch(
                    x -> x instanceof MessageDelivered d && d.id() == subscribe.id()), DEADLINE);

            server.dropAll(1001);
            w.events().await("a second OPEN", e -> w.events().states(State.OPEN).size() >= 2, DEADLINE);
            int afterReopen = w.events().size();
            w.events().await("ticks after the reconnect", e -> ticks(e.subList(afterReopen, e.size())) >= 3, DEADLINE);
            assertThat(server.subscriptions()).isEqualTo(2);
            assertThat(server.received()).containsExactly(SUBSCRIBE, SUBSCRIBE);
        }
    }

    @Test
    void withoutOnOpen_theFeedSendsNothing_theServerWaitsForTheSubscription() {
        try (FeedServer server = FeedServer.builder().ticks(Duration.ofMillis(20)).pings(Duration.ofMillis(100)).start();
             Fixture f = new Fixture()) {
            Fixture.Watched w = f.open("feed", server.uri(), lenient().build());
            // the server's pings arrive, so the link works; its ticks never do
            w.events().await("two server pings", e -> e.stream()
                    .filter(x -> x instanceof MessageReceived m && m.text().equals("2")).count() >= 2, DEADLINE);
            assertThat(ticks(w.events().events())).isZero();
        }
    }

    @Test
    void responder_answersEveryServerPing_soTheServerKeepsTheConnection_andRepliesAreMarkedAutomatic() {
        // a pong late by a whole interval would get the client closed: an interval with a margin for a loaded machine
        try (FeedServer server = FeedServer.builder().pings(Duration.ofMillis(300)).start(); Fixture f = new Fixture()) {
            Fixture.Watched w = f.add("feed", Fixture.endpoint(server.uri()), lenient().build());
            w.conn().addWatcher(new FeedSession(SessionPreset.SOCKETIO.config(), name -> null));
            w.conn().open();

            server.awaitPongs(4, DEADLINE);
            assertThat(server.closes()).isEmpty();
            assertThat(w.events().states(State.OPEN)).hasSize(1);
            List<MessageSent> sent = w.events().all(MessageSent.class);
            assertThat(sent.get(0).by()).isEmpty(); // "40", the on-open message
            assertThat(sent.subList(1, sent.size())).allSatisfy(m -> {
                assertThat(m.automatic()).isTrue();
                assertThat(m.by()).isEqualTo("responder 1");
            });
            assertThat(server.received()).startsWith("40", "3", "3");
        }
    }

    @Test
    void withoutResponder_theFeedServerClosesTheClient_forNotAnsweringItsPing() {
        try (FeedServer server = FeedServer.builder().pings(Duration.ofMillis(100)).start(); Fixture f = new Fixture()) {
            Fixture.Watched w = f.open("feed", server.uri(), lenient().autoReconnect(false).build());
            assertThat(server.awaitCloses(1, DEADLINE).get(0).code()).isEqualTo(FeedServer.NO_PONG);
            w.events().await("CLOSED", e -> !w.events().states(State.CLOSED).isEmpty(), DEADLINE);
        }
    }

    @Test
    void heartbeat_givesAppLatencyPerReply_missedWhileTheFeedIsSilent_andLatencyAgainAfter() {
        try (FeedServer server = FeedServer.builder().start(); Fixture f = new Fixture()) {
            Settings settings = lenient().heartbeatInterval(Duration.ofMillis(100))
                    .heartbeatTimeout(Duration.ofSeconds(1)).build();
            Fixture.Watched w = f.add("feed", Fixture.endpoint(server.uri()), settings);
            w.conn().addWatcher(new FeedSession(SessionPreset.JSON_HEARTBEAT.config(), name -> null));
            w.conn().open();

            w.events().await("3 app latencies", e -> count(e, AppLatency.class) >= 3, DEADLINE);
            assertThat(w.events().all(AppLatency.class)).allSatisfy(a ->
                    assertThat(a.rtt()).isPositive().isLessThan(Duration.ofSeconds(1)));
            assertThat(w.events().all(MessageSent.class)).allSatisfy(m -> assertThat(m.by()).isEqualTo("heartbeat"));
            assertThat(w.events().all(HeartbeatMissed.class)).isEmpty();

            server.pause();
            w.events().await("a missed heartbeat", e -> count(e, HeartbeatMissed.class) >= 1, DEADLINE);
            assertThat(w.events().all(HeartbeatMissed.class).get(0).timeout()).isEqualTo(Duration.ofSeconds(1));
            assertThat(w.conn().snapshot().state()).isEqualTo(State.OPEN); // the link is up: the feed is not

            int before = count(w.events().events(), AppLatency.class);
            server.resume();
            w.events().await("latency again", e -> count(e, AppLatency.class) > before + 1, DEADLINE);
        }
    }

    @Test
    void heartbeat_survivesAReconnect_andRetunesLive() {
        try (FeedServer server = FeedServer.builder().start(); Fixture f = new Fixture()) {
            // a timeout with a generous margin: a missed heartbeat here would be the machine's load, not the feed
            Settings settings = lenient().heartbeatInterval(Duration.ofSeconds(30))
                    .heartbeatTimeout(Duration.ofSeconds(5)).build();
            Fixture.Watched w = f.add("feed", Fixture.endpoint(server.uri()), settings);
            w.conn().addWatcher(new FeedSession(SessionPreset.JSON_HEARTBEAT.config(), name -> null));
            w.conn().open();
            w.events().await("OPEN", e -> !w.events().states(State.OPEN).isEmpty(), DEADLINE);

            // 30 s would not beat within the deadline: the new interval applies at once
            w.conn().applySettings(settings.toBuilder().heartbeatInterval(Duration.ofMillis(50)).build());
            w.events().await("2 app latencies", e -> count(e, AppLatency.class) >= 2, DEADLINE);

            server.dropAll(1001);
            w.events().await("a second OPEN", e -> w.events().states(State.OPEN).size() >= 2, DEADLINE);
            int mark = w.events().size();
            w.events().await("latency after the reconnect",
                    e -> count(e.subList(mark, e.size()), AppLatency.class) >= 2, DEADLINE);
            assertThat(w.events().all(HeartbeatMissed.class)).isEmpty();
        }
    }

    @Test
    void onOpen_expandsEnvAtSendTime_andReportsWhatWasNotDelivered() {
        try (FeedServer server = FeedServer.builder().start(); Fixture f = new Fixture()) {
            Map<String, String> env = Map.of("FEED_TOKEN", "s3cret");
            List<String> problems = new CopyOnWriteArrayList<>();
            List<SendResult> outcomes = new CopyOnWriteArrayList<>();
            String tooBig = "x".repeat(200);
            SessionConfig config = new SessionConfig(Optional.empty(),
                    List.of("auth ${FEED_TOKEN}", "${UNSET_FEED_VAR}", tooBig, SUBSCRIBE), List.of(), Optional.empty());
            Fixture.Watched w = f.add("feed", Fixture.endpoint(server.uri()),
                    lenient().maxMessageSize(125).build());
            w.conn().addWatcher(new FeedSession(config, env::get, (index, count, outcome, problem) -> {
                outcome.ifPresent(outcomes::add);
                problems.add((index + 1) + "/" + count + " " + problem);
            }));
            w.conn().open();

            server.awaitReceived(r -> r.contains(SUBSCRIBE), DEADLINE);
            assertThat(server.received()).containsExactly("auth s3cret", SUBSCRIBE);
            w.events().await("ticks", e -> ticks(e) >= 1, DEADLINE);
            assertThat(problems).contains("2/4 on-open message 2 refers to ${UNSET_FEED_VAR}, which is not set in the"
                    + " environment; not sent");
            assertThat(outcomes).singleElement().satisfies(r -> assertThat(r.failure()).contains(SendFailure.TOO_BIG));
            assertThat(w.events().events()).noneMatch(e -> e.toString().contains("s3cret"));
        }
    }

    @Test
    void binaryMessages_carryTheirBytes_andResponderIgnoresThem() {
        try (FeedServer server = FeedServer.builder().start(); Fixture f = new Fixture()) {
            Fixture.Watched w = f.add("feed", Fixture.endpoint(server.uri()), lenient().build());
            w.conn().addWatcher(new FeedSession(new SessionConfig(Optional.empty(), List.of(), List.of(
                    new Responder("x", ".*", "text only")), Optional.empty()), name -> null));
            w.conn().open();
            server.awaitOpened(1, DEADLINE);
            server.sendBinaryToAll(new byte[] {0, 1, 2, (byte) 0xff});
            w.events().await("the binary message", e -> count(e, MessageReceived.class) >= 1, DEADLINE);
            MessageReceived m = w.events().all(MessageReceived.class).get(0);
            assertThat(m.binary()).isTrue();
            byte[] bytes = new byte[m.data().remaining()];
            m.data().duplicate().get(bytes);
            assertThat(bytes).containsExactly(0, 1, 2, 0xff);
            assertThat(w.events().all(MessageSent.class)).isEmpty();
        }
    }

    private static int count(List<ConnectionEvent> events, Class<?> type) {
        return (int) events.stream().filter(type::isInstance).count();
    }
}
