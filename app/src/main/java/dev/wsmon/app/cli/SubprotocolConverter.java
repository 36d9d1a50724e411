package dev.wsmon.app.cli;

import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A subprotocol name: an HTTP token (RFC 6455 4.1). */
public final class SubprotocolConverter implements ITypeConverter<String> {

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    @Override
    public String convert(String value) {
        if (!TOKEN.matcher(value).matches()) {
            throw new TypeConversionException("'" + value + "' is not a valid subprotocol name (letters, digits and"
                    + " !#$%&'*+.^_`|~- only)");
        }
        return value;
    }
}
