package dev.wsmon.app.cli;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code light} or {@code dark}. */
public final class ThemeConverter implements ITypeConverter<String> {

    @Override
    public String convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!v.equals("light") && !v.equals("dark")) {
            throw new TypeConversionException("'" + value + "' is not a theme; use light or dark");
        }
        return v;
    }
}
