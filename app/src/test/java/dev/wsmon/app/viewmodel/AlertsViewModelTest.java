package dev.wsmon.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.ConnectionId;
import dev.wsmon.core.Health;
import dev.wsmon.core.HealthReason;
import dev.wsmon.core.event.AdviceGiven;
import dev.wsmon.core.event.AlertChanged;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AlertsViewModelTest {

    private final Harness h = new Harness();
    private final List<String> notified = new ArrayList<>();
    private boolean serviceUp = true;
    private final Notifier notifier = (title, body, shown) -> {
        notified.add(title + " | " + body);
        shown.accept(serviceUp);
    };

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void aFiringAlert_isListedLoggedAndNotified_andItsResolutionToo() {
        ConnectionViewModel c = h.main.add(ConnectionSpec.of("feed", "ws://127.0.0.1:9/", Harness.FAST), false);
        AlertsViewModel a = new AlertsViewModel(h.main, notifier);

        deliver(alert(c.id(), true));
        assertThat(a.firingCountProperty().get()).isEqualTo(1);
        assertThat(a.recent()).singleElement().satisfies(i -> assertThat(i.text()).contains("feed  FIRING DOWN (closed) since"));
        assertThat(notified).singleElement().asString().startsWith("wsmon: feed is DOWN | Not HEALTHY since ")
                .endsWith(": closed");
        assertThat(c.log()).anySatisfy(l -> {
            assertThat(l.kind()).isEqualTo(LogKind.ALERT);
            assertThat(l.text()).startsWith("ALERT firing: DOWN (closed) since ");
        });
        assertThat(a.bannerProperty().get()).isEmpty();

        deliver(alert(c.id(), false));
        assertThat(a.firingCountProperty().get()).isZero();
        assertThat(a.recent()).hasSize(2);
        assertThat(a.recent().get(0).firing()).isFalse();
        assertThat(notified).hasSize(2).last().asString().startsWith("wsmon: feed recovered");
    }

    @Test
    void withoutANotificationService_theAlertGoesToTheBanner() {
        serviceUp = false;
        ConnectionViewModel c = h.main.add(ConnectionSpec.of("feed", "ws://127.0.0.1:9/", Harness.FAST), false);
        AlertsViewModel a = new AlertsViewModel(h.main, notifier);

        deliver(alert(c.id(), true));
        h.main.tick(); // the notifier's answer comes back through the inbox

        assertThat(a.bannerProperty().get()).startsWith("wsmon: feed is DOWN — Not HEALTHY since");
        a.dismissBanner();
        assertThat(a.bannerProperty().get()).isEmpty();
    }

    @Test
    void aSnooze_quietsNotificationsUntilItEnds_butAlertsAreStillListed() {
        ConnectionViewModel c = h.main.add(ConnectionSpec.of("feed", "ws://127.0.0.1:9/", Harness.FAST), false);
        AlertsViewModel a = new AlertsViewModel(h.main, notifier);

        a.silence("feed", AlertsViewModel.Silence.SNOOZE_15_MIN);
        assertThat(a.selectedSilenceProperty().get()).startsWith("snoozed until ");
        deliver(alert(c.id(), true));
        assertThat(notified).isEmpty();
        assertThat(a.recent()).hasSize(1);

        h.clock.addAndGet(Duration.ofMinutes(15).toMillis() + 1);
        h.main.tick();
        assertThat(a.selectedSilenceProperty().get()).isEmpty();
        deliver(alert(c.id(), false));
        assertThat(notified).hasSize(1);
    }

    @Test
    void snoozeUntilResolved_endsWithTheResolution_andMuteStays() {
        ConnectionViewModel c = h.main.add(ConnectionSpec.of("feed", "ws://127.0.0.1:9/", Harness.FAST), false);
        ConnectionViewModel d = h.main.add(ConnectionSpec.of("other", "ws://127.0.0.1:9/", Harness.FAST), false);
        AlertsViewModel a = new AlertsViewModel(h.main, notifier);
        a.silence("feed", AlertsViewModel.Silence.UNTIL_RESOLVED);
        a.silence("other", AlertsViewModel.Silence.MUTED);

        deliver(alert(c.id(), true));
        deliver(alert(c.id(), false));
        deliver(alert(d.id(), true));
        deliver(alert(d.id(), false));
        assertThat(notified).isEmpty();
        assertThat(a.silenceOf("feed")).isEmpty();
        assertThat(a.silenceOf("other")).contains(AlertsViewModel.Silence.MUTED);

        deliver(alert(c.id(), true));
        assertThat(notified).singleElement().asString().startsWith("wsmon: feed is DOWN");
        a.unsilence("other");
        deliver(alert(d.id(), true));
        assertThat(notified).hasSize(2);
    }

    @Test
    void advice_isAHintOnItsConnection_andOneClickAppliesItLive_logged() {
        ConnectionViewModel c = h.main.add(ConnectionSpec.of("feed", "ws://127.0.0.1:9/", Harness.FAST), false);
        AlertsViewModel a = new AlertsViewModel(h.main, notifier);

        deliver(new AdviceGiven(c.id(), h.clock.get(), "idle-timeout", "2 attempts in a row ended (eof) after 1.2 s",
                Map.of("ping_interval", "600ms")));
        assertThat(a.selectedHintProperty().get()).isNotNull();
        assertThat(a.selectedHintProperty().get().action()).isEqualTo("Apply ping interval 600ms");
        assertThat(c.log()).anySatisfy(l -> {
            assertThat(l.kind()).isEqualTo(LogKind.ADVICE);
            assertThat(l.text()).isEqualTo("advice (idle-timeout): 2 attempts in a row ended (eof) after 1.2 s");
            assertThat(l.detail()).contains("Apply ping interval 600ms");
        });

        assertThat(a.applySelectedHint()).isTrue();
        h.tickUntil("the engine applied it", Duration.ofSeconds(5),
                () -> c.settings().pingInterval().equals(Duration.ofMillis(600)));
        assertThat(c.settings().pingTimeout()).isEqualTo(Harness.FAST.pingTimeout()); // nothing else changed
        assertThat(c.log()).anySatisfy(l -> assertThat(l.text()).startsWith("advice applied (idle-timeout): ping interval 600ms"));
        assertThat(c.log()).anySatisfy(l -> {
            assertThat(l.kind()).isEqualTo(LogKind.SETTINGS); // the audit line of every live change
            assertThat(l.text()).contains("settings applied live");
        });
        assertThat(a.selectedHintProperty().get()).isNull();
    }

    @Test
    void severalKindsOfAdvice_showTheNewest_andTheOtherAfterIt() {
        ConnectionViewModel c = h.main.add(ConnectionSpec.of("feed", "ws://127.0.0.1:9/", Harness.FAST), false);
        AlertsViewModel a = new AlertsViewModel(h.main, notifier);
        deliver(new AdviceGiven(c.id(), 1, "idle-timeout", "idle", Map.of("ping_interval", "600ms")));
        deliver(new AdviceGiven(c.id(), 2, "ping-timeout", "slow pongs", Map.of("ping_timeout", "2s")));

        assertThat(a.selectedHintProperty().get().kind()).isEqualTo("ping-timeout");
        a.dismissSelectedHint();
        assertThat(a.selectedHintProperty().get().kind()).isEqualTo("idle-timeout");
        a.dismissSelectedHint();
        assertThat(a.selectedHintProperty().get()).isNull();
    }

    private void deliver(Object event) {
        h.inbox.accept((dev.wsmon.core.event.ConnectionEvent) event);
        h.main.tick();
    }

    private AlertChanged alert(ConnectionId id, boolean firing) {
        long now = h.clock.get();
        return new AlertChanged(id, now, firing, firing ? Health.DOWN : Health.HEALTHY,
                firing ? Set.of(HealthReason.CLOSED) : Set.of(), now - 30_000);
    }
}
