package dev.wsmon.core;

import com.fasterxml.jackson.annotation.JsonValue;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where and how to connect: URL, extra handshake headers, requested subprotocols, TLS checks. These apply
 * from the next attempt.
 *
 * @param headers header templates; a value may refer to {@code ${ENV_NAME}}, expanded at connect time; values are
 *     {@link Secret}s, as they often carry credentials
 * @param subprotocols requested subprotocols, most preferred first
 * @param via where to open the TCP connection instead of the URL's host, e.g. a local fault proxy; the
 *     Host header, TLS server name and certificate check still use the URL's host
 * @param proxy the HTTP CONNECT or SOCKS5 proxy every attempt goes through, or empty to connect directly
 * @param compression offer permessage-deflate (RFC 7692), as browsers do
 */
public record Endpoint(URI uri, Map<String, Secret> headers, List<String> subprotocols, TlsOptions tls,
                       Optional<InetSocketAddress> via, Optional<ProxySpec> proxy, boolean compression) {

    /** Why a Host header is refused: a second Host line would make the upgrade request ambiguous (RFC 9112 3.2). */
    public static final String HOST_REFUSED = "a 'Host' header cannot be set: wsmon sends the URL's host and port;"
            + " put the host you need in the URL";

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    public Endpoint {
        Objects.requireNonNull(uri, "uri");
        requireWebSocketUri(uri);
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers)); // keeps their order on the wire
        subprotocols = List.copyOf(subprotocols);
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(proxy, "proxy");
        for (String name : headers.keySet()) {
            if (!TOKEN.matcher(name).matches()) {
                throw new IllegalArgumentException("header name '" + name + "' is not a valid HTTP token");
            }
            if (name.equalsIgnoreCase("Host")) {
                throw new IllegalArgumentException(HOST_REFUSED);
            }
            Optional<String> problem = FieldValues.problem(headers.get(name).reveal());
            if (problem.isPresent()) {
                throw new IllegalArgumentException("header '" + name + "' must not contain " + problem.get());
            }
        }
        for (String p : subprotocols) {
            if (!TOKEN.matcher(p).matches()) {
                throw new IllegalArgumentException("subprotocol '" + p + "' is not a valid token");
            }
        }
    }

    /** An endpoint connecting straight to the URL's host. */
    public Endpoint(URI uri, Map<String, String> headers, List<String> subprotocols, TlsOptions tls) {
        this(uri, secrets(headers), subprotocols, tls, Optional.empty(), Optional.empty(), true);
    }

    /** An endpoint without a proxy that offers permessage-deflate. */
    public Endpoint(URI uri, Map<String, Secret> headers, List<String> subprotocols, TlsOptions tls,
                    Optional<InetSocketAddress> via) {
        this(uri, headers, subprotocols, tls, via, Optional.empty(), true);
    }

    /** An endpoint with no extra headers or subprotocols and default TLS checks. */
    public static Endpoint of(String url) {
        return new Endpoint(parseUri(url), Map.of(), List.of(), TlsOptions.VERIFY);
    }

    public Endpoint withHeaders(Map<String, String> value) {
        return new Endpoint(uri, secrets(value), subprotocols, tls, via, proxy, compression);
    }

    /** The URL as it may be shown: see {@link Redaction#url(URI)}. */
    public String display() {
        return Redaction.url(uri);
    }

    /** The JSON form (Jackson): the URL redacted, header values masked, so no export can leak them by accident. */
    @JsonValue
    public Map<String, Object> redacted() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("url", display());
        out.put("headers", headers);
        out.put("subprotocols", subprotocols);
        via.ifPresent(a -> out.put("via", a.getHostString() + ":" + a.getPort()));
        proxy.ifPresent(p -> out.put("proxy", p.display()));
        if (!compression) {
            out.put("compression", false);
        }
        return out;
    }

    /** Shows the URL redacted and no header value, for any log line that prints an endpoint. */
    @Override
    public String toString() {
        return "Endpoint[" + display() + ", headers=" + headers + ", subprotocols=" + subprotocols + ", tls=" + tls
                + ", via=" + via + ", proxy=" + proxy + "]";
    }

    private static Map<String, Secret> secrets(Map<String, String> headers) {
        Map<String, Secret> out = new LinkedHashMap<>();
        headers.forEach((name, value) -> out.put(name, Secret.of(Objects.requireNonNull(value, name))));
        return out;
    }

    public Endpoint withSubprotocols(List<String> value) {
        return new Endpoint(uri, headers, value, tls, via, proxy, compression);
    }

    public Endpoint withTls(TlsOptions value) {
        return new Endpoint(uri, headers, subprotocols, value, via, proxy, compression);
    }

    /** Routes the TCP connection through {@code address} (e.g. a fault proxy), or straight when empty. */
    public Endpoint withVia(Optional<InetSocketAddress> address) {
        return new Endpoint(uri, headers, subprotocols, tls, address, proxy, compression);
    }

    /** Goes through {@code value} from the next attempt, or straight to the host when empty. */
    public Endpoint withProxy(Optional<ProxySpec> value) {
        return new Endpoint(uri, headers, subprotocols, tls, via, value, compression);
    }

    /** Offers permessage-deflate, or not ({@code --no-compression}). */
    public Endpoint withCompression(boolean value) {
        return new Endpoint(uri, headers, subprotocols, tls, via, proxy, value);
    }

    /** The port the URL names, or the scheme's default. */
    public int port() {
        return uri.getPort() != -1 ? uri.getPort() : secure() ? 443 : 80;
    }

    public boolean secure() {
        return "wss".equals(uri.getScheme());
    }

    /**
     * Parses a WebSocket URL.
     *
     * @throws IllegalArgumentException saying what is wrong and what is expected
     */
    public static URI parseUri(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("URL is empty; expected ws://host[:port]/path or wss://…");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + Redaction.url(url) + "' is not a valid URL: " + e.getReason());
        }
        requireWebSocketUri(uri);
        return uri;
    }

    private static void requireWebSocketUri(URI uri) {
        String shown = Redaction.url(uri);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("'" + shown + "' must start with ws:// or wss://"
                    + (scheme.startsWith("http") ? " (for " + scheme + "://, use " + scheme.replace("http", "ws") + "://)" : ""));
        }
        if (!scheme.equals(uri.getScheme())) {
            throw new IllegalArgumentException("'" + shown + "': write the scheme in lower case (" + scheme + "://)");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("'" + shown + "' has no host; expected " + scheme + "://host[:port]/path");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new IllegalArgumentException("'" + shown + "' has port " + uri.getPort() + "; ports go from 1 to 65535");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("'" + shown + "' has a fragment (#…); WebSocket URLs must not (RFC 6455 3)");
        }
    }
}
