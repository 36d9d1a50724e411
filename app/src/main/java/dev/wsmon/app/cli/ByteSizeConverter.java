package dev.wsmon.app.cli;

import dev.wsmon.app.profile.ByteSizes;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Bytes ({@code 1048576}) or binary multiples ({@code 512KiB}, {@code 16MiB}, {@code 1GiB}). */
public final class ByteSizeConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        try {
            return ByteSizes.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
