package dev.wsmon.core.event;

import dev.wsmon.core.ConnectionId;
import java.util.Optional;

/**
 * Something that happened on one monitored connection. Network conditions reach the application
 * only as events, never as exceptions.
 *
 * <p>Consumers dispatch with {@link #accept(Visitor)}: a visitor has one method per event type and no
 * defaults, so a new event type does not compile until every consumer says what it does with it.
 */
public sealed interface ConnectionEvent
        permits StateChanged, LatencySample, PingUnanswered, ReconnectScheduled, MessageSent, MessageDelivered,
        SendFailed, MessageReceived, SettingsApplied, HealthChanged, AppLatency, HeartbeatMissed, AlertChanged, AdviceGiven {

    /** The connection instance the event belongs to. */
    ConnectionId connectionId();

    /** The connection's name, unique within its monitor at any one time; {@link #connectionId()} tells instances apart. */
    default String connection() {
        return connectionId().name();
    }

    /** Wall-clock time of the event, epoch milliseconds. */
    long ts();

    <R> R accept(Visitor<R> visitor);

    /** Bytes of message content the event carries (a whole message), 0 for most: for consumers that hold events. */
    default int payloadBytes() {
        return 0;
    }

    /** This event as a state change, else empty: for the many listeners that only wait for a state. */
    default Optional<StateChanged> asStateChange() {
        return Optional.empty();
    }

    /** One method per event type; implement all of them (Java 17 has no exhaustive pattern switch). */
    interface Visitor<R> {
        R stateChanged(StateChanged e);

        R latencySample(LatencySample e);

        R pingUnanswered(PingUnanswered e);

        R reconnectScheduled(ReconnectScheduled e);

        R messageSent(MessageSent e);

        R messageDelivered(MessageDelivered e);

        R sendFailed(SendFailed e);

        R messageReceived(MessageReceived e);

        R settingsApplied(SettingsApplied e);

        R healthChanged(HealthChanged e);

        R appLatency(AppLatency e);

        R heartbeatMissed(HeartbeatMissed e);

        R alertChanged(AlertChanged e);

        R adviceGiven(AdviceGiven e);
    }
}
