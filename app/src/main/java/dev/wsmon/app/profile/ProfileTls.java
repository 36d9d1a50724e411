package dev.wsmon.app.profile;

import java.util.Objects;
import java.util.Optional;

/**
 * A profile connection's {@code tls} object, as written: file paths (relative ones to the profile's folder) and
 * the PKCS#12 password template (a {@code ${ENV}} reference belongs here, not the password itself).
 */
public record ProfileTls(Optional<String> ca, Optional<String> clientCert, Optional<String> clientKey,
                         Optional<String> clientCertPassword) {

    public static final ProfileTls NONE = new ProfileTls(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    static final java.util.List<String> FIELDS = java.util.List.of("ca", "clientCert", "clientKey", "clientCertPassword");

    public ProfileTls {
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(clientCert, "clientCert");
        Objects.requireNonNull(clientKey, "clientKey");
        Objects.requireNonNull(clientCertPassword, "clientCertPassword");
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    /**
     * These fields over {@code defaults}: the CA file, and the client certificate with its own key and password
     * (a connection's certificate never takes the key or password of the defaults' one).
     */
    public ProfileTls over(ProfileTls defaults) {
        boolean ownCert = clientCert.isPresent();
        return new ProfileTls(ca.or(defaults::ca), ownCert ? clientCert : defaults.clientCert,
                ownCert ? clientKey : defaults.clientKey, ownCert ? clientCertPassword : defaults.clientCertPassword);
    }

    /** Never shows the password template's value. */
    @Override
    public String toString() {
        return "ProfileTls[ca=" + ca.orElse("-") + ", clientCert=" + clientCert.orElse("-") + ", clientKey="
                + clientKey.orElse("-") + (clientCertPassword.isPresent() ? ", password ***" : "") + "]";
    }
}
