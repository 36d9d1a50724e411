package dev.wsmon.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventLogViewModelTest {

    private final Harness h = new Harness();
    private final ConnectionViewModel a = h.main.add(ConnectionSpec.of("a", "ws://127.0.0.1:9/", Harness.FAST), false);
    private final ConnectionViewModel b = h.main.add(ConnectionSpec.of("b", "ws://127.0.0.1:9/", Harness.FAST), false);
    private final EventLogViewModel log = new EventLogViewModel(h.main);

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void showsTheSelectedConnectionsLog_filteredByKindAndSearch() {
        h.main.selectedProperty().set(a);
        h.main.note(a, LogKind.SIMULATE, "simulated outage for 10 s", "");
        h.main.note(a, LogKind.INFO, "connection edited", "");
        h.main.note(b, LogKind.INFO, "other connection", "");

        assertThat(log.visibleProperty().get()).hasSize(2);
        log.kindProperty(LogKind.INFO).set(false);
        assertThat(log.visibleProperty().get()).extracting(LogEntry::text).containsExactly("simulated outage for 10 s");
        log.kindProperty(LogKind.INFO).set(true);
        log.searchProperty().set("EDITED");
        assertThat(log.visibleProperty().get()).extracting(LogEntry::text).containsExactly("connection edited");
        assertThat(log.summaryProperty().get()).isEqualTo("1 of 2 lines");

        log.resetFilters();
        h.main.selectedProperty().set(b);
        assertThat(log.visibleProperty().get()).extracting(LogEntry::text).containsExactly("other connection");
        log.allConnectionsProperty().set(true);
        assertThat(log.visibleProperty().get()).hasSize(3);
    }

    @Test
    void copy_givesTheSelectedLines_orEveryShownLine() {
        h.main.selectedProperty().set(a);
        h.main.note(a, LogKind.INFO, "first", "do this");
        h.main.note(a, LogKind.INFO, "second", "");

        String all = log.copy(List.of());
        assertThat(all.lines()).hasSize(2);
        assertThat(all).contains("  a  INFO  first  — do this");
        assertThat(log.copy(List.of(log.visibleProperty().get().get(1)))).endsWith("a  INFO  second");
        assertThat(log.autoscrollProperty().get()).isTrue();
    }
}
