package dev.wsmon.core;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The proxy for a URL from the environment, as curl reads it: {@code ws://} follows {@code http_proxy}
 * (curl ignores upper-case {@code HTTP_PROXY} only for CGI safety; wsmon is no CGI program, so it reads both),
 * {@code wss://} follows {@code https_proxy}/{@code HTTPS_PROXY}, then {@code all_proxy}/{@code ALL_PROXY};
 * {@code no_proxy}/{@code NO_PROXY} excludes hosts.
 */
public final class ProxyEnvironment {

    private ProxyEnvironment() {
    }

    /**
     * @param env looks a variable up; null when it is not set
     * @throws IllegalArgumentException naming the variable whose value is not a proxy URL
     */
    public static Optional<ProxySpec> forUri(URI uri, UnaryOperator<String> env) {
        String host = uri.getHost();
        if (host == null || excluded(host, first(env, "no_proxy", "NO_PROXY"))) {
            return Optional.empty();
        }
        String[] names = "wss".equals(uri.getScheme())
                ? new String[] {"https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"}
                : new String[] {"http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"};
        for (String name : names) {
            String value = env.apply(name);
            if (value != null && !value.isBlank()) {
                try {
                    return Optional.of(ProxySpec.parse(value));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("environment variable " + name + ": " + e.getMessage());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * curl's no_proxy rules: a comma list; {@code *} matches every host; an entry matches the host itself and
     * its subdomains, with or without a leading dot; IPv6 literals compare without brackets; no wildcards inside.
     */
    public static boolean excluded(String host, String noProxy) {
        if (noProxy == null || noProxy.isBlank()) {
            return false;
        }
        String h = bare(host).toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        for (String raw : noProxy.split(",")) {
            String entry = bare(raw.trim()).toLowerCase(Locale.ROOT);
            if (entry.equals("*")) {
                return true;
            }
            if (entry.startsWith(".")) {
                entry = entry.substring(1);
            }
            if (entry.endsWith(".")) {
                entry = entry.substring(0, entry.length() - 1);
            }
            if (entry.isEmpty()) {
                continue;
            }
            if (h.equals(entry) || h.endsWith("." + entry)) {
                return true;
            }
        }
        return false;
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String first(UnaryOperator<String> env, String lower, String upper) {
        String v = env.apply(lower);
        return v != null ? v : env.apply(upper);
    }
}
