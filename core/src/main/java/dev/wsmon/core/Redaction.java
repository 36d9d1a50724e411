package dev.wsmon.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a URL is shown anywhere outside the wire (events, metrics labels, the desktop, logs): without user-info,
 * and with the value of every query parameter whose name looks like a secret replaced by {@value #MASK}.
 */
public final class Redaction {

    public static final String MASK = "***";

    /** Substrings of parameter names that carry credentials; erring on the side of hiding too much. */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "token|key|secret|sig|auth|pass|pwd|session|jwt|cred|private|bearer|cookie|ticket|code",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern USER_INFO = Pattern.compile("(?<=//)[^/?#\\s]*@");
    private static final Pattern PARAM = Pattern.compile("([?&;])([^=&;#\\s]*)=([^&;#\\s]*)");

    private Redaction() {
    }

    /** Whether a query parameter named {@code name} is assumed to hold a secret (any case; substrings count). */
    public static boolean secretName(String name) {
        return SECRET_NAME.matcher(name).find();
    }

    /** The URL as it may be shown: {@code ws://alice:pw@h/x?token=abc&v=1} becomes {@code ws://h/x?token=***&v=1}. */
    public static String url(URI uri) {
        if (uri.isOpaque() || uri.getHost() == null) {
            return scrub(uri.toString());
        }
        StringBuilder out = new StringBuilder();
        if (uri.getScheme() != null) {
            out.append(uri.getScheme()).append(':');
        }
        out.append("//").append(uri.getHost());
        if (uri.getPort() != -1) {
            out.append(':').append(uri.getPort());
        }
        out.append(uri.getRawPath() == null ? "" : uri.getRawPath());
        if (uri.getRawQuery() != null) {
            out.append(query("?" + uri.getRawQuery()));
        }
        return out.toString();
    }

    /** As {@link #url(URI)}, for text that may not even parse as a URL (e.g. in a usage message). */
    public static String url(String text) {
        try {
            return url(new URI(text.trim()));
        } catch (URISyntaxException e) {
            return scrub(text);
        }
    }

    private static String scrub(String text) {
        return query(USER_INFO.matcher(text).replaceAll(""));
    }

    private static String query(String text) {
        Matcher m = PARAM.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = secretName(decode(m.group(2))) ? MASK : m.group(3);
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + m.group(2) + "=" + value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String decode(String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return name;
        }
    }
}
