package dev.wsmon.core.transport;

import java.io.IOException;

/** The proxy could not be reached or would not open the tunnel; the message names the proxy, never its password. */
final class ProxyFailedException extends IOException {

    private final int httpStatus;

    ProxyFailedException(String message, int httpStatus, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    /** The HTTP proxy's status line code, or 0 where it did not answer (or is SOCKS). */
    int httpStatus() {
        return httpStatus;
    }
}
