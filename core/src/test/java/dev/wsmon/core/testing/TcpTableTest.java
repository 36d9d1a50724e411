package dev.wsmon.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TcpTableTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @BeforeAll
    static void linuxOnly() {
        assumeTrue(TcpTable.isSupported(), "needs /proc/net/tcp");
    }

    @Test
    void showsTheListenerAndBothEndsOfAConnectedPair() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket listener = new ServerSocket(0, 1, loopback);
             Socket client = new Socket(loopback, listener.getLocalPort());
             Socket accepted = listener.accept()) {
            int port = listener.getLocalPort();
            assertThat(accepted.getPort()).isEqualTo(client.getLocalPort());

            TcpTable table = TcpTable.read();

            assertThat(table.count(port, EnumSet.of(TcpState.LISTEN))).isEqualTo(1);
            assertThat(table.count(port, EnumSet.of(TcpState.ESTABLISHED))).isEqualTo(2);
            assertThat(table.entriesForPort(port))
                    .anySatisfy(e -> {
                        assertThat(e.state()).isEqualTo(TcpState.ESTABLISHED);
                        assertThat(e.localPort()).isEqualTo(client.getLocalPort());
                        assertThat(e.remotePort()).isEqualTo(port);
                        assertThat(e.localAddress()).isEqualTo(loopback);
                        assertThat(e.remoteAddress()).isEqualTo(loopback);
                    });
        }
    }

    @Test
    void seesCloseWaitOnTheSideThatHasNotClosedYet() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket listener = new ServerSocket(0, 1, loopback)) {
            int port = listener.getLocalPort();
            Socket client = new Socket(loopback, port);
            try (Socket accepted = listener.accept()) {
                accepted.setSoTimeout((int) TIMEOUT.toMillis());
                client.close();
                assertThat(accepted.getInputStream().read()).as("EOF: the FIN arrived").isEqualTo(-1);

                Await.until("server end in CLOSE_WAIT",
                        () -> TcpTable.read().count(port, EnumSet.of(TcpState.CLOSE_WAIT)) == 1, TIMEOUT);
            }
        }
    }

    @Test
    void parsesKernelLinesOfBothTables() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "sample lines are from a little-endian host");

        TcpTable.Entry v4 = TcpTable.parse("   3: 0100007F:1F90 0100007F:D431 01 00000010:00000020 00:00000000 "
                + "00000000  1000        0 4242 1 0000000000000000 20 4 30 10 -1");
        TcpTable.Entry v6 = TcpTable.parse("   0: 00000000000000000000000001000000:0050 "
                + "00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 99 1");

        assertThat(v4).isNotNull();
        assertThat(v4.localAddress().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(List.of(v4.localPort(), v4.remotePort())).containsExactly(8080, 54321);
        assertThat(v4.state()).isEqualTo(TcpState.ESTABLISHED);
        assertThat(List.of(v4.txQueue(), v4.rxQueue(), v4.inode())).containsExactly(16L, 32L, 4242L);
        assertThat(v6).isNotNull();
        assertThat(v6.localAddress().isLoopbackAddress()).isTrue();
        assertThat(v6.localPort()).isEqualTo(80);
        assertThat(v6.state()).isEqualTo(TcpState.LISTEN);
        assertThat(TcpTable.parse("  sl  local_address rem_address   st tx_queue rx_queue")).isNull();
    }

    @Test
    void statesCarryTheKernelCodes() {
        assertThat(TcpState.ofCode(0x01)).isEqualTo(TcpState.ESTABLISHED);
        assertThat(TcpState.ofCode(0x06)).isEqualTo(TcpState.TIME_WAIT);
        assertThat(TcpState.ofCode(0x08)).isEqualTo(TcpState.CLOSE_WAIT);
        assertThat(TcpState.ofCode(0x0A)).isEqualTo(TcpState.LISTEN);
        assertThat(TcpState.CLOSING.code()).isEqualTo(0x0B);
        assertThatThrownBy(() -> TcpState.ofCode(0x42)).isInstanceOf(IllegalArgumentException.class);
    }
}
