package dev.wsmon.app.viewmodel;

import dev.wsmon.core.SendFailure;
import dev.wsmon.core.SendResult;
import java.util.Optional;

/** The plain words the log uses for the feed session's on-open messages that did not get through. */
public final class SessionLog {

    private SessionLog() {
    }

    /**
     * @param index 0-based
     * @param problem used when there is no outcome (the message could not even be made, e.g. an unset variable)
     */
    public static String onOpenNotDelivered(int index, int count, Optional<SendResult> outcome, String problem) {
        String which = "on-open message " + (index + 1) + " of " + count;
        if (outcome.isEmpty() || outcome.get().failure().isEmpty()) {
            return which + ": " + problem.replaceFirst("^on-open message \\d+ ", "");
        }
        SendFailure f = outcome.get().failure().get();
        String why = switch (f) {
            case NOT_OPEN -> "was not sent: the connection was no longer open";
            case TOO_BIG -> "was not sent: it is larger than the max message size";
            case QUEUE_FULL -> "was not sent: the send queue was full";
            case UNCONFIRMED -> "may not have arrived: the connection ended before the server confirmed it";
        };
        return which + " " + why + " (" + f.token() + ")";
    }
}
