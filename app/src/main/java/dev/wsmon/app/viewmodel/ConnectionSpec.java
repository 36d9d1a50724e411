package dev.wsmon.app.viewmodel;

import dev.wsmon.core.Endpoint;
import dev.wsmon.core.Redaction;
import dev.wsmon.core.Settings;
import dev.wsmon.core.TlsOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import dev.wsmon.core.ProxySpec;
import dev.wsmon.core.session.SessionConfig;

/**
 * A connection as the user (or a profile) defined it: what open/save and the editor deal in.
 *
 * @param headers extra handshake headers; values may be {@code ${ENV}} templates, expanded by the engine
 * @param insecure skip certificate and host name checks (shown in red)
 * @param settings the profile's values: what "revert to profile" restores
 * @param demo a connection of the embedded demo, never saved into a profile
 * @param proxy the proxy its attempts go through, as the launch pipeline resolved it (flag, profile, environment)
 * @param network proxy, TLS files, Origin and compression as written (the dialog's Network section, the profile)
 * @param tls the certificate checks when not {@code insecure}: the system's CAs plus the CA file, and the client
 *     certificate, as resolved from {@code network} (or the launch pipeline)
 * @param session its feed session (on-open messages, responders, heartbeat)
 */
public record ConnectionSpec(String name, String url, Map<String, String> headers, List<String> subprotocols,
                             boolean insecure, Settings settings, boolean demo, Optional<ProxySpec> proxy,
                             NetworkOptions network, TlsOptions tls, SessionConfig session) {

    public ConnectionSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("connection name must not be blank");
        }
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        subprotocols = List.copyOf(subprotocols);
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(session, "session");
        endpoint(url, headers, subprotocols, insecure, network, tls); // validates URL, headers, subprotocols and Origin
    }

    /** A connection with the network options as the browser's: no files, no Origin, compression offered. */
    public ConnectionSpec(String name, String url, Map<String, String> headers, List<String> subprotocols,
                          boolean insecure, Settings settings, boolean demo, Optional<ProxySpec> proxy) {
        this(name, url, headers, subprotocols, insecure, settings, demo, proxy, NetworkOptions.NONE, TlsOptions.VERIFY);
    }

    /** A connection with its network options and no feed session. */
    public ConnectionSpec(String name, String url, Map<String, String> headers, List<String> subprotocols,
                          boolean insecure, Settings settings, boolean demo, Optional<ProxySpec> proxy,
                          NetworkOptions network, TlsOptions tls) {
        this(name, url, headers, subprotocols, insecure, settings, demo, proxy, network, tls, SessionConfig.NONE);
    }

    /** A connection with a feed session and the browser's network options. */
    public ConnectionSpec(String name, String url, Map<String, String> headers, List<String> subprotocols,
                          boolean insecure, Settings settings, boolean demo, Optional<ProxySpec> proxy,
                          SessionConfig session) {
        this(name, url, headers, subprotocols, insecure, settings, demo, proxy, NetworkOptions.NONE, TlsOptions.VERIFY,
                session);
    }

    public ConnectionSpec withSession(SessionConfig value) {
        return new ConnectionSpec(name, url, headers, subprotocols, insecure, settings, demo, proxy, network, tls, value);
    }

    /** A connection without a proxy. */
    public ConnectionSpec(String name, String url, Map<String, String> headers, List<String> subprotocols,
                          boolean insecure, Settings settings, boolean demo) {
        this(name, url, headers, subprotocols, insecure, settings, demo, Optional.empty());
    }

    public static ConnectionSpec of(String name, String url, Settings settings) {
        return new ConnectionSpec(name, url, Map.of(), List.of(), false, settings, false);
    }

    /** The engine's endpoint, through its proxy if it has one, with the Origin and compression of {@link #network}. */
    public Endpoint endpoint() {
        return endpoint(url, headers, subprotocols, insecure, network, tls).withProxy(proxy);
    }

    private static Endpoint endpoint(String url, Map<String, String> headers, List<String> subprotocols, boolean insecure,
                                     NetworkOptions network, TlsOptions tls) {
        Map<String, String> all = headers;
        if (!network.origin().isEmpty()) {
            all = new LinkedHashMap<>(headers);
            all.keySet().removeIf(k -> k.equalsIgnoreCase("Origin"));
            all.put("Origin", NetworkResolver.origin(network.origin()));
        }
        return new Endpoint(Endpoint.parseUri(url), all, subprotocols, insecure ? TlsOptions.insecureTrustAll() : tls)
                .withCompression(network.compression());
    }

    /** The URL as the table, the log and dialogs show it: no user-info, secret-looking query values masked. */
    public String displayUrl() {
        return Redaction.url(url);
    }

    /** Shows no credential: the URL redacted and header names only. */
    @Override
    public String toString() {
        return "ConnectionSpec[" + name + ", " + displayUrl() + ", headers " + headers.keySet() + ", subprotocols "
                + subprotocols + (insecure ? ", insecure" : "") + (demo ? ", demo" : "")
                + proxy.map(p -> ", proxy " + p.display()).orElse("")
                + (network.equals(NetworkOptions.NONE) ? "" : ", " + network) + "]";
    }

    public ConnectionSpec withSettings(Settings value) {
        return new ConnectionSpec(name, url, headers, subprotocols, insecure, value, demo, proxy, network, tls, session);
    }

    /** @param resolvedProxy {@code value}'s proxy, resolved; @param resolvedTls {@code value}'s TLS, resolved */
    public ConnectionSpec withNetwork(NetworkOptions value, Optional<ProxySpec> resolvedProxy, TlsOptions resolvedTls) {
        return new ConnectionSpec(name, url, headers, subprotocols, insecure, settings, demo, resolvedProxy, value,
                resolvedTls, session);
    }
}
