package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.diagnosis.CloseDiagnosis;
import dev.wsmon.core.event.MessageReceived;
import dev.wsmon.core.event.StateChanged;
import dev.wsmon.core.testing.Fixture;
import dev.wsmon.core.testing.HostileServer;
import dev.wsmon.core.testing.QuietConsole;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A server that breaks each client-side MUST of RFC 6455 once, through the real engine: every case ends
 * in exactly one CLOSED with the right code and cause, promptly, and without a stack trace anywhere.
 */
class MisbehavingServerTest {

    private static HostileServer server;

    @BeforeAll
    static void startServer() {
        server = HostileServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    static List<HostileServer.Case> cases() {
        return HostileServer.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void endsInExactlyOneClosed_withTheRightCodeAndCause_andNoTrace(HostileServer.Case c) {
        try (QuietConsole console = new QuietConsole(); Fixture engine = new Fixture()) {
            Settings once = Fixture.fast().autoReconnect(false).build();
            Endpoint endpoint = new Endpoint(server.uri(c), Map.of(), List.of("chat.v1"), TlsOptions.VERIFY);
            Fixture.Watched w = engine.add(c.name(), endpoint, once);
            w.conn().open();

            StateChanged closed = (StateChanged) w.events().awaitState(State.CLOSED, 0, Fixture.PROMPT).event();
            CloseReport report = closed.close().orElseThrow();

            assertThat(w.events().states(State.CLOSED)).hasSize(1);
            assertThat(w.events().states(State.OPEN)).hasSize(c.opens() ? 1 : 0);
            assertThat(report.code()).as("close code").isEqualTo(c.code());
            assertThat(report.cause().token()).as("cause").isEqualTo(c.cause());
            assertThat(report.initiator()).isEqualTo(c.cause().equals("remote-close") ? Initiator.REMOTE : Initiator.LOCAL);
            assertThat(CloseDiagnosis.detail(report)).contains(c.detailWords()).doesNotContain("MonitoringDraft", "Exception");
            assertThat(console.stackTraceLines()).as("stderr").isEmpty();
            assertThat(console.uncaught()).isEmpty();
        }
    }

    @Test
    void aMaskedFrameIsNeverDeliveredAsAMessage() {
        try (Fixture engine = new Fixture()) {
            Fixture.Watched w = engine.open("masked", server.uri(HostileServer.find("masked-text")),
                    Fixture.fast().autoReconnect(false).build());

            w.events().awaitState(State.CLOSED, 0, Fixture.PROMPT);

            assertThat(w.events().all(MessageReceived.class)).isEmpty();
        }
    }

    @Test
    void aValidFragmentedMessageWithAPingBetweenItsFragments_isDeliveredWhole() {
        try (Fixture engine = new Fixture()) {
            Fixture.Watched w = engine.open("fragments", server.uri(HostileServer.find("valid-fragmented-text-then-close")),
                    Fixture.fast().autoReconnect(false).build());

            w.events().awaitState(State.CLOSED, 0, Fixture.PROMPT);

            assertThat(w.events().all(MessageReceived.class)).extracting(MessageReceived::text).containsExactly("hello");
        }
    }

    @Test
    void aCharacterSplitAcrossFragments_isOneValidCharacter() {
        try (Fixture engine = new Fixture()) {
            Fixture.Watched w = engine.open("split", server.uri(HostileServer.find("valid-text-split-inside-a-character")),
                    Fixture.fast().autoReconnect(false).build());

            w.events().awaitState(State.CLOSED, 0, Fixture.PROMPT);

            assertThat(w.events().all(MessageReceived.class)).extracting(MessageReceived::text).containsExactly("café");
        }
    }
}
