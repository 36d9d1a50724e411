package dev.wsmon.app.alerting;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where alerts go besides stdout and the window: {@code --alert-webhook URL} (profile {@code alerts.webhook}) and
 * {@code --alert-command CMD} (profile {@code alerts.command}). The webhook may hold {@code ${ENV}} references (a
 * Slack hook's path is its secret); they are expanded at send time and the URL is only ever shown as
 * {@link #shownWebhook}.
 */
public record AlertHooks(Optional<String> webhook, Optional<String> command) {

    public static final AlertHooks NONE = new AlertHooks(Optional.empty(), Optional.empty());
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*}");

    public AlertHooks {
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(command, "command");
        webhook.ifPresent(AlertHooks::checkWebhook);
        command.ifPresent(c -> {
            if (c.isBlank()) {
                throw new IllegalArgumentException("alert command must not be blank");
            }
        });
    }

    /** Each of {@code over}'s hooks where it has one, else this one's: flags over a profile. */
    public AlertHooks overriddenBy(AlertHooks over) {
        return new AlertHooks(over.webhook.or(() -> webhook), over.command.or(() -> command));
    }

    public boolean isEmpty() {
        return webhook.isEmpty() && command.isEmpty();
    }

    /**
     * Checks a webhook URL as written (its {@code ${ENV}} references stand for any text).
     *
     * @throws IllegalArgumentException saying what to write, without echoing the URL's secret parts
     */
    public static void checkWebhook(String template) {
        String probe = REFERENCE.matcher(template.trim()).replaceAll("x");
        try {
            URI u = new URI(probe);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
                return;
            }
        } catch (URISyntaxException e) {
            // the message below says what to write
        }
        throw new IllegalArgumentException("alert webhook must be an http:// or https:// URL with a host, e.g."
                + " https://hooks.example.com/services/${HOOK_TOKEN}");
    }

    /**
     * The webhook as it may be shown: scheme, host and port only (the path and query of a hook are its secret); empty
     * for text that names no host.
     */
    public static String shownWebhook(String template) {
        try {
            URI u = new URI(REFERENCE.matcher(template.trim()).replaceAll("x"));
            if (u.getScheme() == null || u.getHost() == null) {
                return "";
            }
            return u.getScheme() + "://" + u.getHost() + (u.getPort() == -1 ? "" : ":" + u.getPort()) + "/…";
        } catch (URISyntaxException e) {
            return "";
        }
    }
}
