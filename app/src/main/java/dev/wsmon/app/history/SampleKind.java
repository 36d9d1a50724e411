package dev.wsmon.app.history;

import java.util.Locale;

/** Which round trip a recorded RTT sample measured. */
public enum SampleKind {
    /** A keepalive ping and its pong (the {@code latency} event). */
    KEEPALIVE,
    /** The application heartbeat and its reply (the {@code app_latency} event). */
    APP;

    /** The name in exports: {@code keepalive}, {@code app}. */
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SampleKind parse(String token) {
        for (SampleKind k : values()) {
            if (k.token().equals(token)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown sample kind '" + token + "': keepalive or app");
    }
}
