package dev.wsmon.core.session;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One layer of session fields, as a profile's {@code defaults.session}, a connection's {@code session} or the
 * command line gives them: each absent field leaves the layers below alone. A layer's preset replaces everything
 * below it; its own fields then override the preset's.
 *
 * @param heartbeatExpect the expected reply of the heartbeat; needs a heartbeat text in this or a lower layer
 */
public record SessionLayer(Optional<SessionPreset> preset, Optional<List<String>> onOpen,
                           Optional<List<Responder>> responders, Optional<String> heartbeat,
                           Optional<String> heartbeatExpect) {

    public static final SessionLayer NONE = new SessionLayer(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    public SessionLayer {
        Objects.requireNonNull(preset, "preset");
        onOpen = onOpen.map(List::copyOf);
        responders = responders.map(List::copyOf);
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(heartbeatExpect, "heartbeatExpect");
    }

    /**
     * A layer that gives {@code config} whatever lies below: its preset alone when it is exactly the preset's, else
     * every field (so that empty lists override lower layers).
     */
    public static SessionLayer of(SessionConfig config) {
        if (config.preset().isPresent() && config.preset().get().config().equals(config)) {
            return new SessionLayer(config.preset(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
        Optional<Heartbeat> h = config.heartbeat();
        // No heartbeat over a lower one cannot be said with optional fields: a preset-free layer keeps the lower one
        return new SessionLayer(Optional.empty(), Optional.of(config.onOpen()), Optional.of(config.responders()),
                h.map(Heartbeat::text), h.flatMap(Heartbeat::expect));
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    /**
     * This layer over {@code below}.
     *
     * @throws IllegalArgumentException for an expected reply without a heartbeat text
     */
    public SessionConfig over(SessionConfig below) {
        SessionConfig c = preset.map(SessionPreset::config).orElse(below);
        if (onOpen.isPresent()) {
            c = c.withOnOpen(onOpen.get());
        }
        if (responders.isPresent()) {
            c = c.withResponders(responders.get());
        }
        Optional<Heartbeat> lower = c.heartbeat();
        Optional<String> text = heartbeat.or(() -> lower.map(Heartbeat::text));
        Optional<String> expect = heartbeatExpect.isPresent() ? heartbeatExpect : lower.flatMap(Heartbeat::expect);
        if (text.isEmpty() && expect.isPresent()) {
            throw new IllegalArgumentException("heartbeat expect '" + expect.get() + "' is given without a heartbeat"
                    + " text; give the heartbeat to send too (--heartbeat TEXT, or session.heartbeat)");
        }
        return c.withHeartbeat(text.map(t -> new Heartbeat(t, expect)));
    }

    /** The layers over {@link SessionConfig#NONE}, lowest first. */
    public static SessionConfig resolve(List<SessionLayer> layers) {
        SessionConfig c = SessionConfig.NONE;
        for (SessionLayer l : layers) {
            c = l.over(c);
        }
        return c;
    }
}
