package dev.wsmon.app.alerting;

import dev.wsmon.core.Monitor;
import dev.wsmon.core.MonotonicClock;
import dev.wsmon.core.advice.AdviceWatcher;
import dev.wsmon.core.alert.AlertWatcher;
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
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Alerts beyond the screen, for both modes: each {@link AlertChanged} goes to the webhook and the command of the
 * launch's {@link AlertHooks}. As a listener it only queues, so the engine's queues never wait on a hook.
 */
public final class Alerting implements Consumer<ConnectionEvent>, AutoCloseable {

    /** Failure lines on stderr, at most one per this. */
    static final Duration REPORT_PERIOD = Duration.ofMinutes(1);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    private final Optional<WebhookSender> webhook;
    private final Optional<CommandHook> command;

    Alerting(Optional<WebhookSender> webhook, Optional<CommandHook> command) {
        this.webhook = webhook;
        this.command = command;
    }

    /** The hooks of {@code hooks}, or none; failures are reported on {@code stderr}, {@code ${ENV}} read from {@code env}. */
    public static Alerting start(AlertHooks hooks, PrintStream stderr, UnaryOperator<String> env, MonotonicClock clock) {
        RateLimitedReporter reporter = new RateLimitedReporter(stderr, clock::nanoTime, REPORT_PERIOD);
        return new Alerting(hooks.webhook().map(w -> new WebhookSender(w, env, FIRST_RETRY, reporter, clock)),
                hooks.command().map(c -> new CommandHook(c, CommandHook.TIMEOUT, stderr, reporter)));
    }

    /** Every connection of the monitor gets the alert and the advice watchers: for both modes, from one place. */
    public static Monitor.Builder watchers(Monitor.Builder engine) {
        return engine.watcher(AlertWatcher::new).watcher(AdviceWatcher::new);
    }

    private final Hooks hooks = new Hooks();

    @Override
    public void accept(ConnectionEvent event) {
        event.accept(hooks);
    }

    /** Only alerts leave; every other event is the screen's and stdout's. */
    private final class Hooks implements ConnectionEvent.Visitor<Void> {
        @Override
        public Void alertChanged(AlertChanged a) {
            webhook.ifPresent(w -> w.offer(a));
            command.ifPresent(c -> c.offer(a));
            return null;
        }

        @Override
        public Void stateChanged(StateChanged e) {
            return null;
        }

        @Override
        public Void latencySample(LatencySample e) {
            return null;
        }

        @Override
        public Void pingUnanswered(PingUnanswered e) {
            return null;
        }

        @Override
        public Void reconnectScheduled(ReconnectScheduled e) {
            return null;
        }

        @Override
        public Void messageSent(MessageSent e) {
            return null;
        }

        @Override
        public Void messageDelivered(MessageDelivered e) {
            return null;
        }

        @Override
        public Void sendFailed(SendFailed e) {
            return null;
        }

        @Override
        public Void messageReceived(MessageReceived e) {
            return null;
        }

        @Override
        public Void settingsApplied(SettingsApplied e) {
            return null;
        }

        @Override
        public Void healthChanged(HealthChanged e) {
            return null;
        }

        @Override
        public Void appLatency(AppLatency e) {
            return null;
        }

        @Override
        public Void heartbeatMissed(HeartbeatMissed e) {
            return null;
        }

        @Override
        public Void adviceGiven(AdviceGiven e) {
            return null;
        }
    }

    @Override
    public void close() {
        webhook.ifPresent(WebhookSender::close);
        command.ifPresent(CommandHook::close);
    }
}
