package dev.wsmon.app.viewmodel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.StringWriter;

/**
 * Pretty-prints a JSON message for reading. Token by token (Jackson's streaming API), not through a tree, so what the
 * peer sent survives exactly: numbers keep their digits, keys their order, duplicate keys stay.
 */
public final class JsonPretty {

    private final JsonFactory factory = JsonFactory.builder().build();

    /**
     * The pretty text, or why it is not JSON.
     *
     * @param text the pretty-printed JSON, or the input unchanged when it is not JSON
     * @param problem empty when it is JSON, else what is wrong and where ("not JSON: … at line 1, column 2")
     */
    public record Result(String text, String problem) {

        public boolean json() {
            return problem.isEmpty();
        }
    }

    public Result pretty(String text) {
        StringWriter out = new StringWriter(text.length() + text.length() / 2);
        try (JsonParser parser = factory.createParser(text);
                JsonGenerator gen = factory.createGenerator(out)) {
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"))
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"));
            gen.setPrettyPrinter(printer);
            if (parser.nextToken() == null) {
                return new Result(text, "not JSON: the message is empty");
            }
            int depth = 0;
            do {
                JsonToken t = parser.currentToken();
                depth += t.isStructStart() ? 1 : t.isStructEnd() ? -1 : 0;
                if (t.isNumeric()) {
                    gen.writeNumber(parser.getText()); // as written: a float through BigDecimal would turn 1e400 into 1E+400
                } else {
                    gen.copyCurrentEvent(parser);
                }
            } while (depth > 0 && parser.nextToken() != null);
            if (parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                return new Result(text, "not JSON: more follows the first value, at line " + at.getLineNr()
                        + ", column " + at.getColumnNr());
            }
            gen.flush();
            return new Result(out.toString(), "");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            return new Result(text, "not JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        } catch (IOException e) {
            return new Result(text, "not JSON: " + e.getMessage()); // a StringWriter never fails; for the compiler
        }
    }
}
