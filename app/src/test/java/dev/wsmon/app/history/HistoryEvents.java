package dev.wsmon.app.history;

import dev.wsmon.core.CloseCause;
import dev.wsmon.core.CloseReport;
import dev.wsmon.core.ConnectionId;
import dev.wsmon.core.Health;
import dev.wsmon.core.HealthReason;
import dev.wsmon.core.Initiator;
import dev.wsmon.core.Settings;
import dev.wsmon.core.State;
import dev.wsmon.core.event.AlertChanged;
import dev.wsmon.core.event.AppLatency;
import dev.wsmon.core.event.HealthChanged;
import dev.wsmon.core.event.LatencySample;
import dev.wsmon.core.event.MessageReceived;
import dev.wsmon.core.event.SettingsApplied;
import dev.wsmon.core.event.StateChanged;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Engine events as a connection named {@code name} would publish them, for feeding a recorder. */
final class HistoryEvents {

    final ConnectionId id;

    HistoryEvents(String name) {
        id = new ConnectionId(name, 1);
    }

    StateChanged state(long ts, State state, State previous) {
        return new StateChanged(id, ts, state, previous, 1, "", Optional.empty(), Optional.empty());
    }

    StateChanged closed(long ts, CloseCause cause) {
        CloseReport r = CloseReport.abnormal(Initiator.LOCAL, cause, "").withWaited(Duration.ofSeconds(5));
        return new StateChanged(id, ts, State.CLOSED, State.OPEN, 1, "", Optional.of(Initiator.LOCAL), Optional.of(r));
    }

    LatencySample rtt(long ts, long micros) {
        return new LatencySample(id, ts, ts, Duration.ofNanos(micros * 1_000));
    }

    AppLatency app(long ts, long micros) {
        return new AppLatency(id, ts, Duration.ofNanos(micros * 1_000));
    }

    SettingsApplied settings(long ts) {
        return new SettingsApplied(id, ts, Settings.builder().pingInterval(Duration.ofSeconds(3)).build(), Settings.DEFAULTS);
    }

    HealthChanged health(long ts, Health h, HealthReason... reasons) {
        return new HealthChanged(id, ts, h, Set.of(reasons));
    }

    AlertChanged alert(long ts, boolean firing, long since) {
        return new AlertChanged(id, ts, firing, Health.DEGRADED, Set.of(HealthReason.RTT_HIGH), since);
    }

    MessageReceived message(long ts) {
        return new MessageReceived(id, ts, 5, false, "hello");
    }
}
