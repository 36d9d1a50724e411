package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.chaos.FaultMode;
import dev.wsmon.core.chaos.FaultProxy;
import dev.wsmon.core.event.StateChanged;
import dev.wsmon.core.testing.EventRecorder;
import dev.wsmon.core.testing.Fixture;
import dev.wsmon.core.testing.QuietConsole;
import dev.wsmon.core.testing.TestServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failure mode "a crash on connection reset during close": a TCP RST at any moment ends in exactly one CLOSED 1006 with cause
 * {@code reset}; nothing is thrown, nothing is printed, and the next attempt opens.
 */
class ResetTest {

    private TestServer server;
    private FaultProxy proxy;
    private Fixture engine;
    private QuietConsole console;

    @BeforeEach
    void start() throws IOException {
        server = TestServer.start();
        proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", server.port()));
        engine = new Fixture();
        console = new QuietConsole();
    }

    @AfterEach
    void stop() {
        console.close();
        engine.close();
        proxy.close();
        server.close();
    }

    @Test
    void resetWhileConnecting_endsClosed1006_andNextAttemptOpens() {
        proxy.setMode(FaultMode.STALL); // the upgrade request goes nowhere: the attempt stays CONNECTING
        Fixture.Watched w = engine.open("feed", Fixture.ws(proxy.port()), Fixture.fast().build());
        w.events().awaitState(State.CONNECTING, 0, Fixture.PROMPT);
        dev.wsmon.core.testing.Await.until("the proxy to hold the attempt's link", () -> proxy.activeLinks() == 1, Fixture.PROMPT);
        // and the upgrade request in it: a reset that came before the client's connect() returned would be a failed
        // connect (connect-failed, phase tcp), not a reset while connecting
        dev.wsmon.core.testing.Await.until("the upgrade request held by the proxy", () -> proxy.unreadClientBytes() > 0,
                Fixture.PROMPT);

        proxy.resetAll();
        proxy.setMode(FaultMode.PASS);

        assertResetThenReopened(w.events(), 0);
    }

    @Test
    void resetWhileOpen_endsClosed1006_andNextAttemptOpens() {
        Fixture.Watched w = engine.open("feed", Fixture.ws(proxy.port()), Fixture.fast().build());
        w.events().awaitState(State.OPEN, 0, Fixture.PROMPT);
        int mark = w.events().size();

        proxy.resetAll();

        assertResetThenReopened(w.events(), mark);
    }

    @Test
    void resetWhileClosing_endsClosed1006_andNextAttemptOpens() {
        // No pings: any frame arriving after our close makes the library end the close itself (a clean local close).
        Settings settings = Fixture.fast().closeTimeout(Duration.ofSeconds(5))
                .pingInterval(Duration.ofSeconds(30)).pingTimeout(Duration.ofSeconds(30)).build();
        Fixture.Watched w = engine.open("feed", Fixture.ws(proxy.port()), settings);
        w.events().awaitState(State.OPEN, 0, Fixture.PROMPT);
        int mark = w.events().size();
        proxy.setMode(FaultMode.BLACKHOLE); // the peer's answer to our close never comes

        w.conn().reconnectNow(); // a local close that is followed by a fresh attempt
        w.events().awaitState(State.CLOSING, mark, Fixture.PROMPT);
        proxy.resetAll();
        proxy.setMode(FaultMode.PASS);

        assertResetThenReopened(w.events(), mark);
    }

    private void assertResetThenReopened(EventRecorder events, int from) {
        EventRecorder.Seen closed = events.awaitState(State.CLOSED, from, Fixture.PROMPT);
        StateChanged change = (StateChanged) closed.event();
        CloseReport report = change.close().orElseThrow();
        assertThat(report.code()).isEqualTo(1006);
        assertThat(report.cause()).as("cause of %s", report).isEqualTo(CloseCause.RESET);

        events.awaitNext(StateChanged.class, s -> s.state() == State.OPEN && s.attempt() > change.attempt(),
                from, Fixture.PROMPT);
        assertThat(events.states(State.CLOSED).stream().filter(s -> s.attempt() == change.attempt()))
                .as("exactly one CLOSED for the reset attempt").hasSize(1);
        assertThat(console.uncaught()).as("uncaught exceptions").isEmpty();
        assertThat(console.stackTraceLines()).as("stack traces on stderr").isEmpty();
    }
}
