package dev.wsmon.core.session;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Sessions of well-known protocols, filled in by name; a profile or the dialog may override any field. */
public enum SessionPreset {
    /**
     * Socket.IO v4 over Engine.IO 4 (engine.io-protocol, "WebSocket" and "Heartbeat"): the client joins the main
     * namespace with a Socket.IO CONNECT in an Engine.IO message packet ({@code 4} + {@code 0}), and answers each
     * Engine.IO ping packet {@code 2} with a pong packet {@code 3}, each packet in its own frame; the server pings.
     */
    SOCKETIO("socketio", "Socket.IO v4 (Engine.IO 4)",
            new SessionConfig(Optional.empty(), List.of("40"), List.of(new Responder("socketio preset", "2", "3")),
                    Optional.empty())),
    /** A JSON application ping, timed by its pong. */
    JSON_HEARTBEAT("json-heartbeat", "JSON heartbeat {\"op\":\"ping\"}",
            new SessionConfig(Optional.empty(), List.of(), List.of(),
                    Optional.of(new Heartbeat("{\"op\":\"ping\"}", Optional.of("\\{\\s*\"op\"\\s*:\\s*\"pong\"\\s*\\}")))));

    /** The Socket.IO server's default path (its {@code path} option), and the Engine.IO 4 WebSocket query. */
    static final String SOCKETIO_PATH = "socket.io/";
    static final String SOCKETIO_QUERY = "EIO=4&transport=websocket";

    private final String token;
    private final String label;
    private final SessionConfig config;

    SessionPreset(String token, String label, SessionConfig config) {
        this.token = token;
        this.label = label;
        this.config = config;
    }

    /** The name in a profile's {@code "preset"}. */
    public String token() {
        return token;
    }

    /** The name in the dialog's chooser. */
    public String label() {
        return label;
    }

    /** The session this preset fills in. */
    public SessionConfig config() {
        return config.withPreset(Optional.of(this));
    }

    /**
     * The URL a connection with this preset uses: for Socket.IO, {@code /socket.io/?EIO=4&transport=websocket}
     * added to a URL that does not have it yet (a URL of a server on another path may already name it).
     */
    public URI url(URI uri) {
        if (this != SOCKETIO) {
            return uri;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (!path.endsWith("/" + SOCKETIO_PATH) && !path.endsWith("/socket.io")) {
            path = (path.endsWith("/") ? path : path + "/") + SOCKETIO_PATH;
        }
        String query = uri.getRawQuery();
        if (query == null || query.isEmpty()) {
            query = SOCKETIO_QUERY;
        } else if (!(("&" + query).contains("&EIO="))) {
            query = query + "&" + SOCKETIO_QUERY;
        }
        try {
            return new URI(uri.getScheme() + "://" + uri.getRawAuthority() + path + "?" + query);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot add the Socket.IO path to " + uri + ": " + e.getMessage(), e);
        }
    }

    /**
     * @throws IllegalArgumentException naming {@code where} and the presets there are
     */
    public static SessionPreset byToken(String where, String token) {
        return Arrays.stream(values()).filter(p -> p.token.equals(token.trim().toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(where + " '" + token + "' is not a preset; use one of "
                        + Arrays.stream(values()).map(SessionPreset::token).collect(Collectors.joining(", "))));
    }
}
