package dev.wsmon.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SilentPeerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** The example of RFC 6455 section 1.3. */
    private static final String RFC_KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final String RFC_ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";
    private static final int TEXT = 0x1;
    private static final int CONTINUATION = 0x0;
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;
    private static final int PONG = 0xA;

    private SilentPeer peer;
    private Socket socket;

    @AfterEach
    void tearDown() throws IOException {
        if (socket != null) {
            socket.close();
        }
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void acceptValueFollowsRfc6455() {
        assertThat(SilentPeer.acceptFor(RFC_KEY)).isEqualTo(RFC_ACCEPT);
    }

    @Test
    void answersTheUpgradeRequestWith101AndTheAcceptValue() throws IOException {
        peer = SilentPeer.start();

        String response = upgrade();

        assertThat(response).startsWith("HTTP/1.1 101 Switching Protocols\r\n")
                .containsIgnoringCase("Upgrade: websocket\r\n")
                .containsIgnoringCase("Connection: Upgrade\r\n")
                .contains("Sec-WebSocket-Accept: " + RFC_ACCEPT + "\r\n")
                .endsWith("\r\n\r\n");
        peer.awaitHandshakes(1, TIMEOUT);
    }

    @Test
    void answersAPingWithAPongCarryingTheSamePayload() throws IOException {
        peer = SilentPeer.start();
        upgrade();

        send(PING, bytes("hb-1"));

        assertFrame(readFrame(), PONG, "hb-1");
        assertThat(peer.pingCount()).isEqualTo(1);
    }

    @Test
    void recordsTextOfEveryLengthEncodingAndFragmentedText() throws IOException {
        peer = SilentPeer.start();
        upgrade();
        String medium = "m".repeat(300); // 16-bit length
        String large = "L".repeat(70_000); // 64-bit length

        send(TEXT, bytes("short"));
        send(TEXT, bytes(medium));
        send(TEXT, bytes(large));
        sendFrame(false, TEXT, bytes("frag"));
        sendFrame(true, CONTINUATION, bytes("ment"));

        assertThat(peer.awaitReceived(m -> m.size() == 4, TIMEOUT)).containsExactly("short", medium, large, "fragment");
    }

    @Test
    void neverAnswersACloseFrameAndKeepsTheConnectionOpen() throws IOException {
        peer = SilentPeer.start();
        upgrade();

        send(CLOSE, new byte[] {0x03, (byte) 0xE8}); // 1000
        assertThat(peer.awaitCloseFrame(TIMEOUT)).isEqualTo(1000);
        send(PING, bytes("still there?"));

        // had the peer answered the Close or closed TCP, the next thing read would be a Close or EOF
        assertFrame(readFrame(), PONG, "still there?");
        assertThat(peer.closeFrameReceived()).isTrue();
    }

    @Test
    void reportsNoStatusCodeForAnEmptyCloseFrame() throws IOException {
        peer = SilentPeer.start();
        upgrade();

        send(CLOSE, new byte[0]);

        assertThat(peer.awaitCloseFrame(TIMEOUT)).isEqualTo(SilentPeer.NO_STATUS_CODE);
    }

    @Test
    void pongsCanBeSwitchedOff() throws IOException {
        peer = SilentPeer.start(false);
        upgrade();

        send(PING, bytes("ignored"));
        Await.until("the first ping to be read", () -> peer.pingCount() == 1, TIMEOUT);
        peer.answerPings(true);
        send(PING, bytes("answered"));

        assertFrame(readFrame(), PONG, "answered"); // the first pong to arrive is for the second ping
    }

    @Test
    void servesAJavaWebSocketClientAndSeesItGiveUp() throws Exception {
        peer = SilentPeer.start();
        RecordingClient client = RecordingClient.connect(peer.uri(), TIMEOUT);

        client.send("hello");
        assertThat(peer.awaitReceived(m -> !m.isEmpty(), TIMEOUT)).containsExactly("hello");
        client.close(1000, "done");
        assertThat(peer.awaitCloseFrame(TIMEOUT)).isEqualTo(1000);

        client.closeConnection(1006, "gave up waiting for the Close reply");
        peer.awaitClientsGone(TIMEOUT);
    }

    private String upgrade() throws IOException {
        socket = new Socket(peer.uri().getHost(), peer.port());
        socket.setSoTimeout((int) TIMEOUT.toMillis()); // a deadline for every read, not a sleep
        String request = "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + peer.port() + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + RFC_KEY + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        return HttpHead.read(socket.getInputStream());
    }

    private void send(int opcode, byte[] payload) throws IOException {
        sendFrame(true, opcode, payload);
    }

    /** Writes a masked client frame, as RFC 6455 requires of clients. */
    private void sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(14 + payload.length);
        frame.put((byte) ((fin ? 0x80 : 0) | opcode));
        if (payload.length <= 125) {
            frame.put((byte) (0x80 | payload.length));
        } else if (payload.length <= 0xFFFF) {
            frame.put((byte) (0x80 | 126)).putShort((short) payload.length);
        } else {
            frame.put((byte) (0x80 | 127)).putLong(payload.length);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        frame.put(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.put((byte) (payload[i] ^ mask[i & 3]));
        }
        OutputStream out = socket.getOutputStream();
        out.write(frame.array(), 0, frame.position());
        out.flush();
    }

    /** Reads one unmasked server frame with a short payload; returns opcode byte followed by the payload. */
    private byte[] readFrame() throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        int b0 = in.readUnsignedByte();
        int length = in.readUnsignedByte();
        assertThat(length).as("server frames are unmasked and short here").isLessThanOrEqualTo(125);
        byte[] frame = new byte[1 + length];
        frame[0] = (byte) b0;
        in.readFully(frame, 1, length);
        return frame;
    }

    private static void assertFrame(byte[] frame, int opcode, String payload) {
        assertThat(frame[0] & 0xFF).as("FIN + opcode").isEqualTo(0x80 | opcode);
        assertThat(new String(frame, 1, frame.length - 1, StandardCharsets.UTF_8)).isEqualTo(payload);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
