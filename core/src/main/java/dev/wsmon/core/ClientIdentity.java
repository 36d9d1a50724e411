package dev.wsmon.core;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A client certificate for mutual TLS: the chain, leaf first, and its private key. Its {@code toString} shows
 * the subject only, so no log line can print the key.
 */
public record ClientIdentity(List<X509Certificate> chain, PrivateKey key) {

    public ClientIdentity {
        chain = List.copyOf(chain);
        Objects.requireNonNull(key, "key");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a client certificate chain holds at least one certificate");
        }
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    public String subject() {
        return certificate().getSubjectX500Principal().getName();
    }

    @Override
    public String toString() {
        return "ClientIdentity[" + subject() + ", expires " + certificate().getNotAfter().toInstant() + "]";
    }
}
