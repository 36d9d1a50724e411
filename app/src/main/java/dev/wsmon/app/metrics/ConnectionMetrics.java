package dev.wsmon.app.metrics;

import dev.wsmon.core.ConnectionSnapshot;
import dev.wsmon.core.Health;
import dev.wsmon.core.HandshakePhase;
import dev.wsmon.core.State;
import dev.wsmon.core.event.AdviceGiven;
import dev.wsmon.core.event.AlertChanged;
import dev.wsmon.core.event.AppLatency;
import dev.wsmon.core.event.ConnectionEvent;
import dev.wsmon.core.event.HealthChanged;
import dev.wsmon.core.event.HeartbeatMissed;
import dev.wsmon.core.event.LatencySample;
import dev.wsmon.core.event.MessageDelivered;
import dev.wsmon.core.event.MessageReceived;
import dev.wsmon.core.event.MessageSent;
import dev.wsmon.core.event.PingUnanswered;
import dev.wsmon.core.event.ReconnectScheduled;
import dev.wsmon.core.event.SendFailed;
import dev.wsmon.core.event.SettingsApplied;
import dev.wsmon.core.event.StateChanged;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Per-connection Prometheus metrics (label {@code conn}), fed by engine events; state and time in state are
 * read from the connections' snapshots at scrape time, so they are exact whenever Prometheus looks.
 *
 * <table>
 * <caption>Metrics</caption>
 * <tr><td>{@code wsmon_connection_state{conn,state}}</td><td>gauge: 1 for the current state, 0 for the others
 *     (CONNECTING, OPEN, CLOSING, CLOSED)</td></tr>
 * <tr><td>{@code wsmon_connection_state_seconds{conn}}</td><td>gauge: seconds in the current state</td></tr>
 * <tr><td>{@code wsmon_up{conn}}</td><td>gauge: 1 while the connection is OPEN, else 0</td></tr>
 * <tr><td>{@code wsmon_rtt_seconds{conn}}</td><td>histogram: keepalive ping round-trip time</td></tr>
 * <tr><td>{@code wsmon_closes_total{conn,code,cause}}</td><td>counter: ends of attempts by close code and cause token</td></tr>
 * <tr><td>{@code wsmon_reconnects_total{conn}}</td><td>counter: attempts after the first</td></tr>
 * <tr><td>{@code wsmon_messages_total{conn,dir}}</td><td>counter: messages in (received) and out (accepted for sending)</td></tr>
 * <tr><td>{@code wsmon_message_bytes_total{conn,dir}}</td><td>counter: their payload bytes</td></tr>
 * <tr><td>{@code wsmon_send_outcomes_total{conn,outcome}}</td><td>counter: delivered, not-open, queue-full, too-big, unconfirmed</td></tr>
 * <tr><td>{@code wsmon_pings_unanswered_total{conn}}</td><td>counter: keepalive pings that never got their pong</td></tr>
 * <tr><td>{@code wsmon_alerts_firing{conn}}</td><td>gauge: 1 while the connection's alert fires, else 0</td></tr>
 * <tr><td>{@code wsmon_app_rtt_seconds{conn}}</td><td>histogram: application heartbeat to its reply</td></tr>
 * <tr><td>{@code wsmon_heartbeats_missed_total{conn}}</td><td>counter: heartbeats without a reply in time</td></tr>
 * <tr><td>{@code wsmon_connection_health{conn,health}}</td><td>gauge: 1 for the connection's current health, 0 for the
 *     others (HEALTHY, DEGRADED, DOWN)</td></tr>
 * <tr><td>{@code wsmon_handshake_phase_seconds{conn,phase}}</td><td>histogram: each phase of every opening that
 *     reached OPEN (dns, proxy, tcp, tls, upgrade); a phase that did not happen is not observed</td></tr>
 * </table>
 */
public final class ConnectionMetrics implements Consumer<ConnectionEvent> {

