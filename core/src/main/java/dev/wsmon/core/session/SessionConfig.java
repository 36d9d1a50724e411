package dev.wsmon.core.session;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a feed session does on one connection: messages sent after every OPEN, responders to the server's own
 * pings, and an application heartbeat. {@link #NONE} does nothing.
 *
 * @param preset the preset it started from, if any (for display and for the URL suffix of Socket.IO)
 * @param onOpen text messages sent in order after every OPEN; may refer to {@code ${ENV}}
 * @param responders tried in order; the first whose regex fully matches a received text message answers it
 */
public record SessionConfig(Optional<SessionPreset> preset, List<String> onOpen, List<Responder> responders,
                            Optional<Heartbeat> heartbeat) {

    public static final SessionConfig NONE = new SessionConfig(Optional.empty(), List.of(), List.of(), Optional.empty());

    public SessionConfig {
        Objects.requireNonNull(preset, "preset");
        onOpen = List.copyOf(onOpen);
        for (int i = 0; i < onOpen.size(); i++) {
            if (onOpen.get(i).isEmpty()) {
                throw new IllegalArgumentException("on-open message " + (i + 1) + " is empty; give the text to send");
            }
        }
        responders = List.copyOf(responders);
        Objects.requireNonNull(heartbeat, "heartbeat");
    }

    /** Whether it does anything at all. */
    public boolean isEmpty() {
        return onOpen.isEmpty() && responders.isEmpty() && heartbeat.isEmpty();
    }

    /** The label of responder {@code index} (0-based) in events and views: {@code responder 1}, … */
    public static String responderLabel(int index) {
        return "responder " + (index + 1);
    }

    /** The label of heartbeat sends. */
    public static final String HEARTBEAT = "heartbeat";

    public SessionConfig withPreset(Optional<SessionPreset> value) {
        return new SessionConfig(value, onOpen, responders, heartbeat);
    }

    public SessionConfig withOnOpen(List<String> value) {
        return new SessionConfig(preset, value, responders, heartbeat);
    }

    public SessionConfig withResponders(List<Responder> value) {
        return new SessionConfig(preset, onOpen, value, heartbeat);
    }

    public SessionConfig withHeartbeat(Optional<Heartbeat> value) {
        return new SessionConfig(preset, onOpen, responders, value);
    }
}
