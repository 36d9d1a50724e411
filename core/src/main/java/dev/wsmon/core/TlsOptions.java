package dev.wsmon.core;

import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How a {@code wss://} connection checks the server. By default the certificate chain and the host name
 * are verified against the JDK's trust store.
 *
 * @param insecure accept any certificate for any host name; for testing only
 * @param context trust (and client keys) to use instead of the JDK default; the host name is still checked
 */
public record TlsOptions(boolean insecure, Optional<SSLContext> context) {

    public static final TlsOptions VERIFY = new TlsOptions(false, Optional.empty());

    public TlsOptions {
        if (insecure && context.isPresent()) {
            throw new IllegalArgumentException("choose either insecure or a trust context, not both");
        }
    }

    public static TlsOptions insecureTrustAll() {
        return new TlsOptions(true, Optional.empty());
    }

    public static TlsOptions trusting(SSLContext context) {
        return new TlsOptions(false, Optional.of(context));
    }
}
