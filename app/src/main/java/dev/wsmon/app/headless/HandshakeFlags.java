package dev.wsmon.app.headless;

import dev.wsmon.core.Secret;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The command line's TLS and handshake flags, as written: files are read and checked by {@link PlanBuilder}.
 *
 * @param ca {@code --ca}: PEM CA certificates trusted besides the system's
 * @param clientCert {@code --client-cert}: PEM chain or PKCS#12
 * @param clientKey {@code --client-key}: PKCS#8 PEM key of a PEM chain
 * @param clientCertPassword {@code --client-cert-password}, a template that may refer to {@code ${ENV}}
 * @param origin {@code --origin}: the handshake's Origin header
 * @param noCompression {@code --no-compression}: do not offer permessage-deflate
 */
public record HandshakeFlags(Optional<Path> ca, Optional<Path> clientCert, Optional<Path> clientKey,
                             Optional<Secret> clientCertPassword, Optional<String> origin, boolean noCompression) {

    public static final HandshakeFlags NONE = new HandshakeFlags(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), false);

    /** Flags that leave compression offered. */
    public HandshakeFlags(Optional<Path> ca, Optional<Path> clientCert, Optional<Path> clientKey,
                          Optional<Secret> clientCertPassword, Optional<String> origin) {
        this(ca, clientCert, clientKey, clientCertPassword, origin, false);
    }

    public HandshakeFlags {
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(clientCert, "clientCert");
        Objects.requireNonNull(clientKey, "clientKey");
        Objects.requireNonNull(clientCertPassword, "clientCertPassword");
        Objects.requireNonNull(origin, "origin");
    }
}
