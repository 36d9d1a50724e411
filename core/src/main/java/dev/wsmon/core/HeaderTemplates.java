package dev.wsmon.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code ${ENV_NAME}} references in header values at connect time, so that secrets live in
 * the environment and never in a profile, a log or an event. Every value taken from the environment is checked
 * with {@link FieldValues} before it is used: a variable holding CR/LF must not add header lines.
 */
public final class HeaderTemplates {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private HeaderTemplates() {
    }

    /**
     * @param env looks a variable up; null when it is not set
     * @throws IllegalArgumentException naming the header and the variable that is not set or not fit for a header
     */
    public static Map<String, Secret> expand(Map<String, Secret> headers, UnaryOperator<String> env) {
        Map<String, Secret> out = new LinkedHashMap<>();
        headers.forEach((name, template) ->
                out.put(name, Secret.of(expandValue("header '" + name + "'", template.reveal(), env))));
        return out;
    }

    /**
     * Expands one template bound for an HTTP field (a header value, a proxy credential, …).
     *
     * @param where names the field in a message, e.g. {@code header 'Authorization'}
     * @throws IllegalArgumentException naming {@code where} and the variable, never its value
     */
    public static String expandValue(String where, String template, UnaryOperator<String> env) {
        return expand(where, template, env, true);
    }

    /**
     * Expands one template bound for a WebSocket message (an on-open message, a heartbeat): any value is fit, line
     * breaks included; the result holds secrets and must never be shown.
     *
     * @throws IllegalArgumentException naming {@code where} and the variable that is not set, never a value
     */
    public static String expandMessage(String where, String template, UnaryOperator<String> env) {
        return expand(where, template, env, false);
    }

    /** Whether {@code template} refers to a variable at all. */
    public static boolean hasReference(String template) {
        return REFERENCE.matcher(template).find();
    }

    private static String expand(String where, String template, UnaryOperator<String> env, boolean httpField) {
        Matcher m = REFERENCE.matcher(template);
        StringBuilder value = new StringBuilder();
        while (m.find()) {
            String variable = m.group(1);
            String resolved = env.apply(variable);
            if (resolved == null) {
                throw new IllegalArgumentException(where + " refers to ${" + variable
                        + "}, which is not set in the environment");
            }
            Optional<String> problem = httpField ? FieldValues.problem(resolved) : Optional.empty();
            if (problem.isPresent()) {
                throw new IllegalArgumentException(where + " refers to ${" + variable + "}, whose value holds "
                        + problem.get() + "; a header value must not contain CR, LF or NUL, so it is not sent");
            }
            m.appendReplacement(value, Matcher.quoteReplacement(resolved));
        }
        m.appendTail(value);
        return value.toString();
    }
}
