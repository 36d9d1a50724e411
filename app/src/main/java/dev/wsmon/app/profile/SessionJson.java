package dev.wsmon.app.profile;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wsmon.core.session.Responder;
import dev.wsmon.core.session.SessionLayer;
import dev.wsmon.core.session.SessionPreset;
import java.util.List;

/**
 * The {@code session} object of a profile connection and of {@code defaults}:
 * <pre>
 * "session": {
 *   "preset": "socketio" | "json-heartbeat",
 *   "onOpen": ["40", "42[\"subscribe\",\"${FEED}\"]"],
 *   "respond": [{"match": "2", "reply": "3"}],        (or strings "REGEX=>REPLY")
 *   "heartbeat": "{\"op\":\"ping\"}",
 *   "heartbeatExpect": "\\{\"op\":\"pong\"\\}"
 * }
 * </pre>
 * Every field is optional; a preset fills the others in, and fields beside it override it. Heartbeat interval and
 * timeout are settings ({@code heartbeatInterval}, {@code heartbeatTimeout}) beside the others.
 */
final class SessionJson {

    static final List<String> FIELDS = List.of("preset", "onOpen", "respond", "heartbeat", "heartbeatExpect");
    static final List<String> RESPONDER_FIELDS = List.of("match", "reply");

    private SessionJson() {
    }

    static ObjectNode write(SessionLayer s) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        s.preset().ifPresent(p -> n.put("preset", p.token()));
        s.onOpen().ifPresent(list -> {
            ArrayNode a = n.putArray("onOpen");
            list.forEach(a::add);
        });
        s.responders().ifPresent(list -> {
            ArrayNode a = n.putArray("respond");
            for (Responder r : list) {
                a.addObject().put("match", r.regex()).put("reply", r.reply());
            }
        });
        s.heartbeat().ifPresent(h -> n.put("heartbeat", h));
        s.heartbeatExpect().ifPresent(e -> n.put("heartbeatExpect", e));
        return n;
    }

    /** The preset named {@code token}, for the reader's message. */
    static SessionPreset preset(String where, String token) {
        return SessionPreset.byToken(where, token);
    }
}
