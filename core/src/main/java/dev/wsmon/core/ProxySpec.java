package dev.wsmon.core;

import com.fasterxml.jackson.annotation.JsonValue;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A proxy every attempt of a connection goes through: HTTP CONNECT (RFC 9110 9.3.6, Basic auth) or SOCKS5
 * (RFC 1928, user/password per RFC 1929). The target host is always resolved by the proxy, as curl's
 * {@code socks5h} does, since a client behind a proxy often cannot resolve outside names itself.
 *
 * @param kind HTTP CONNECT or SOCKS5
 * @param host the proxy's host name or address (an IPv6 literal without brackets)
 * @param port the proxy's port
 * @param user the user name, if the proxy asks for one
 * @param password the password template; may refer to {@code ${ENV}}, expanded at connect time; never shown
 */
public record ProxySpec(Kind kind, String host, int port, Optional<String> user, Optional<Secret> password) {

    /** curl's default port for a proxy URL without one. */
    public static final int DEFAULT_PORT = 1080;

    /** The proxy protocols wsmon speaks. */
    public enum Kind {
        HTTP("http"), SOCKS5("socks5");

        private final String scheme;

        Kind(String scheme) {
            this.scheme = scheme;
        }

        public String scheme() {
            return scheme;
        }
    }

    public ProxySpec {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (host.isBlank()) {
            throw new IllegalArgumentException("proxy has no host; expected http://host:port or socks5://host:port");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("proxy port " + port + " is out of range; ports go from 1 to 65535");
        }
        if (password.isPresent() && user.isEmpty()) {
            throw new IllegalArgumentException("proxy password given without a user name; write user:password@host:port");
        }
        if (user.isPresent()) {
            Optional<String> problem = FieldValues.problem(user.get());
            if (problem.isPresent()) {
                throw new IllegalArgumentException("proxy user name must not contain " + problem.get());
            }
            if (kind == Kind.HTTP && user.get().contains(":")) {
                throw new IllegalArgumentException("proxy user name must not contain ':' (RFC 7617 2)");
            }
            if (kind == Kind.SOCKS5 && user.get().getBytes(StandardCharsets.UTF_8).length > 255) {
                throw new IllegalArgumentException("SOCKS5 user name is longer than 255 bytes (RFC 1929 2)");
            }
        }
    }

    /**
     * Parses {@code http://[user:password@]host[:port]} or {@code socks5://…}; {@code socks5h://} is the same
     * here, and a URL without a scheme is HTTP, as in curl. User and password may be percent-encoded.
     *
     * @throws IllegalArgumentException saying what is wrong and what is expected, never showing the password
     */
    public static ProxySpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("proxy URL is empty; expected http://[user:password@]host:port"
                    + " or socks5://[user:password@]host:port");
        }
        String rest = text.trim();
        Kind kind = Kind.HTTP;
        int schemeEnd = rest.indexOf("://");
        if (schemeEnd >= 0) {
            String scheme = rest.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
            kind = switch (scheme) {
                case "http" -> Kind.HTTP;
                case "socks5", "socks5h" -> Kind.SOCKS5;
                default -> throw new IllegalArgumentException("proxy scheme '" + scheme + "' is not supported;"
                        + " use http:// (HTTP CONNECT) or socks5://");
            };
            rest = rest.substring(schemeEnd + 3);
        }
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            if (!rest.substring(slash).equals("/")) {
                throw new IllegalArgumentException("proxy URL must not have a path; expected "
                        + kind.scheme() + "://host:port");
            }
            rest = rest.substring(0, slash);
        }
        Optional<String> user = Optional.empty();
        Optional<Secret> password = Optional.empty();
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String info = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = info.indexOf(':');
            String u = colon >= 0 ? info.substring(0, colon) : info;
            user = Optional.of(decode(u, "user name"));
            if (colon >= 0) {
                password = Optional.of(Secret.of(decode(info.substring(colon + 1), "password")));
            }
        }
        String host;
        String portText = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("proxy host '" + rest + "' has '[' without ']'");
            }
            host = rest.substring(1, close);
            String after = rest.substring(close + 1);
            if (after.startsWith(":")) {
                portText = after.substring(1);
            } else if (!after.isEmpty()) {
                throw new IllegalArgumentException("proxy address '" + rest + "': expected [ipv6]:port");
            }
        } else {
            int colon = rest.lastIndexOf(':');
            if (colon >= 0 && rest.indexOf(':') != colon) {
                throw new IllegalArgumentException("proxy address '" + rest + "': write an IPv6 address in brackets, [::1]:port");
            }
            host = colon >= 0 ? rest.substring(0, colon) : rest;
            portText = colon >= 0 ? rest.substring(colon + 1) : null;
        }
        int port = DEFAULT_PORT;
        if (portText != null) {
            if (!portText.matches("[0-9]{1,5}")) {
                throw new IllegalArgumentException("proxy port '" + portText + "' is not a number from 1 to 65535");
            }
            port = Integer.parseInt(portText);
        }
        return new ProxySpec(kind, host, port, user, password);
    }

    private static String decode(String part, String what) {
        if (part.indexOf('%') < 0) {
            return part; // keeps ${ENV} templates as written
        }
        try {
            return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("proxy " + what + " has a malformed %-escape");
        }
    }

    /** host:port as in an HTTP authority, an IPv6 literal in brackets: what messages name the proxy by. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The proxy as it may be shown: its password masked. */
    @JsonValue
    public String display() {
        String info = user.map(u -> u + password.map(p -> ":" + Redaction.MASK).orElse("") + "@").orElse("");
        return kind.scheme() + "://" + info + address();
    }

    @Override
    public String toString() {
        return display();
    }
}
