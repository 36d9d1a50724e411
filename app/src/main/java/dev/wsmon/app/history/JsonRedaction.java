package dev.wsmon.app.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.wsmon.core.Redaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Redacts a JSON tree that leaves the machine (the evidence bundle), by the rules of {@link Redaction} and more,
 * erring on the side of hiding too much: every header value; every string under a name that looks like a secret
 * ({@link Redaction#secretName}); every {@code ${ENV}} template; URLs without user-info and with secret-looking query
 * values masked; any text that carries a secret-looking {@code name=value} or {@code "name":value} (an on-open login
 * message, say) as a whole.
 */
public final class JsonRedaction {

    private static final Pattern URL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://\\S*$");
    private static final Pattern SECRET_PAIR = Pattern.compile(
            "(token|key|secret|sig|auth|pass|pwd|session|jwt|cred|private|bearer|cookie|ticket)[\\w-]*\"?\\s*[:=]",
            Pattern.CASE_INSENSITIVE);

    private JsonRedaction() {
    }

    /** Redacts {@code node} in place and returns it. */
    public static JsonNode redact(JsonNode node) {
        walk(node, null, false);
        return node;
    }

    private static void walk(JsonNode node, String name, boolean headers) {
        if (node instanceof ObjectNode o) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            o.fields().forEachRemaining(fields::add);
            boolean inHeaders = name != null && name.equalsIgnoreCase("headers");
            for (Map.Entry<String, JsonNode> f : fields) {
                if (f.getValue().isValueNode() && !f.getValue().isNull()) {
                    String shown = inHeaders ? Redaction.MASK : text(f.getKey(), f.getValue());
                    if (shown != null) {
                        o.set(f.getKey(), TextNode.valueOf(shown));
                    }
                } else {
                    walk(f.getValue(), f.getKey(), inHeaders);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                JsonNode v = a.get(i);
                if (v.isTextual()) {
                    a.set(i, TextNode.valueOf(headers ? Redaction.MASK : text(name, v)));
                } else {
                    walk(v, name, headers);
                }
            }
        }
    }

    /** The string as it may be shown, or null to leave a number or boolean as it is (a close code is not a secret). */
    private static String text(String name, JsonNode value) {
        return value.isTextual() ? string(name, value.asText()) : null;
    }

    /** A string value under {@code name} as it may be shown. */
    public static String string(String name, String value) {
        if (value.isEmpty()) {
            return value;
        }
        if (value.contains("${")) {
            return Redaction.MASK;
        }
        if (URL.matcher(value.trim()).matches()) {
            return Redaction.url(value);
        }
        if (name != null && Redaction.secretName(name)) {
            return Redaction.MASK;
        }
        if (SECRET_PAIR.matcher(value).find()) {
            return Redaction.MASK;
        }
        return Redaction.url(value); // user-info and secret query values inside free text
    }
}
