package dev.wsmon.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code ${ENV_NAME}} references in header values at connect time, so that secrets live in
 * the environment and never in a profile, a log or an event.
 */
public final class HeaderTemplates {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private HeaderTemplates() {
    }

    /**
     * @param env looks a variable up; null when it is not set
     * @throws IllegalArgumentException naming the header and the variable that is not set
     */
    public static Map<String, String> expand(Map<String, String> headers, UnaryOperator<String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, template) -> {
            Matcher m = REFERENCE.matcher(template);
            StringBuilder value = new StringBuilder();
            while (m.find()) {
                String resolved = env.apply(m.group(1));
                if (resolved == null) {
                    throw new IllegalArgumentException("header '" + name + "' refers to ${" + m.group(1)
                            + "}, which is not set in the environment");
                }
                m.appendReplacement(value, Matcher.quoteReplacement(resolved));
            }
            m.appendTail(value);
            out.put(name, value.toString());
        });
        return out;
    }
}
