package dev.wsmon.app.cli;

import dev.wsmon.app.headless.Header;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code 'Name: value'}. */
public final class HeaderConverter implements ITypeConverter<Header> {
    @Override
    public Header convert(String value) {
        try {
            return Header.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
