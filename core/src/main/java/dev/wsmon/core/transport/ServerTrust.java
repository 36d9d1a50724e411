package dev.wsmon.core.transport;

import dev.wsmon.core.ClientIdentity;
import dev.wsmon.core.TlsOptions;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.LongSupplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's certificate checks (chain to a trusted CA, validity, host name), trusting the system's store and the
 * user's private CAs together, with a refusal said as which check failed: unknown issuer, expired, or the
 * wrong host name with the names the certificate has.
 */
final class ServerTrust extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager delegate;
    private final String host;
    private final boolean privateCas;
    private final LongSupplier epochMillis;

    private ServerTrust(X509ExtendedTrustManager delegate, String host, boolean privateCas, LongSupplier epochMillis) {
        this.delegate = delegate;
        this.host = host;
        this.privateCas = privateCas;
        this.epochMillis = epochMillis;
    }

    /** A context for {@code tls}: the system's CAs plus its extra CAs, and its client certificate if any. */
    static SSLContext context(TlsOptions tls, String host, LongSupplier epochMillis) {
        try {
            TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            system.init((KeyStore) null);
            X509ExtendedTrustManager trust = extended(system.getTrustManagers());
            if (!tls.extraCas().isEmpty()) {
                KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
                anchors.load(null, null);
                int n = 0;
                for (X509Certificate ca : trust.getAcceptedIssuers()) {
                    anchors.setCertificateEntry("system-" + n++, ca);
                }
                for (X509Certificate ca : tls.extraCas()) {
                    anchors.setCertificateEntry("private-" + n++, ca);
                }
                TrustManagerFactory both = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                both.init(anchors);
                trust = extended(both.getTrustManagers());
            }
            KeyManager[] keys = tls.client().isPresent() ? keyManagers(tls.client().get()) : null;
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, new TrustManager[] {new ServerTrust(trust, host, !tls.extraCas().isEmpty(), epochMillis)}, null);
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("TLS is not available in this JVM", e);
        }
    }

    private static KeyManager[] keyManagers(ClientIdentity identity) throws GeneralSecurityException, java.io.IOException {
        char[] transientPassword = "wsmon".toCharArray(); // guards nothing: the store lives only in this context
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", identity.key(), transientPassword, identity.chain().toArray(new X509Certificate[0]));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, transientPassword);
        return factory.getKeyManagers();
    }

    private static X509ExtendedTrustManager extended(TrustManager[] managers) {
        for (TrustManager m : managers) {
            if (m instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new IllegalStateException("the JDK offers no X509 trust manager");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            throw new Refused(explain(e, chain), e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw new Refused(explain(e, chain), e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw new Refused(explain(e, chain), e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    /** Which check refused the chain, in the user's words. */
    String explain(CertificateException e, X509Certificate[] chain) {
        if (chain == null || chain.length == 0) {
            return "the server sent no certificate";
        }
        X509Certificate leaf = chain[0];
        Instant now = Instant.ofEpochMilli(epochMillis.getAsLong());
        for (X509Certificate c : chain) {
            if (c.getNotAfter().toInstant().isBefore(now) && (has(e, CertificateExpiredException.class) || expiredReason(e))) {
                return "the server's certificate " + (c == leaf ? "" : "chain (" + subject(c) + ") ") + "expired on "
                        + c.getNotAfter().toInstant() + " (certificate " + subject(c) + ")";
            }
        }
        if (has(e, CertificateNotYetValidException.class)) {
            return "the server's certificate " + subject(leaf) + " is not valid before " + leaf.getNotBefore().toInstant()
                    + "; check this machine's clock";
        }
        if (has(e, CertPathBuilderException.class) || has(e, CertPathValidatorException.class)) {
            X509Certificate top = chain[chain.length - 1];
            return "the server's certificate is not trusted: unknown issuer " + issuer(top) + " (not in the system's trust"
                    + " store" + (privateCas ? " nor in --ca" : "") + "); if it is a private CA, trust it with --ca FILE";
        }
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("No subject alternative") || message.startsWith("No name matching")) {
            return "the server's certificate is for " + names(leaf) + ", not " + host + " (wrong host name)";
        }
        return "the server's certificate was refused: " + message;
    }

    private static boolean expiredReason(CertificateException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof CertPathValidatorException v && v.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                return true;
            }
        }
        return false;
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String subject(X509Certificate c) {
        return "'" + c.getSubjectX500Principal().getName() + "'";
    }

    private static String issuer(X509Certificate c) {
        return "'" + c.getIssuerX500Principal().getName() + "'";
    }

    /** The DNS names and IP addresses of the certificate, else its subject. */
    static String names(X509Certificate c) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alt = c.getSubjectAlternativeNames();
            if (alt != null) {
                for (List<?> entry : alt) {
                    Object type = entry.get(0);
                    if (Integer.valueOf(2).equals(type) || Integer.valueOf(7).equals(type)) { // dNSName, iPAddress
                        names.add(String.valueOf(entry.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // fall back to the subject
        }
        return names.isEmpty() ? subject(c) : String.join(", ", names);
    }

    /** A refusal whose message is already in the user's words. */
    static final class Refused extends CertificateException {
        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
