package dev.wsmon.app.profile;

import dev.wsmon.core.Endpoint;
import dev.wsmon.core.Redaction;
import dev.wsmon.core.Settings;
import dev.wsmon.core.TlsOptions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import dev.wsmon.core.session.SessionLayer;
import dev.wsmon.core.ProxySpec;

/**
 * One connection of a {@link Profile}.
 *
 * @param name unique within the profile; the {@code conn} of headless events
 * @param url a {@code ws://} or {@code wss://} URL, kept as written
 * @param headers extra handshake headers, in order; values are templates ({@code ${ENV_NAME}} is expanded
 *     by the engine at connect time and never stored expanded)
 * @param subprotocols requested subprotocols, most preferred first
 * @param settings overrides of the profile's defaults for this connection
 * @param insecure accept any TLS certificate for any host name
 * @param tags free labels for people and filters
 * @param description free text for people; empty when absent
 * @param proxy the proxy URL as written ({@code http://…}, {@code socks5://…}, or {@code none}); empty: the
 *     profile's default, else the environment's
 * @param tls CA and client certificate files of this connection
 * @param origin the handshake's Origin header; empty when absent
 * @param session the feed session's fields of this connection (over the profile's {@code defaults.session})
 * @param compression whether to offer permessage-deflate; empty: the profile's default, else offered
 */
public record ConnectionProfile(
        String name,
        String url,
        Map<String, String> headers,
        List<String> subprotocols,
        SettingsOverrides settings,
        boolean insecure,
        List<String> tags,
        String description,
        Optional<String> proxy,
        ProfileTls tls,
        String origin,
        SessionLayer session,
        Optional<Boolean> compression) {

    public ConnectionProfile {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("connection name must not be blank");
        }
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        subprotocols = List.copyOf(subprotocols);
        Objects.requireNonNull(settings, "settings");
        tags = List.copyOf(tags);
        description = description == null ? "" : description;
        Objects.requireNonNull(tls, "tls");
        origin = origin == null ? "" : origin;
        new Endpoint(Endpoint.parseUri(url), headers, subprotocols, TlsOptions.VERIFY); // checks URL, header names, tokens
        Objects.requireNonNull(proxy, "proxy");
        proxy.ifPresent(ConnectionProfile::checkProxy);
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(compression, "compression");
    }

    /** A connection without feed-session fields. */
    public ConnectionProfile(String name, String url, Map<String, String> headers, List<String> subprotocols,
                             SettingsOverrides settings, boolean insecure, List<String> tags, String description,
                             Optional<String> proxy, ProfileTls tls, String origin) {
        this(name, url, headers, subprotocols, settings, insecure, tags, description, proxy, tls, origin, SessionLayer.NONE,
                Optional.empty());
    }

    public ConnectionProfile withSession(SessionLayer value) {
        return new ConnectionProfile(name, url, headers, subprotocols, settings, insecure, tags, description, proxy, tls,
                origin, value, compression);
    }

    /** @throws IllegalArgumentException when {@code proxy} is neither {@code none} nor a proxy URL */
    public static void checkProxy(String proxy) {
        if (!proxy.trim().equalsIgnoreCase("none")) {
            ProxySpec.parse(proxy);
        }
    }

    /** A connection without feed-session fields, with its compression choice. */
    public ConnectionProfile(String name, String url, Map<String, String> headers, List<String> subprotocols,
                             SettingsOverrides settings, boolean insecure, List<String> tags, String description,
                             Optional<String> proxy, ProfileTls tls, String origin, Optional<Boolean> compression) {
        this(name, url, headers, subprotocols, settings, insecure, tags, description, proxy, tls, origin, SessionLayer.NONE,
                compression);
    }

    public ConnectionProfile withCompression(Optional<Boolean> value) {
        return new ConnectionProfile(name, url, headers, subprotocols, settings, insecure, tags, description, proxy, tls,
                origin, session, value);
    }

    public ConnectionProfile withProxy(Optional<String> value) {
        return new ConnectionProfile(name, url, headers, subprotocols, settings, insecure, tags, description, value, tls,
                origin, session, compression);
    }

    /** A connection without a proxy of its own, TLS files or Origin. */
    public ConnectionProfile(String name, String url, Map<String, String> headers, List<String> subprotocols,
                             SettingsOverrides settings, boolean insecure, List<String> tags, String description) {
        this(name, url, headers, subprotocols, settings, insecure, tags, description, Optional.empty(), ProfileTls.NONE,
                "");
    }

    public ConnectionProfile withTls(ProfileTls value, String originValue) {
        return new ConnectionProfile(name, url, headers, subprotocols, settings, insecure, tags, description, proxy, value,
                originValue, session, compression);
    }

    public static ConnectionProfile of(String name, String url) {
        return new ConnectionProfile(name, url, Map.of(), List.of(), SettingsOverrides.NONE, false, List.of(), "");
    }

    /** The engine's endpoint: headers stay templates, expanded by the engine at connect time. */
    public Endpoint endpoint() {
        return new Endpoint(Endpoint.parseUri(url), headers, subprotocols,
                insecure ? TlsOptions.insecureTrustAll() : TlsOptions.VERIFY);
    }

    /**
     * {@link Settings#DEFAULTS} with the profile's defaults, then this connection's overrides.
     *
     * @throws IllegalArgumentException when the combination is invalid
     */
    public Settings settings(SettingsOverrides profileDefaults) {
        return profileDefaults.overriddenBy(settings).applyTo(Settings.DEFAULTS);
    }

    public ConnectionProfile withHeaders(Map<String, String> value) {
        return new ConnectionProfile(name, url, value, subprotocols, settings, insecure, tags, description, proxy, tls, origin, session, compression);
    }

    public ConnectionProfile withSubprotocols(List<String> value) {
        return new ConnectionProfile(name, url, headers, value, settings, insecure, tags, description, proxy, tls, origin, session, compression);
    }

    public ConnectionProfile withSettings(SettingsOverrides value) {
        return new ConnectionProfile(name, url, headers, subprotocols, value, insecure, tags, description, proxy, tls, origin, session, compression);
    }

    public ConnectionProfile withInsecure(boolean value) {
        return new ConnectionProfile(name, url, headers, subprotocols, settings, value, tags, description, proxy, tls, origin, session, compression);
    }

    public ConnectionProfile withTags(List<String> value) {
        return new ConnectionProfile(name, url, headers, subprotocols, settings, insecure, value, description, proxy, tls, origin, session, compression);
    }

    public ConnectionProfile withDescription(String value) {
        return new ConnectionProfile(name, url, headers, subprotocols, settings, insecure, tags, value, proxy, tls, origin, session, compression);
    }

    /** Shows no credential: the URL redacted, header names only. */
    @Override
    public String toString() {
        return "ConnectionProfile[" + name + ", " + Redaction.url(url) + ", headers " + headers.keySet() + ", subprotocols "
                + subprotocols + ", settings " + settings + (insecure ? ", insecure" : "") + ", tags " + tags
                + proxy.map(p -> p.trim().equalsIgnoreCase("none") ? ", proxy none" : ", proxy " + ProxySpec.parse(p)).orElse("") + "]";
    }
}
