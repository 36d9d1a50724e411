package dev.wsmon.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.State;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The desktop shows a connection's URL without credentials: log lines, the URL column's text, the spec itself. */
class SecretsViewModelTest {

    private static final List<String> SECRETS = List.of("alice", "S3cretPW", "QTOKEN123", "QBEARER", "QEDITPW", "QSIG");

    @Test
    void logLinesAndUrlShowNoCredential() {
        try (Harness h = new Harness()) {
            EventLogViewModel log = new EventLogViewModel(h.main);
            log.allConnectionsProperty().set(true);
            String echo = h.echoUrl("/").replace("ws://", "ws://alice:S3cretPW@");
            ConnectionSpec spec = new ConnectionSpec("feed", echo + "x?token=QTOKEN123&room=7",
                    Map.of("Authorization", "Bearer QBEARER"), List.of(), false, Harness.FAST, false);
            ConnectionViewModel vm = h.main.add(spec, true);
            h.tickUntil("OPEN", Duration.ofSeconds(8), () -> vm.state() == State.OPEN);
            h.main.update(new ConnectionSpec("feed", "ws://alice:QEDITPW@127.0.0.1:9/?sig=QSIG",
                    Map.of("Authorization", "Bearer QBEARER"), List.of(), false, Harness.FAST, false));
            vm.reconnectNow();
            h.tickUntil("a CONNECTING line to the edited URL", Duration.ofSeconds(8),
                    () -> h.main.allLog().stream().anyMatch(e -> e.text().contains("127.0.0.1:9/?sig=***")));

            String shown = String.join("\n", h.main.allLog().stream().map(LogEntry::line).toList())
                    + "\n" + log.copy(List.of()) + "\n" + vm.urlProperty().get() + "\n" + vm.spec()
                    + "\n" + h.main.statusProperty().get();
            assertThat(shown).contains("connection edited: ws://127.0.0.1:9/?sig=***");
            for (String secret : SECRETS) {
                assertThat(shown).doesNotContain(secret);
            }
            assertThat(vm.spec().url()).as("the spec keeps the real URL for the wire and the profile").contains("QEDITPW");
        }
    }
}
