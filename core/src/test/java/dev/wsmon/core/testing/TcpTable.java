package dev.wsmon.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A snapshot of the kernel's TCP socket table ({@code /proc/net/tcp} and {@code /proc/net/tcp6}) of
 * this network namespace, i.e. of every process on the machine, not just this JVM. Linux only.
 * Typical use: {@code Await.until("no CLOSE_WAIT", () -> TcpTable.read().count(port, Set.of(CLOSE_WAIT)) == 0, t)}.
 */
public final class TcpTable {

    private static final Path TCP4 = Path.of("/proc/net/tcp");
    private static final Path TCP6 = Path.of("/proc/net/tcp6");

    /**
     * One socket.
     *
     * @param txQueue bytes in the send queue not yet acknowledged by the peer
     * @param rxQueue bytes received but not yet read by the application
     * @param inode   the socket's inode; 0 for sockets no process holds any more (e.g. TIME_WAIT)
     */
    public record Entry(InetAddress localAddress, int localPort, InetAddress remoteAddress, int remotePort,
                        TcpState state, long txQueue, long rxQueue, long inode) {

        @Override
        public String toString() {
            return localAddress.getHostAddress() + ":" + localPort + " -> " + remoteAddress.getHostAddress() + ":"
                    + remotePort + " " + state + " tx=" + txQueue + " rx=" + rxQueue + " inode=" + inode;
        }
    }

    private final List<Entry> entries;

    private TcpTable(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** True where {@code /proc/net/tcp} can be read (Linux); use it in an assumption elsewhere. */
    public static boolean isSupported() {
        return Files.isReadable(TCP4);
    }

    /** Reads both tables now. A missing tcp6 (IPv6 disabled) counts as empty. */
    public static TcpTable read() {
        List<Entry> entries = new ArrayList<>();
        parseInto(TCP4, entries);
        parseInto(TCP6, entries);
        return new TcpTable(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Entries whose local or remote port is {@code port}: the listener and both ends of each connection. */
    public List<Entry> entriesForPort(int port) {
        return entries.stream().filter(e -> e.localPort() == port || e.remotePort() == port).toList();
    }

    /** How many entries for {@code port} (local or remote) are in one of {@code states}. */
    public long count(int port, Set<TcpState> states) {
        return entriesForPort(port).stream().filter(e -> states.contains(e.state())).count();
    }

    @Override
    public String toString() {
        return entries.size() + " TCP sockets";
    }

    private static void parseInto(Path table, List<Entry> into) {
        List<String> lines;
        try {
            lines = Files.readAllLines(table);
        } catch (NoSuchFileException e) {
            if (table.equals(TCP6)) {
                return;
            }
            throw new UncheckedIOException("no " + table + ": TcpTable needs Linux", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + table, e);
        }
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) { // line 0 is the column header
            Entry entry = parse(line);
            if (entry != null) {
                into.add(entry);
            }
        }
    }

    /** Parses "sl local rem st tx:rx tr:when retrnsmt uid timeout inode ..."; null for a line it cannot read. */
    static Entry parse(String line) {
        String[] f = line.trim().split("\\s+");
        if (f.length < 10) {
            return null;
        }
        int state = Integer.parseInt(f[3], 16);
        if (state < 1 || state > 0x0C) {
            return null; // a future kernel's state: not ours to judge
        }
        String[] local = f[1].split(":");
        String[] remote = f[2].split(":");
        String[] queues = f[4].split(":");
        return new Entry(address(local[0]), Integer.parseInt(local[1], 16),
                address(remote[0]), Integer.parseInt(remote[1], 16),
                TcpState.ofCode(state),
                Long.parseLong(queues[0], 16), Long.parseLong(queues[1], 16),
                Long.parseLong(f[9]));
    }

    /** The kernel prints the address as 32-bit words, each in the machine's own byte order. */
    private static InetAddress address(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                int at = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? word + 3 - i : word + i;
                bytes[at] = (byte) Integer.parseInt(hex, 2 * (word + i), 2 * (word + i) + 2, 16);
            }
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address " + hex, e);
        }
    }
}
