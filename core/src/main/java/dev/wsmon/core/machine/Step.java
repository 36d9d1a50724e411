package dev.wsmon.core.machine;

import dev.wsmon.core.event.ConnectionEvent;
import java.util.List;

/** The result of one input: events to publish and actions to perform, both in order. */
public record Step(List<ConnectionEvent> events, List<Action> actions) {

    public Step {
        events = List.copyOf(events);
        actions = List.copyOf(actions);
    }
}
