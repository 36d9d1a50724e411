package dev.wsmon.app.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A TCP port, 0 to 65535 (0: any free port). */
public final class PortConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new TypeConversionException("'" + value + "' is not a port; write a number from 1 to 65535 (0: any free port)");
    }
}
