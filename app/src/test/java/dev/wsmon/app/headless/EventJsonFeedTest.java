package dev.wsmon.app.headless;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wsmon.core.ConnectionId;
import dev.wsmon.core.event.AppLatency;
import dev.wsmon.core.event.HeartbeatMissed;
import dev.wsmon.core.event.MessageReceived;
import dev.wsmon.core.event.MessageSent;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The feed session's lines and message contents as the contract's "Additions (round 2)" write them. */
class EventJsonFeedTest {

    private static final ConnectionId FEED = new ConnectionId("feed", 1);

    private static String line(EventJson json, dev.wsmon.core.event.ConnectionEvent e) {
        return json.toJson(e).map(ObjectNode::toString).orElse("");
    }

    @Test
    void appLatencyAndHeartbeatMissed() {
        EventJson json = new EventJson(false);
        assertThat(line(json, new AppLatency(FEED, 5, Duration.ofNanos(41_234_000))))
                .isEqualTo("{\"ts\":5,\"type\":\"app_latency\",\"rtt_ms\":41.23}");
        assertThat(line(json, new HeartbeatMissed(FEED, 6, Duration.ofSeconds(5))))
                .isEqualTo("{\"ts\":6,\"type\":\"heartbeat_missed\",\"timeout_ms\":5000}");
    }

    @Test
    void automaticSends_sayWhoSentThem_userSendsStayAsBefore() {
        EventJson json = new EventJson(false);
        assertThat(line(json, new MessageSent(FEED, 1, 7, 1, "responder 1")))
                .isEqualTo("{\"ts\":1,\"type\":\"message\",\"dir\":\"out\",\"size\":1,\"id\":7,\"auto\":true,"
                        + "\"by\":\"responder 1\"}");
        assertThat(line(json, new MessageSent(FEED, 1, 8, 2)))
                .isEqualTo("{\"ts\":1,\"type\":\"message\",\"dir\":\"out\",\"size\":2,\"id\":8}");
    }

    @Test
    void contents_onlyWhenAsked_cutAtPrintMax_neverInsideACharacter() {
        MessageReceived tick = new MessageReceived(FEED, 1, 12, false, "42[\"tick\",7]");
        assertThat(line(new EventJson(false), tick)).doesNotContain("text");
        assertThat(line(new EventJson(false, 64), tick)).endsWith("\"size\":12,\"text\":\"42[\\\"tick\\\",7]\"}");
        assertThat(line(new EventJson(false, 5), tick)).endsWith("\"text\":\"42[\\\"t\",\"truncated\":true}");
        MessageReceived euro = new MessageReceived(FEED, 1, 7, false, "a€b€"); // € is 3 bytes
        assertThat(line(new EventJson(false, 3), euro)).endsWith("\"text\":\"a\",\"truncated\":true}");
        assertThat(line(new EventJson(false, 4), euro)).endsWith("\"text\":\"a€\",\"truncated\":true}");
        assertThat(line(new EventJson(false, 8), euro)).endsWith("\"text\":\"a€b€\"}");
    }

    @Test
    void binaryContents_areBase64_cutAtPrintMax() {
        MessageReceived bin = new MessageReceived(FEED, 1, 4, true, "",
                java.nio.ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 0xff}).asReadOnlyBuffer());
        assertThat(line(new EventJson(false), bin)).isEqualTo("{\"ts\":1,\"type\":\"message\",\"dir\":\"in\",\"size\":4,"
                + "\"binary\":true}");
        assertThat(line(new EventJson(false, 64), bin)).endsWith("\"binary\":true,\"base64\":\"AAEC/w==\"}");
        assertThat(line(new EventJson(false, 2), bin)).endsWith("\"base64\":\"AAE=\",\"truncated\":true}");
    }
}
