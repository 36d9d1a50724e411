package dev.wsmon.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A private CA made at test time with the JDK's {@code keytool} (a real child process), and certificates it
 * signs: servers, RSA and EC clients, expired ones. Files land in the given directory as PKCS#12 ({@code .p12},
 * password {@link #PASSWORD}) and as PEM (chain {@code NAME.pem}, PKCS#8 key {@code NAME.key.pem}).
 */
public final class TestPki {

    public static final String PASSWORD = "changeit";
    private static final long KEYTOOL_TIMEOUT_S = 60;

    private final Path dir;
    private final String caName;

    private TestPki(Path dir, String caName) {
        this.dir = dir;
        this.caName = caName;
    }

    /** A new self-signed CA called {@code name} in {@code dir}; its certificate is {@code NAME.pem}. */
    public static TestPki create(Path dir, String name) {
        TestPki pki = new TestPki(dir, name);
        pki.keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + name,
                "-ext", "bc:c", "-validity", "30", "-startdate", "-1d", "-keystore", name + ".p12");
        pki.keytool("-exportcert", "-rfc", "-alias", name, "-keystore", name + ".p12", "-file", name + ".pem");
        return pki;
    }

    public Path dir() {
        return dir;
    }

    /** The CA's certificate, PEM. */
    public Path caPem() {
        return dir.resolve(caName + ".pem");
    }

    /**
     * A key pair for {@code name} signed by this CA, as {@code NAME.p12}, {@code NAME.pem} (leaf then CA) and
     * {@code NAME.key.pem}.
     *
     * @param keyalg RSA or EC
     * @param san the subjectAltName extension, e.g. {@code dns:localhost,ip:127.0.0.1}, or null
     * @param startdate keytool's -startdate, e.g. {@code -1d}, or {@code 2020/01/01 00:00:00} for an expired one
     */
    public Path issue(String name, String keyalg, String san, String startdate, int validityDays) {
        String store = name + ".p12";
        keytool("-genkeypair", "-alias", name, "-keyalg", keyalg, "-dname", "CN=" + name, "-keystore", store);
        keytool("-certreq", "-alias", name, "-keystore", store, "-file", name + ".csr");
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", caName, "-keystore", caName + ".p12",
                "-infile", name + ".csr", "-outfile", name + ".signed.pem", "-startdate", startdate,
                "-validity", Integer.toString(validityDays)));
        if (san != null) {
            gencert.addAll(List.of("-ext", "SAN=" + san));
        }
        keytool(gencert.toArray(new String[0]));
        keytool("-importcert", "-noprompt", "-alias", caName, "-file", caName + ".pem", "-keystore", store);
        keytool("-importcert", "-noprompt", "-alias", name, "-file", name + ".signed.pem", "-keystore", store);
        writePem(name);
        return dir.resolve(store);
    }

    /** A server context holding {@code NAME.p12}'s key, trusting this CA for client certificates. */
    public SSLContext serverContext(String name) {
        try {
            KeyStore keys = load(dir.resolve(name + ".p12"));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, PASSWORD.toCharArray());
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", load(dir.resolve(caName + ".p12")).getCertificate(caName));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writePem(String name) {
        try {
            KeyStore store = load(dir.resolve(name + ".p12"));
            StringBuilder chain = new StringBuilder();
            Certificate[] certs = store.getCertificateChain(name);
            for (Certificate c : certs) {
                chain.append(pem("CERTIFICATE", c.getEncoded()));
            }
            Files.writeString(dir.resolve(name + ".pem"), chain, StandardCharsets.US_ASCII);
            Key key = store.getKey(name, PASSWORD.toCharArray());
            Files.writeString(dir.resolve(name + ".key.pem"), pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static KeyStore load(Path file) throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void keytool(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass", PASSWORD, "-keypass", PASSWORD, "-storetype", "PKCS12"));
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(KEYTOOL_TIMEOUT_S, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: "
                        + new String(out, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
