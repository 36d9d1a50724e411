package dev.wsmon.app.headless;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsmon.app.profile.ProfileCodec;
import dev.wsmon.app.profile.ProfileException;
import dev.wsmon.app.profile.SettingsOverrides;
import dev.wsmon.core.Secret;
import dev.wsmon.core.session.Heartbeat;
import dev.wsmon.core.session.Responder;
import dev.wsmon.core.session.SessionConfig;
import dev.wsmon.core.session.SessionPreset;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feed sessions through the launch plan: profile {@code session} objects, presets, flags over both. */
class SessionPlanTest {

    @TempDir
    Path dir;

    private final PlanBuilder builder = new PlanBuilder(Map.of("FEED_KEY", "the-secret-value")::get);

    private static final String PROFILE = """
            {"version": 1,
             "defaults": {"heartbeatInterval": "2s", "session": {"onOpen": ["hello"]}},
             "connections": [
               {"name": "sio", "url": "ws://sio.example.com:3000", "session": {"preset": "socketio",
                  "onOpen": ["40", "42[\\"subscribe\\",\\"${FEED_KEY}\\"]"]}},
               {"name": "json", "url": "wss://json.example.com/feed", "settings": {"heartbeatTimeout": "5s"},
                "session": {"preset": "json-heartbeat", "respond": [{"match": "ping (\\\\d+)", "reply": "pong $1"}, "hi=>ho"]}},
               {"name": "plain", "url": "wss://plain.example.com/"}
             ]}""";

    private HeadlessOptions options(FeedFlags feed, String... urls) throws Exception {
        Path file = dir.resolve("p.json");
        Files.writeString(file, PROFILE);
        return new HeadlessOptions(List.of(urls), SettingsOverrides.NONE, false, Optional.empty(), List.of(), List.of(),
                Optional.of(file), OptionalInt.empty(), false, false, Map.of(), true, Optional.empty(), Optional.empty(),
                HandshakeFlags.NONE, dev.wsmon.app.alerting.AlertHooks.NONE, feed);
    }

    @Test
    void profileSessions_layerDefaultsConnectionAndPreset_andSocketioGetsItsPath() throws Exception {
        RunPlan plan = builder.build(options(FeedFlags.NONE));
        SessionConfig sio = plan.connections().get(0).session();
        SessionConfig json = plan.connections().get(1).session();
        SessionConfig plain = plan.connections().get(2).session();

        assertThat(sio.preset()).contains(SessionPreset.SOCKETIO);
        assertThat(sio.onOpen()).containsExactly("40", "42[\"subscribe\",\"${FEED_KEY}\"]"); // expanded at send time only
        assertThat(sio.responders()).containsExactly(new Responder("x", "2", "3"));
        assertThat(plan.connections().get(0).endpoint().uri())
                .isEqualTo(URI.create("ws://sio.example.com:3000/socket.io/?EIO=4&transport=websocket"));

        assertThat(json.onOpen()).as("the preset replaced the defaults").isEmpty();
        assertThat(json.heartbeat()).contains(SessionPreset.JSON_HEARTBEAT.config().heartbeat().orElseThrow());
        assertThat(json.responders()).containsExactly(new Responder("x", "ping (\\d+)", "pong $1"),
                new Responder("x", "hi", "ho"));
        assertThat(plan.connections().get(1).settings().heartbeatInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(plan.connections().get(1).settings().effectiveHeartbeatTimeout()).isEqualTo(Duration.ofSeconds(5));

        assertThat(plain.onOpen()).containsExactly("hello");
        assertThat(String.join("\n", plan.warnings())).doesNotContain("the-secret-value");
    }

    @Test
    void flags_overrideTheProfilesFields_andApplyToUrlsToo() throws Exception {
        FeedFlags feed = new FeedFlags(List.of("sub"), List.of(), Optional.of("hb"), Optional.of("hb-ack"), false, 64);
        RunPlan plan = builder.build(options(feed, "ws://127.0.0.1:1/"));
        SessionConfig url = plan.connections().get(0).session();
        SessionConfig sio = plan.connections().get(1).session();
        assertThat(url.onOpen()).containsExactly("sub");
        assertThat(url.heartbeat()).contains(new Heartbeat("hb", Optional.of("hb-ack")));
        assertThat(sio.onOpen()).containsExactly("sub");
        assertThat(sio.responders()).as("kept from the preset").hasSize(1);
    }

    @Test
    void anUnsetVariableInAnOnOpenMessage_isWarnedByName() throws Exception {
        FeedFlags feed = new FeedFlags(List.of("${UNSET_FEED}"), List.of(), Optional.empty(), Optional.empty(), false, 64);
        RunPlan plan = builder.build(options(feed, "ws://127.0.0.1:1/"));
        assertThat(plan.warnings()).anySatisfy(w -> assertThat(w)
                .contains("on-open message 1 refers to ${UNSET_FEED}, which is not set").contains("will not be sent"));
    }

    @Test
    void badSessionFields_areOneMessageNamingTheField() {
        assertThatThrownBy(() -> read("{\"preset\": \"mqtt\"}"))
                .hasMessageContaining("connections[0].session.preset: preset 'mqtt' is not a preset; use one of socketio,"
                        + " json-heartbeat");
        assertThatThrownBy(() -> read("{\"respond\": [{\"match\": \"(\", \"reply\": \"x\"}]}"))
                .hasMessageContaining("connections[0].session.respond[0]: responder: '(' is not a valid regex");
        assertThatThrownBy(() -> read("{\"respond\": [\"ping=>pong $1\"]}"))
                .hasMessageContaining("session.respond[0]: responder 'ping=>pong $1': the reply refers to $1");
        assertThatThrownBy(() -> read("{\"heartbeatExpect\": \"pong\"}"))
                .hasMessageContaining("connections[0].session: heartbeat expect 'pong' is given without a heartbeat text");
    }

    @Test
    void sessions_roundTripThroughTheProfileFormat() throws Exception {
        var loaded = ProfileCodec.read("p.json", PROFILE.getBytes(StandardCharsets.UTF_8)).profile();
        var again = ProfileCodec.read("p.json", ProfileCodec.write(loaded)).profile();
        assertThat(again).isEqualTo(loaded);
        assertThat(again.session().onOpen()).contains(List.of("hello"));
        assertThat(again.connections().get(1).session().preset()).contains(SessionPreset.JSON_HEARTBEAT);
        assertThat(Secret.of("x").toString()).isEqualTo("***");
    }

    private static void read(String session) throws ProfileException {
        ProfileCodec.read("p.json", ("{\"version\": 1, \"connections\": [{\"name\": \"a\", \"url\": \"ws://h/\","
                + " \"session\": " + session + "}]}").getBytes(StandardCharsets.UTF_8));
    }
}
