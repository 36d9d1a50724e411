package dev.wsmon.app.viewmodel;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wsmon.app.history.BundleSubject;
import dev.wsmon.core.HeaderTemplates;
import dev.wsmon.core.Redaction;
import dev.wsmon.core.Setting;
import dev.wsmon.core.Settings;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A connection as an evidence bundle describes it, and the secret values it holds: what the bundle redacts by rule,
 * and what it then searches for and masks wherever it is left (header values as written and as expanded from the
 * environment, the proxy password, the URL's user-info and secret-looking query values).
 */
public final class EvidenceSubject {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EvidenceSubject() {
    }

    /**
     * @param current the settings in effect (live tuning included); the profile's are {@code spec.settings()}
     * @param env looks an environment variable up, for the values the engine sends
     */
    public static BundleSubject of(ConnectionSpec spec, Settings current, UnaryOperator<String> env) {
        ObjectNode c = JSON.createObjectNode();
        c.put("name", spec.name());
        c.put("url", spec.url());
        ObjectNode headers = c.putObject("headers");
        spec.headers().forEach(headers::put);
        var sub = c.putArray("subprotocols");
        spec.subprotocols().forEach(sub::add);
        c.put("insecure", spec.insecure());
        spec.proxy().ifPresent(p -> c.put("proxy", p.display()));
        c.set("settings", settings(current));
        c.set("profileSettings", settings(spec.settings()));

        Set<String> secrets = new LinkedHashSet<>();
        spec.headers().forEach((name, value) -> {
            secrets.add(value);
            try {
                secrets.add(HeaderTemplates.expandValue("header '" + name + "'", value, env));
            } catch (IllegalArgumentException e) {
                // not set here: nothing expanded to leak
            }
        });
        spec.proxy().ifPresent(p -> p.password().ifPresent(pw -> secrets.add(pw.reveal())));
        try {
            URI uri = new URI(spec.url());
            if (uri.getRawUserInfo() != null) {
                secrets.add(uri.getRawUserInfo());
                String info = uri.getUserInfo();
                secrets.add(info);
                int colon = info.indexOf(':');
                if (colon >= 0) {
                    secrets.add(info.substring(colon + 1));
                }
            }
            if (uri.getRawQuery() != null) {
                for (String pair : uri.getRawQuery().split("[&;]")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0 && Redaction.secretName(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8))) {
                        secrets.add(pair.substring(eq + 1));
                        secrets.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            // the spec validated its URL; a value that still does not parse is redacted by rule only
        }
        secrets.removeIf(String::isBlank);
        return new BundleSubject(spec.name(), c, secrets);
    }

    private static ObjectNode settings(Settings s) {
        ObjectNode n = JSON.createObjectNode();
        for (Setting f : Setting.values()) {
            n.put(f.key(), f.display(f.get(s)));
        }
        return n;
    }
}
