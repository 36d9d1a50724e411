package dev.wsmon.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real proxy on 127.0.0.1 for tests: HTTP CONNECT (with optional Basic auth) or SOCKS5 (with optional
 * RFC 1929 user/password). It records the targets it tunnelled to, so a test can prove traffic went
 * through it. Daemon threads; {@link #close()} closes every socket.
 */
public final class TestProxy implements AutoCloseable {

    /** The protocol it speaks. */
    public enum Kind { HTTP, SOCKS5 }

    private final Kind kind;
    private final Optional<String> user;
    private final Optional<String> password;
    private final boolean refuseAll;
    private final ServerSocket server;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final List<String> targets = new CopyOnWriteArrayList<>();
    private final List<String> requestHeads = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private TestProxy(Kind kind, Optional<String> user, Optional<String> password, boolean refuseAll) throws IOException {
        this.kind = kind;
        this.user = user;
        this.password = password;
        this.refuseAll = refuseAll;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "test-proxy-accept");
        t.setDaemon(true);
        t.start();
    }

    /** An open proxy. */
    public static TestProxy start(Kind kind) throws IOException {
        return new TestProxy(kind, Optional.empty(), Optional.empty(), false);
    }

    /** A proxy that asks for these credentials. */
    public static TestProxy withAuth(Kind kind, String user, String password) throws IOException {
        return new TestProxy(kind, Optional.of(user), Optional.of(password), false);
    }

    /** A proxy that refuses every tunnel: HTTP 403, or SOCKS5 reply 2 (not allowed by ruleset). */
    public static TestProxy refusing(Kind kind) throws IOException {
        return new TestProxy(kind, Optional.empty(), Optional.empty(), true);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** host:port of every tunnel opened, in order. */
    public List<String> targets() {
        return List.copyOf(targets);
    }

    /** The CONNECT request heads received (HTTP only), as sent. */
    public List<String> requestHeads() {
        return List.copyOf(requestHeads);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                Thread t = new Thread(() -> serve(client), "test-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String target = kind == Kind.HTTP ? httpConnect(in, out) : socks5(in, out);
            if (target == null) {
                client.close();
                return;
            }
            int colon = target.lastIndexOf(':');
            String host = target.substring(0, colon);
            if (host.startsWith("[")) {
                host = host.substring(1, host.length() - 1);
            }
            Socket upstream = new Socket();
            sockets.add(upstream);
            try {
                upstream.connect(new InetSocketAddress(host, Integer.parseInt(target.substring(colon + 1))), 5000);
            } catch (IOException e) {
                if (kind == Kind.HTTP) {
                    out.write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } else {
                    out.write(new byte[] {5, 5, 0, 1, 0, 0, 0, 0, 0, 0});
                }
                client.close();
                return;
            }
            targets.add(target);
            if (kind == Kind.HTTP) {
                out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write(new byte[] {5, 0, 0, 1, 127, 0, 0, 1, 0, 0});
            }
            out.flush();
            Thread back = new Thread(() -> pump(upstream, client), "test-proxy-down");
            back.setDaemon(true);
            back.start();
            pump(client, upstream);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private String httpConnect(InputStream in, OutputStream out) throws IOException {
        String head = readHead(in);
        requestHeads.add(head);
        String[] requestLine = head.lines().findFirst().orElse("").split(" ");
        if (requestLine.length != 3 || !requestLine[0].equals("CONNECT")) {
            out.write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return null;
        }
        if (user.isPresent()) {
            String expected = "Basic " + Base64.getEncoder().encodeToString(
                    (user.get() + ":" + password.get()).getBytes(StandardCharsets.UTF_8));
            boolean ok = head.lines().anyMatch(l -> l.regionMatches(true, 0, "Proxy-Authorization:", 0, 20)
                    && l.substring(20).trim().equals(expected));
            if (!ok) {
                out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                        + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                return null;
            }
        }
        if (refuseAll) {
            out.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return null;
        }
        return requestLine[1];
    }

    private String socks5(InputStream in, OutputStream out) throws IOException {
        byte[] greeting = readFully(in, 2);
        byte[] methods = readFully(in, greeting[1] & 0xff);
        int wanted = user.isPresent() ? 2 : 0;
        boolean offered = false;
        for (byte m : methods) {
            offered |= m == wanted;
        }
        if (!offered) {
            out.write(new byte[] {5, (byte) 0xff});
            return null;
        }
        out.write(new byte[] {5, (byte) wanted});
        if (wanted == 2) {
            readFully(in, 1);
            String u = new String(readFully(in, readFully(in, 1)[0] & 0xff), StandardCharsets.UTF_8);
            String p = new String(readFully(in, readFully(in, 1)[0] & 0xff), StandardCharsets.UTF_8);
            boolean ok = u.equals(user.get()) && p.equals(password.get());
            out.write(new byte[] {1, (byte) (ok ? 0 : 1)});
            if (!ok) {
                return null;
            }
        }
        byte[] request = readFully(in, 4);
        String host = switch (request[3]) {
            case 1 -> InetAddress.getByAddress(readFully(in, 4)).getHostAddress();
            case 4 -> "[" + InetAddress.getByAddress(readFully(in, 16)).getHostAddress() + "]";
            case 3 -> new String(readFully(in, readFully(in, 1)[0] & 0xff), StandardCharsets.US_ASCII);
            default -> throw new IOException("bad address type");
        };
        byte[] port = readFully(in, 2);
        if (refuseAll) {
            out.write(new byte[] {5, 2, 0, 1, 0, 0, 0, 0, 0, 0});
            return null;
        }
        return host + ":" + (((port[0] & 0xff) << 8) | (port[1] & 0xff));
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0 || head.size() > 16 * 1024) {
                throw new IOException("no complete request head");
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new IOException("closed early");
        }
        return b;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // released either way
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // released either way
        }
        sockets.forEach(TestProxy::closeQuietly);
    }
}
