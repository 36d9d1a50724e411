package dev.wsmon.core.transport;

import dev.wsmon.core.ProxySpec;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Opens a tunnel to the target on a socket already connected to the proxy, byte by byte, so that nothing the
 * WebSocket handshake needs is read ahead: HTTP CONNECT (RFC 9110 9.3.6) or SOCKS5 (RFC 1928, RFC 1929).
 */
final class ProxyTunnel {

    /** Longest CONNECT response head believed; a proxy sending more is not speaking HTTP. */
    static final int MAX_RESPONSE_HEAD = 16 * 1024;

    private final ProxySpec proxy;
    private final Optional<String> password;

    /** @param password the expanded password, if the proxy has a user */
    ProxyTunnel(ProxySpec proxy, Optional<String> password) {
        this.proxy = proxy;
        this.password = password;
    }

    /**
     * @param host the target host as in the URL (an IPv6 literal in brackets)
     * @throws ProxyFailedException when the proxy refuses or breaks off; other IOExceptions when the socket was closed
     */
    void open(Socket socket, String host, int port) throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        if (proxy.kind() == ProxySpec.Kind.HTTP) {
            connect(in, out, host, port);
        } else {
            socks5(in, out, host, port);
        }
    }

    private void connect(InputStream in, OutputStream out, String host, int port) throws IOException {
        String authority = (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
        StringBuilder request = new StringBuilder()
                .append("CONNECT ").append(authority).append(" HTTP/1.1\r\n")
                .append("Host: ").append(authority).append("\r\n");
        if (proxy.user().isPresent()) {
            String credentials = proxy.user().get() + ":" + password.orElse("");
            request.append("Proxy-Authorization: Basic ")
                    .append(Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                    .append("\r\n");
        }
        request.append("\r\n");
        out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String head = readHead(in);
        String statusLine = head.lines().findFirst().orElse("");
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[0-9]{3}")) {
            throw failed("answered CONNECT with '" + printable(statusLine) + "', not HTTP; check that "
                    + proxy.address() + " is an HTTP proxy", 0);
        }
        int status = Integer.parseInt(parts[1]);
        if (status / 100 == 2) {
            return;
        }
        throw failed("refused the tunnel to " + authority + " with HTTP " + status + " " + advice(status), status);
    }

    private String advice(int status) {
        return switch (status) {
            case 401, 407 -> proxy.user().isPresent() // tinyproxy answers a CONNECT's bad credentials with 401
                    ? "(proxy authentication failed): check the proxy user name and password"
                    : "(proxy authentication required): give user:password@ in the proxy URL";
            case 403 -> "(forbidden): the proxy does not allow this host or port; check its access rules";
            case 502, 503, 504 -> "(the proxy could not reach the server): check the URL's host and port from the proxy";
            default -> "";
        };
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the proxy closed the connection");
            }
            head.write(b);
            if (head.size() > MAX_RESPONSE_HEAD) {
                throw new IOException("the proxy's response head is longer than " + MAX_RESPONSE_HEAD + " bytes");
            }
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private void socks5(InputStream in, OutputStream out, String host, int port) throws IOException {
        boolean auth = proxy.user().isPresent();
        out.write(auth ? new byte[] {5, 2, 0, 2} : new byte[] {5, 1, 0});
        out.flush();
        byte[] choice = readFully(in, 2);
        if (choice[0] != 5) {
            throw failed("did not answer as a SOCKS5 proxy; check that " + proxy.address() + " speaks SOCKS5", 0);
        }
        int method = choice[1] & 0xff;
        if (method == 2 && auth) {
            byte[] user = proxy.user().get().getBytes(StandardCharsets.UTF_8);
            byte[] pass = password.orElse("").getBytes(StandardCharsets.UTF_8);
            if (pass.length > 255) {
                throw failed("cannot take a password longer than 255 bytes (RFC 1929)", 0);
            }
            ByteArrayOutputStream m = new ByteArrayOutputStream();
            m.write(1);
            m.write(user.length);
            m.write(user);
            m.write(pass.length);
            m.write(pass);
            out.write(m.toByteArray());
            out.flush();
            byte[] status = readFully(in, 2);
            if (status[1] != 0) {
                throw failed("rejected the user name or password: check the proxy user name and password", 0);
            }
        } else if (method == 0xff) {
            throw failed(auth ? "accepted none of the offered authentication methods"
                    : "requires authentication: give user:password@ in the proxy URL", 0);
        } else if (method != 0) {
            throw failed("chose authentication method " + method + ", which wsmon did not offer", 0);
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.write(new byte[] {5, 1, 0});
        if (bare.indexOf(':') >= 0 || bare.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
            byte[] address = InetAddress.getByName(bare).getAddress(); // a literal: no lookup
            request.write(address.length == 4 ? 1 : 4);
            request.write(address);
        } else {
            byte[] name = bare.getBytes(StandardCharsets.US_ASCII);
            request.write(3);
            request.write(name.length);
            request.write(name);
        }
        request.write(port >> 8);
        request.write(port & 0xff);
        out.write(request.toByteArray());
        out.flush();
        byte[] reply = readFully(in, 4);
        int rep = reply[1] & 0xff;
        int boundLength = switch (reply[3]) {
            case 1 -> 4;
            case 4 -> 16;
            case 3 -> readFully(in, 1)[0] & 0xff;
            default -> -1;
        };
        if (rep != 0) {
            throw failed("refused the connection to " + bare + ":" + port + ": " + socksReply(rep), 0);
        }
        if (boundLength < 0) {
            throw failed("sent a malformed SOCKS5 reply", 0);
        }
        readFully(in, boundLength + 2);
    }

    /** RFC 1928 6, in words. */
    private static String socksReply(int rep) {
        return switch (rep) {
            case 1 -> "general SOCKS server failure";
            case 2 -> "not allowed by its rules; check its access rules";
            case 3 -> "network unreachable from the proxy";
            case 4 -> "host unreachable from the proxy; check the URL's host";
            case 5 -> "connection refused by the server; check the URL's port";
            case 6 -> "TTL expired";
            case 7 -> "command not supported";
            case 8 -> "address type not supported";
            default -> "reply code " + rep;
        };
    }

    private static byte[] readFully(InputStream in, int n) throws IOException {
        byte[] b = new byte[n];
        int off = 0;
        while (off < n) {
            int r = in.read(b, off, n - off);
            if (r < 0) {
                throw new EOFException("the proxy closed the connection");
            }
            off += r;
        }
        return b;
    }

    private ProxyFailedException failed(String what, int status) {
        return new ProxyFailedException(name() + " " + what, status, null);
    }

    ProxySpec proxy() {
        return proxy;
    }

    /** "HTTP proxy host:port" or "SOCKS5 proxy host:port". */
    String name() {
        return (proxy.kind() == ProxySpec.Kind.HTTP ? "HTTP" : "SOCKS5") + " proxy " + proxy.address();
    }

    private static String printable(String s) {
        String t = s.replaceAll("[^\\x20-\\x7e]", "?");
        return t.length() > 80 ? t.substring(0, 80) + "…" : t;
    }
}
