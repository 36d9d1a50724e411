package dev.wsmon.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The test keystores in {@code src/test/resources/tls/} (see the README there) turned into
 * {@link SSLContext}s: a server context holding the key, and a client context that trusts exactly
 * that one certificate and nothing else (not the JDK's CAs).
 */
public final class TlsMaterial {

    /** CN=localhost, SAN dns:localhost and ip:127.0.0.1. */
    public static final String LOCALHOST = "localhost.p12";
    /** CN=other.example, SAN dns:other.example: a valid certificate for the wrong host. */
    public static final String OTHER_HOST = "other-host.p12";
    public static final String ALIAS = "wsmon";

    private static final char[] PASSWORD = "changeit".toCharArray();

    private TlsMaterial() {
    }

    /** Loads {@code tls/<name>} from the test class path. */
    public static KeyStore keyStore(String name) {
        String resource = "/tls/" + name;
        try (InputStream in = TlsMaterial.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test keystore " + resource + " on the class path");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot load " + resource, e);
        }
    }

    public static X509Certificate certificate(String name) {
        try {
            return (X509Certificate) keyStore(name).getCertificate(ALIAS);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no certificate " + ALIAS + " in " + name, e);
        }
    }

    /** A server context presenting the key and certificate of {@code name}. */
    public static SSLContext serverContext(String name) {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore(name), PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a server SSLContext from " + name, e);
        }
    }

    /** A client context whose only trust anchor is the certificate of {@code name}. */
    public static SSLContext clientContextTrusting(String name) {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry(ALIAS, certificate(name));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a client SSLContext trusting " + name, e);
        }
    }

    public static SSLContext localhostServer() {
        return serverContext(LOCALHOST);
    }

    public static SSLContext localhostClient() {
        return clientContextTrusting(LOCALHOST);
    }
}
