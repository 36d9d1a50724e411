package dev.wsmon.core.testing;

import dev.wsmon.core.CloseReport;
import dev.wsmon.core.ConnectionId;
import dev.wsmon.core.Initiator;
import dev.wsmon.core.SendFailure;
import dev.wsmon.core.Settings;
import dev.wsmon.core.State;
import dev.wsmon.core.event.LatencySample;
import dev.wsmon.core.event.MessageDelivered;
import dev.wsmon.core.event.MessageReceived;
import dev.wsmon.core.event.MessageSent;
import dev.wsmon.core.event.PingUnanswered;
import dev.wsmon.core.event.ReconnectScheduled;
import dev.wsmon.core.event.SendFailed;
import dev.wsmon.core.event.SettingsApplied;
import dev.wsmon.core.event.StateChanged;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Events of one connection instance, for tests that feed consumers without an engine. */
public final class Events {

    private final ConnectionId id;

    private Events(ConnectionId id) {
        this.id = Objects.requireNonNull(id, "id");
    }

    /** Events of instance 1 of {@code name}. */
    public static Events of(String name) {
        return new Events(new ConnectionId(name, 1));
    }

    public static Events of(ConnectionId id) {
        return new Events(id);
    }

    public ConnectionId id() {
        return id;
    }

    /** A state change without initiator or close report (CONNECTING, OPEN). */
    public StateChanged state(long ts, State state, State previous, int attempt) {
        return new StateChanged(id, ts, state, previous, attempt, "", Optional.empty(), Optional.empty());
    }

    public StateChanged opened(long ts, int attempt, String subprotocol) {
        return new StateChanged(id, ts, State.OPEN, State.CONNECTING, attempt, subprotocol, Optional.empty(),
                Optional.empty());
    }

    public StateChanged closing(long ts, int attempt, Initiator initiator) {
        return new StateChanged(id, ts, State.CLOSING, State.OPEN, attempt, "", Optional.of(initiator), Optional.empty());
    }

    /** The CLOSED that ends {@code attempt}, coming from {@code previous}. */
    public StateChanged closed(long ts, State previous, int attempt, CloseReport close) {
        return new StateChanged(id, ts, State.CLOSED, previous, attempt, "", Optional.of(close.initiator()),
                Optional.of(close));
    }

    public LatencySample latency(long ts, long pingSeq, Duration rtt) {
        return new LatencySample(id, ts, pingSeq, rtt);
    }

    public PingUnanswered unanswered(long ts, long pingSeq, Duration waited) {
        return new PingUnanswered(id, ts, pingSeq, waited);
    }

    public ReconnectScheduled reconnect(long ts, int attempt, Duration delay, String basis) {
        return new ReconnectScheduled(id, ts, attempt, delay, basis);
    }

    public MessageSent sent(long ts, long sendId, int size) {
        return new MessageSent(id, ts, sendId, size);
    }

    public MessageDelivered delivered(long ts, long sendId, Duration confirm) {
        return new MessageDelivered(id, ts, sendId, confirm);
    }

    public SendFailed failed(long ts, long sendId, SendFailure reason, String detail) {
        return new SendFailed(id, ts, sendId, reason, detail);
    }

    public MessageReceived received(long ts, int size, String text) {
        return new MessageReceived(id, ts, size, false, text);
    }

    public MessageReceived receivedBinary(long ts, int size) {
        return new MessageReceived(id, ts, size, true, "");
    }

    /** A binary message with its payload. */
    public MessageReceived receivedBinary(long ts, byte[] data) {
        return new MessageReceived(id, ts, data.length, true, "", java.nio.ByteBuffer.wrap(data.clone()));
    }

    public SettingsApplied settings(long ts, Settings settings, Settings previous) {
        return new SettingsApplied(id, ts, settings, previous);
    }
}
