package dev.wsmon.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsmon.core.event.MessageReceived;
import dev.wsmon.core.event.StateChanged;
import dev.wsmon.core.testing.Fixture;
import dev.wsmon.core.testing.TestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** permessage-deflate against the library's deflate-negotiating server: offered, used, and bounded. */
class DeflateTest {

    private Fixture engine;

    @BeforeEach
    void start() {
        engine = new Fixture();
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void offered_andAccepted_compressedMessagesArriveWhole() {
        try (TestServer server = TestServer.builder().deflate().start()) {
            Fixture.Watched w = engine.open("deflate", Fixture.ws(server.port()), Fixture.fast().build());
            StateChanged open = (StateChanged) w.events().awaitState(State.OPEN, 0, Fixture.PROMPT).event();
            assertThat(open.extensions()).isEqualTo("permessage-deflate");
            assertThat(server.handshakes().get(0).get("Sec-WebSocket-Extensions")).isEqualTo("permessage-deflate");
            assertThat(server.negotiatedExtensions()).first().asString().startsWith("permessage-deflate");
            String big = "tick 42 price 101.5 ".repeat(2000);
            for (int i = 0; i < 3; i++) {
                server.sendToAll(big + i);
            }
            w.events().await("three compressed messages", all -> all.stream()
                    .filter(e -> e instanceof MessageReceived m && m.size() == big.length() + 1).count() == 3, Fixture.PROMPT);
            w.conn().send("ü and some more text to pass the threshold of the server's compressor, twice over");
            server.awaitReceived(r -> !r.isEmpty(), Fixture.PROMPT);
        }
    }

    @Test
    void aCompressionBomb_endsIn1009_notAnOutOfMemoryError() {
        try (TestServer server = TestServer.builder().deflate().start()) {
            Fixture.Watched w = engine.open("bomb", Fixture.ws(server.port()),
                    Fixture.fast().maxMessageSize(64 * 1024).autoReconnect(false).build());
            w.events().awaitState(State.OPEN, 0, Fixture.PROMPT);
            assertThat(server.negotiatedExtensions()).first().asString().startsWith("permessage-deflate");
            server.sendToAll("0".repeat(16 * 1024 * 1024)); // 16 MiB that deflate to about 16 KiB on the wire
            CloseReport report = ((StateChanged) w.events().awaitState(State.CLOSED, 0, Duration.ofSeconds(10)).event())
                    .close().orElseThrow();
            assertThat(report.code()).isEqualTo(1009);
            assertThat(report.cause()).isEqualTo(CloseCause.MESSAGE_TOO_BIG);
        }
    }

    @Test
    void notOffered_whenTurnedOff() {
        try (TestServer server = TestServer.builder().deflate().start()) {
            Fixture.Watched w = engine.add("plain", Fixture.endpoint(Fixture.ws(server.port())).withCompression(false),
                    Fixture.fast().build());
            w.conn().open();
            StateChanged open = (StateChanged) w.events().awaitState(State.OPEN, 0, Fixture.PROMPT).event();
            assertThat(open.extensions()).isEmpty();
            assertThat(server.handshakes().get(0)).doesNotContainKey("Sec-WebSocket-Extensions");
            assertThat(server.negotiatedExtensions()).containsExactly("");
        }
    }
}