    /** Seconds; from loopback (sub-millisecond) to a ping timeout's worth. */
    static final double[] RTT_BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20};

    /** Seconds; an application's reply may take as long as a heartbeat timeout allows. */
    static final double[] APP_RTT_BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20,
        30, 60};

    private final Histogram rtt;
    private final Histogram appRtt;
    private final Counter heartbeatsMissed;
    private final Histogram handshakePhases;
    private final Counter closes;
    private final Counter reconnects;
    private final Counter messages;
    private final Counter messageBytes;
    private final Counter sendOutcomes;
    private final Counter pingsUnanswered;
    private final Gauge alertsFiring;
    private final Gauge health;
    private final Counting counting = new Counting();

    /**
     * Registers the metrics in {@code registry}.
     *
     * @param snapshots the connections as they are now, read at each scrape
     */
    public ConnectionMetrics(PrometheusRegistry registry, Supplier<List<ConnectionSnapshot>> snapshots) {
        GaugeWithCallback.builder()
                .name("wsmon_connection_state")
                .help("1 for the connection's current state, 0 for the other states")
                .labelNames("conn", "state")
                .callback(cb -> {
                    for (ConnectionSnapshot s : snapshots.get()) {
                        for (State state : State.values()) {
                            cb.call(s.state() == state ? 1 : 0, s.name(), state.name());
                        }
                    }
                })
                .register(registry);
        GaugeWithCallback.builder()
                .name("wsmon_connection_state_seconds")
                .help("Seconds the connection has been in its current state")
                .unit(Unit.SECONDS)
                .labelNames("conn")
                .callback(cb -> {
                    for (ConnectionSnapshot s : snapshots.get()) {
                        cb.call(s.timeInState().toNanos() / 1e9, s.name());
                    }
                })
                .register(registry);
        GaugeWithCallback.builder()
                .name("wsmon_up")
                .help("1 while the connection is OPEN, else 0")
                .labelNames("conn")
                .callback(cb -> {
                    for (ConnectionSnapshot s : snapshots.get()) {
                        cb.call(s.state() == State.OPEN ? 1 : 0, s.name());
                    }
                })
                .register(registry);
        rtt = Histogram.builder()
                .name("wsmon_rtt_seconds")
                .help("Keepalive ping round-trip time, from the ping's write to its pong's arrival")
                .unit(Unit.SECONDS)
                .labelNames("conn")
                .classicOnly()
                .classicUpperBounds(RTT_BUCKETS)
                .withoutExemplars()
                .register(registry);
        handshakePhases = Histogram.builder()
                .name("wsmon_handshake_phase_seconds")
                .help("Duration of each phase of an opening that reached OPEN: dns, proxy, tcp, tls, upgrade")
                .unit(Unit.SECONDS)
                .labelNames("conn", "phase")
                .classicOnly()
                .classicUpperBounds(RTT_BUCKETS)
                .withoutExemplars()
                .register(registry);
        closes = counter(registry, "wsmon_closes", "Ends of connection attempts, by close code and cause token",
                "conn", "code", "cause");
        reconnects = counter(registry, "wsmon_reconnects", "Connection attempts after the first", "conn");
        messages = counter(registry, "wsmon_messages", "Messages received (in) and accepted for sending (out)",
                "conn", "dir");
        messageBytes = counter(registry, "wsmon_message_bytes", "Payload bytes of messages received (in) and accepted"
                + " for sending (out)", "conn", "dir");
        sendOutcomes = counter(registry, "wsmon_send_outcomes", "Final outcomes of sends: delivered, or the send_failed"
                + " reason", "conn", "outcome");
        pingsUnanswered = counter(registry, "wsmon_pings_unanswered", "Keepalive pings that never got their pong", "conn");
        alertsFiring = Gauge.builder().name("wsmon_alerts_firing")
                .help("1 while the connection's alert fires (its health was not HEALTHY for the alert delay), else 0")
                .labelNames("conn").register(registry);
        appRtt = Histogram.builder()
                .name("wsmon_app_rtt_seconds")
                .help("Application heartbeat round-trip time, from the heartbeat's write to its reply's arrival")
                .unit(Unit.SECONDS)
                .labelNames("conn")
                .classicOnly()
                .classicUpperBounds(APP_RTT_BUCKETS)
                .withoutExemplars()
                .register(registry);
        heartbeatsMissed = counter(registry, "wsmon_heartbeats_missed", "Application heartbeats without their reply"
                + " within the heartbeat timeout", "conn");
        health = Gauge.builder()
                .name("wsmon_connection_health")
                .help("1 for the connection's current health (HEALTHY, DEGRADED, DOWN), 0 for the others")
                .labelNames("conn", "health")
                .withoutExemplars()
                .register(registry);
    }

    /** Creates the heartbeat series of a connection whose heartbeat expects a reply, at 0. */
    public void trackHeartbeat(String conn) {
        appRtt.labelValues(conn);
        heartbeatsMissed.labelValues(conn);
    }

    private void setHealth(String conn, Health current) {
        for (Health h : Health.values()) {
            health.labelValues(conn, h.name()).set(h == current ? 1 : 0);
        }
    }

    private static Counter counter(PrometheusRegistry registry, String name, String help, String... labels) {
        return Counter.builder().name(name).help(help).labelNames(labels).withoutExemplars().register(registry);
    }

    /** Creates the connection's series at 0, so that they exist before the first event. */
    public void track(String conn) {
        rtt.labelValues(conn);
        for (HandshakePhase phase : HandshakePhase.values()) {
            handshakePhases.labelValues(conn, phase.token());
        }
        reconnects.labelValues(conn);
        pingsUnanswered.labelValues(conn);
        alertsFiring.labelValues(conn).set(0);
        for (String dir : List.of("in", "out")) {
            messages.labelValues(conn, dir);
            messageBytes.labelValues(conn, dir);
        }
        setHealth(conn, Health.DOWN); // not OPEN yet; the engine says so with its first health event
    }

    @Override
    public void accept(ConnectionEvent event) {
        event.accept(counting);
    }

    /** One method per event type, so a new event type does not compile until it is counted or said not to be. */
    private final class Counting implements ConnectionEvent.Visitor<Void> {

        @Override
        public Void stateChanged(StateChanged s) {
            String conn = s.connection();
            if (s.state() == State.CONNECTING && s.attempt() > 1) {
                reconnects.labelValues(conn).inc();
            }
            s.timing().ifPresent(t -> t.phases().forEach((phase, d) ->
                    handshakePhases.labelValues(conn, phase.token()).observe(d.toNanos() / 1e9)));
            s.close().ifPresent(r -> closes.labelValues(conn, Integer.toString(r.code()), r.cause().token()).inc());
            return null;
        }

        @Override
        public Void latencySample(LatencySample l) {
            rtt.labelValues(l.connection()).observe(l.rtt().toNanos() / 1e9);
            return null;
        }

        @Override
        public Void pingUnanswered(PingUnanswered p) {
            pingsUnanswered.labelValues(p.connection()).inc();
            return null;
        }

        @Override
        public Void reconnectScheduled(ReconnectScheduled r) {
            return null; // counted when the attempt starts (its CONNECTING), not when it is planned
        }

        @Override
        public Void messageSent(MessageSent m) {
            messages.labelValues(m.connection(), "out").inc();
            messageBytes.labelValues(m.connection(), "out").inc(m.size());
            return null;
        }

        @Override
        public Void messageDelivered(MessageDelivered d) {
            sendOutcomes.labelValues(d.connection(), "delivered").inc();
            return null;
        }

        @Override
        public Void sendFailed(SendFailed f) {
            sendOutcomes.labelValues(f.connection(), f.reason().token()).inc();
            return null;
        }

        @Override
        public Void messageReceived(MessageReceived m) {
            messages.labelValues(m.connection(), "in").inc();
            messageBytes.labelValues(m.connection(), "in").inc(m.size());
            return null;
        }

        @Override
        public Void settingsApplied(SettingsApplied a) {
            return null; // settings are not a metric
        }

        @Override
        public Void healthChanged(HealthChanged e) {
            setHealth(e.connection(), e.health());
            return null;
        }

        @Override
        public Void appLatency(AppLatency e) {
            appRtt.labelValues(e.connection()).observe(e.rtt().toNanos() / 1e9);
            return null;
        }

        @Override
        public Void heartbeatMissed(HeartbeatMissed e) {
            heartbeatsMissed.labelValues(e.connection()).inc();
            return null;
        }

        @Override
        public Void alertChanged(AlertChanged e) {
            alertsFiring.labelValues(e.connection()).set(e.firing() ? 1 : 0);
            return null;
        }

        @Override
        public Void adviceGiven(AdviceGiven e) {
            return null; // advice is for people: the log and the headless line
        }
    }
}
