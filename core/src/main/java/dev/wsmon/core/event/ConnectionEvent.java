package dev.wsmon.core.event;

/**
 * Something that happened on one monitored connection. Network conditions reach the application
 * only as events, never as exceptions.
 */
public sealed interface ConnectionEvent
        permits StateChanged, LatencySample, PingUnanswered, ReconnectScheduled, MessageSent, MessageDelivered,
        SendFailed, MessageReceived, SettingsApplied {

    /** The connection's name, unique within its monitor. */
    String connection();

    /** Wall-clock time of the event, epoch milliseconds. */
    long ts();
}
