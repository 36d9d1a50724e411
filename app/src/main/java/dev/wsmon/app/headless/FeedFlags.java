package dev.wsmon.app.headless;

import dev.wsmon.core.session.Responder;
import dev.wsmon.core.session.SessionLayer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The command line's feed-session and message-content flags, checked value by value.
 *
 * @param onOpen {@code --on-open}, in order; empty: the profile's (if any)
 * @param responders {@code --respond}, in order; empty: the profile's
 * @param heartbeat {@code --heartbeat}
 * @param heartbeatExpect {@code --heartbeat-expect}
 * @param printMessages {@code --print-messages}: message events carry their contents
 * @param printMax {@code --print-max}: bytes of contents printed at most per message
 */
public record FeedFlags(List<String> onOpen, List<Responder> responders, Optional<String> heartbeat,
                        Optional<String> heartbeatExpect, boolean printMessages, long printMax) {

    /** 64 KiB, as the contract says. */
    public static final long DEFAULT_PRINT_MAX = 64 * 1024;

    public static final FeedFlags NONE = new FeedFlags(List.of(), List.of(), Optional.empty(), Optional.empty(), false,
            DEFAULT_PRINT_MAX);

    public FeedFlags {
        onOpen = List.copyOf(onOpen);
        responders = List.copyOf(responders);
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(heartbeatExpect, "heartbeatExpect");
    }

    /** The session fields given, as the top layer over a profile's. */
    public SessionLayer layer() {
        return new SessionLayer(Optional.empty(), onOpen.isEmpty() ? Optional.empty() : Optional.of(onOpen),
                responders.isEmpty() ? Optional.empty() : Optional.of(responders), heartbeat, heartbeatExpect);
    }
}
