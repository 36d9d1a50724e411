package dev.wsmon.core;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How a {@code wss://} connection checks the server, and what it shows of itself. By default the certificate
 * chain and the host name are verified against the JDK's trust store.
 *
 * @param insecure accept any certificate for any host name; for testing only
 * @param context trust (and client keys) to use instead of the JDK default; the host name is still checked
 * @param extraCas CA certificates trusted in addition to the JDK's trust store (a private CA)
 * @param client the client certificate for mutual TLS
 */
public record TlsOptions(boolean insecure, Optional<SSLContext> context, List<X509Certificate> extraCas,
                         Optional<ClientIdentity> client) {

    public static final TlsOptions VERIFY = new TlsOptions(false, Optional.empty());

    public TlsOptions {
        Objects.requireNonNull(context, "context");
        extraCas = List.copyOf(extraCas);
        Objects.requireNonNull(client, "client");
        if (insecure && context.isPresent()) {
            throw new IllegalArgumentException("choose either insecure or a trust context, not both");
        }
        if (context.isPresent() && (!extraCas.isEmpty() || client.isPresent())) {
            throw new IllegalArgumentException("a trust context replaces CA certificates and client certificates");
        }
    }

    public TlsOptions(boolean insecure, Optional<SSLContext> context) {
        this(insecure, context, List.of(), Optional.empty());
    }

    public static TlsOptions insecureTrustAll() {
        return new TlsOptions(true, Optional.empty());
    }

    public static TlsOptions trusting(SSLContext context) {
        return new TlsOptions(false, Optional.of(context));
    }

    /** These options, also trusting {@code cas} besides the system's trust store. */
    public TlsOptions withExtraCas(List<X509Certificate> cas) {
        return new TlsOptions(insecure, context, cas, client);
    }

    /** These options, showing {@code identity} when the server asks for a client certificate. */
    public TlsOptions withClient(Optional<ClientIdentity> identity) {
        return new TlsOptions(insecure, context, extraCas, identity);
    }

    /** Names the CAs and the client certificate's subject; never key material. */
    @Override
    public String toString() {
        return "TlsOptions[" + (insecure ? "insecure" : "verify") + (context.isPresent() ? ", own context" : "")
                + (extraCas.isEmpty() ? "" : ", " + extraCas.size() + " extra CA(s)")
                + client.map(c -> ", client " + c.subject()).orElse("") + "]";
    }
}
