package dev.wsmon.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Responders, heartbeats, presets and the layering of profile and flags, with their messages. */
class SessionConfigTest {

    @Test
    void responder_fullMatchOnly_withGroupsInTheReply() {
        Responder r = Responder.parse("--respond", "ping (\\d+)=>pong $1 $$ $x");
        assertThat(r.answer("ping 42")).contains("pong 42 $$ $x");
        assertThat(r.answer("ping 42 and more")).isEmpty();
        assertThat(Responder.parse("--respond", "a=>b=>c").reply()).isEqualTo("b=>c");
    }

    @Test
    void responder_badInput_isOneMessageNamingTheField() {
        assertThatThrownBy(() -> Responder.parse("--respond", "2=3"))
                .hasMessage("--respond '2=3': write REGEX=>REPLY, e.g. '2=>3'");
        assertThatThrownBy(() -> Responder.parse("--respond", "(=>3"))
                .hasMessageStartingWith("--respond '(=>3': '(' is not a valid regex (Unclosed group");
        assertThatThrownBy(() -> Responder.parse("--respond", "ping=>pong $1"))
                .hasMessage("--respond 'ping=>pong $1': the reply refers to $1 but 'ping' has 0 groups; add (…) to the"
                        + " regex or drop $1");
        assertThatThrownBy(() -> Responder.parse("--respond", "=>3"))
                .hasMessageContaining("the regex is empty");
    }

    @Test
    void heartbeat_badExpect_isRefused() {
        assertThatThrownBy(() -> new Heartbeat("hb", Optional.of("[")))
                .hasMessageStartingWith("heartbeat expect '[' is not a valid regex");
        assertThatThrownBy(() -> new Heartbeat("", Optional.empty())).hasMessageStartingWith("heartbeat text is empty");
    }

    @Test
    void socketioPreset_followsEngineIo4() {
        SessionConfig c = SessionPreset.SOCKETIO.config();
        assertThat(c.onOpen()).containsExactly("40");
        assertThat(c.responders()).singleElement().satisfies(r -> {
            assertThat(r.answer("2")).contains("3");
            assertThat(r.answer("2probe")).isEmpty();
            assertThat(r.answer("42[\"tick\",1]")).isEmpty();
        });
        assertThat(c.heartbeat()).isEmpty();
        assertThat(SessionPreset.SOCKETIO.url(URI.create("ws://h:3000")))
                .isEqualTo(URI.create("ws://h:3000/socket.io/?EIO=4&transport=websocket"));
        assertThat(SessionPreset.SOCKETIO.url(URI.create("wss://h/app?token=x")))
                .isEqualTo(URI.create("wss://h/app/socket.io/?token=x&EIO=4&transport=websocket"));
        URI already = URI.create("ws://h/socket.io/?EIO=4&transport=websocket");
        assertThat(SessionPreset.SOCKETIO.url(already)).isEqualTo(already);
        assertThat(SessionPreset.JSON_HEARTBEAT.url(URI.create("ws://h/x"))).isEqualTo(URI.create("ws://h/x"));
    }

    @Test
    void jsonHeartbeatPreset_expectsThePong() {
        Heartbeat h = SessionPreset.JSON_HEARTBEAT.config().heartbeat().orElseThrow();
        assertThat(h.text()).isEqualTo("{\"op\":\"ping\"}");
        assertThat(h.expectPattern().orElseThrow().matcher("{\"op\":\"pong\"}").matches()).isTrue();
        assertThat(h.expectPattern().orElseThrow().matcher("{ \"op\" : \"pong\" }").matches()).isTrue();
        assertThat(h.expectPattern().orElseThrow().matcher("{\"op\":\"ping\"}").matches()).isFalse();
    }

    @Test
    void layers_presetThenOverrides_flagsLast() {
        SessionLayer defaults = new SessionLayer(Optional.empty(), Optional.of(List.of("hello")), Optional.empty(),
                Optional.of("hb"), Optional.empty());
        SessionLayer connection = new SessionLayer(Optional.of(SessionPreset.SOCKETIO), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
        SessionLayer flags = new SessionLayer(Optional.empty(), Optional.of(List.of("40", "42[\"subscribe\"]")),
                Optional.empty(), Optional.empty(), Optional.empty());

        SessionConfig c = SessionLayer.resolve(List.of(defaults, connection, flags));

        assertThat(c.preset()).contains(SessionPreset.SOCKETIO);
        assertThat(c.onOpen()).containsExactly("40", "42[\"subscribe\"]");
        assertThat(c.responders()).containsExactly(new Responder("x", "2", "3"));
        assertThat(c.heartbeat()).isEmpty(); // the connection's preset replaced the defaults
        assertThat(SessionLayer.resolve(List.of(defaults)).heartbeat()).contains(new Heartbeat("hb", Optional.empty()));
    }

    @Test
    void layers_expectWithoutHeartbeat_isRefused() {
        SessionLayer l = new SessionLayer(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of("pong"));
        assertThatThrownBy(() -> SessionLayer.resolve(List.of(l)))
                .hasMessageStartingWith("heartbeat expect 'pong' is given without a heartbeat text");
        SessionLayer text = new SessionLayer(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("ping"),
                Optional.empty());
        assertThat(SessionLayer.resolve(List.of(text, l)).heartbeat())
                .contains(new Heartbeat("ping", Optional.of("pong")));
    }

    @Test
    void presetByToken_namesTheChoices() {
        assertThat(SessionPreset.byToken("preset", "socketio")).isEqualTo(SessionPreset.SOCKETIO);
        assertThatThrownBy(() -> SessionPreset.byToken("session.preset", "mqtt"))
                .hasMessage("session.preset 'mqtt' is not a preset; use one of socketio, json-heartbeat");
    }
}
