package dev.wsmon.app.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A decimal number such as {@code 2} or {@code 0.5}. */
public final class NumberConverter implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
        try {
            double d = Double.parseDouble(value.trim());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new TypeConversionException("'" + value + "' is not a number; write e.g. 2 or 0.5");
    }
}
