package dev.wsmon.core.session;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Answers a received text message that fully matches {@link #regex()} with {@link #reply()}, in which {@code $1}…
 * stand for the regex's groups ({@code $0} for the whole message); any other {@code $} is literal.
 */
public final class Responder {

    /** Separates the regex from the reply in the command-line form {@code REGEX=>REPLY}. */
    public static final String ARROW = "=>";
    private static final Pattern GROUP_REF = Pattern.compile("\\$(\\d)");

    private final String regex;
    private final String reply;
    private final Pattern pattern;

    /**
     * @param where names the field in messages, e.g. {@code --respond} or {@code session.respond[2]}
     * @throws IllegalArgumentException naming {@code where}: an invalid regex, or a reply naming a group it lacks
     */
    public Responder(String where, String regex, String reply) {
        Objects.requireNonNull(regex, "regex");
        Objects.requireNonNull(reply, "reply");
        if (regex.isEmpty()) {
            throw new IllegalArgumentException(where + ": the regex is empty; write REGEX=>REPLY, e.g. 2=>3");
        }
        try {
            this.pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(where + ": '" + regex + "' is not a valid regex ("
                    + e.getDescription() + " near index " + e.getIndex() + ")");
        }
        int groups = pattern.matcher("").groupCount();
        Matcher refs = GROUP_REF.matcher(reply);
        while (refs.find()) {
            int n = Integer.parseInt(refs.group(1));
            if (n > groups) {
                throw new IllegalArgumentException(where + ": the reply refers to $" + n + " but '" + regex + "' has "
                        + groups + " group" + (groups == 1 ? "" : "s") + "; add (…) to the regex or drop $" + n);
            }
        }
        this.regex = regex;
        this.reply = reply;
    }

    /**
     * Reads the command-line form {@code REGEX=>REPLY} (split at the first {@code =>}).
     *
     * @throws IllegalArgumentException naming {@code where} and saying what to write
     */
    public static Responder parse(String where, String text) {
        int arrow = text.indexOf(ARROW);
        if (arrow < 0) {
            throw new IllegalArgumentException(where + " '" + text + "': write REGEX=>REPLY, e.g. '2=>3'");
        }
        return new Responder(where + " '" + text + "'", text.substring(0, arrow), text.substring(arrow + ARROW.length()));
    }

    public String regex() {
        return regex;
    }

    public String reply() {
        return reply;
    }

    /** The reply to {@code message}, if it fully matches. */
    public Optional<String> answer(String message) {
        Matcher m = pattern.matcher(message);
        if (!m.matches()) {
            return Optional.empty();
        }
        Matcher refs = GROUP_REF.matcher(reply);
        StringBuilder out = new StringBuilder();
        while (refs.find()) {
            String group = m.group(Integer.parseInt(refs.group(1)));
            refs.appendReplacement(out, Matcher.quoteReplacement(group == null ? "" : group));
        }
        refs.appendTail(out);
        return Optional.of(out.toString());
    }

    /** The command-line form. */
    @Override
    public String toString() {
        return regex + ARROW + reply;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Responder r && r.regex.equals(regex) && r.reply.equals(reply);
    }

    @Override
    public int hashCode() {
        return Objects.hash(regex, reply);
    }
}
