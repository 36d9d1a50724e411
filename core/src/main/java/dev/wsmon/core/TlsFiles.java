package dev.wsmon.core;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the certificate files a user names (a private CA, a client certificate and key) at start, so that a
 * bad file is one clear message naming it, not a mysterious handshake failure later.
 */
public final class TlsFiles {

    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");

    private TlsFiles() {
    }

    /** The CA certificates of a PEM file, one or more. */
    public static List<X509Certificate> caCertificates(Path file) throws TlsFileException {
        List<X509Certificate> certs = pemCertificates(file, "--ca");
        if (certs.isEmpty()) {
            throw new TlsFileException("--ca " + file + ": holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return certs;
    }

    /**
     * A client certificate: a PKCS#12 file ({@code .p12}/{@code .pfx}) with its password, or a PEM chain with a
     * PKCS#8 PEM key (RSA or EC).
     *
     * @param key the key file; required for a PEM chain, refused for PKCS#12
     * @param password the PKCS#12 password, already expanded
     * @param now the certificate must be valid then
     */
    public static ClientIdentity clientIdentity(Path cert, Optional<Path> key, Optional<Secret> password, Instant now)
            throws TlsFileException {
        ClientIdentity identity;
        if (isPkcs12(cert)) {
            if (key.isPresent()) {
                throw new TlsFileException("--client-key " + key.get() + ": a PKCS#12 file (" + cert
                        + ") holds its key; give --client-cert-password instead");
            }
            identity = pkcs12(cert, password.map(Secret::reveal).orElse(""));
        } else {
            if (key.isEmpty()) {
                throw new TlsFileException("--client-cert " + cert + ": a PEM certificate needs its key:"
                        + " add --client-key FILE (PKCS#8 PEM), or give a PKCS#12 .p12/.pfx file");
            }
            List<X509Certificate> chain = pemCertificates(cert, "--client-cert");
            if (chain.isEmpty()) {
                throw new TlsFileException("--client-cert " + cert + ": holds no PEM certificate"
                        + " (-----BEGIN CERTIFICATE-----); a PKCS#12 file must end in .p12 or .pfx");
            }
            PrivateKey privateKey = pemKey(key.get());
            if (!matches(privateKey, chain.get(0))) {
                throw new TlsFileException("--client-key " + key.get() + ": this key does not belong to the certificate in "
                        + cert + " (" + chain.get(0).getSubjectX500Principal().getName() + ")");
            }
            identity = new ClientIdentity(chain, privateKey);
        }
        X509Certificate leaf = identity.certificate();
        try {
            leaf.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw new TlsFileException("--client-cert " + cert + ": the certificate " + identity.subject() + " expired on "
                    + leaf.getNotAfter().toInstant() + "; servers refuse it");
        } catch (CertificateNotYetValidException e) {
            throw new TlsFileException("--client-cert " + cert + ": the certificate " + identity.subject()
                    + " is not valid before " + leaf.getNotBefore().toInstant());
        }
        return identity;
    }

    static boolean isPkcs12(Path file) {
        Path last = file.getFileName(); // none for a root such as "/"
        String name = last == null ? "" : last.toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".p12") || name.endsWith(".pfx");
    }

    private static ClientIdentity pkcs12(Path file, String password) throws TlsFileException {
        byte[] bytes = read(file, "--client-cert");
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), password.toCharArray());
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new TlsFileException("--client-cert " + file + ": wrong password"
                        + (password.isEmpty() ? " (none given: add --client-cert-password)" : " (--client-cert-password)"));
            }
            throw new TlsFileException("--client-cert " + file + ": not a readable PKCS#12 file (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            throw new TlsFileException("--client-cert " + file + ": not a readable PKCS#12 file (" + e.getMessage() + ")");
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                Key key = store.getKey(alias, password.toCharArray());
                Certificate[] chain = store.getCertificateChain(alias);
                if (key instanceof PrivateKey pk && chain != null && chain.length > 0) {
                    List<X509Certificate> certs = new ArrayList<>();
                    for (Certificate c : chain) {
                        certs.add((X509Certificate) c);
                    }
                    return new ClientIdentity(certs, pk);
                }
            }
        } catch (UnrecoverableKeyException e) {
            throw new TlsFileException("--client-cert " + file + ": wrong password for its key (--client-cert-password)");
        } catch (GeneralSecurityException e) {
            throw new TlsFileException("--client-cert " + file + ": cannot read its key (" + e.getMessage() + ")");
        }
        throw new TlsFileException("--client-cert " + file + ": holds no private key with a certificate");
    }

    private static List<X509Certificate> pemCertificates(Path file, String flag) throws TlsFileException {
        String text = new String(read(file, flag), StandardCharsets.US_ASCII);
        List<X509Certificate> certs = new ArrayList<>();
        Matcher m = PEM.matcher(text);
        boolean any = false;
        while (m.find()) {
            any = true;
            if (!m.group(1).equals("CERTIFICATE")) {
                continue;
            }
            try {
                byte[] der = Base64.getMimeDecoder().decode(m.group(2));
                certs.add((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der)));
            } catch (IllegalArgumentException | CertificateException e) {
                throw new TlsFileException(flag + " " + file + ": certificate " + (certs.size() + 1)
                        + " is not a valid X.509 certificate (" + e.getMessage() + ")");
            }
        }
        if (!any) {
            throw new TlsFileException(flag + " " + file + ": not a PEM file (no -----BEGIN CERTIFICATE----- line)");
        }
        return certs;
    }

    private static PrivateKey pemKey(Path file) throws TlsFileException {
        String text = new String(read(file, "--client-key"), StandardCharsets.US_ASCII);
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            switch (type) {
                case "PRIVATE KEY" -> {
                    byte[] der;
                    try {
                        der = Base64.getMimeDecoder().decode(m.group(2));
                    } catch (IllegalArgumentException e) {
                        throw new TlsFileException("--client-key " + file + ": the key is not valid base64");
                    }
                    for (String algorithm : List.of("RSA", "EC")) {
                        try {
                            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                        } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
                            // try the next algorithm
                        }
                    }
                    throw new TlsFileException("--client-key " + file + ": not an RSA or EC PKCS#8 key");
                }
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new TlsFileException("--client-key " + file + ": a "
                        + type.replace(" PRIVATE KEY", "") + " key in the old format; convert it to PKCS#8 with"
                        + " 'openssl pkcs8 -topk8 -nocrypt -in " + file.getFileName() + " -out key-pkcs8.pem'");
                case "ENCRYPTED PRIVATE KEY" -> throw new TlsFileException("--client-key " + file + ": the key is"
                        + " encrypted; decrypt it with 'openssl pkcs8 -in " + file.getFileName()
                        + " -out key-pkcs8.pem', or use a PKCS#12 file with --client-cert-password");
                default -> {
                    // a certificate in the same file: look further
                }
            }
        }
        throw new TlsFileException("--client-key " + file + ": no PEM private key in it (-----BEGIN PRIVATE KEY-----)");
    }

    /** Whether {@code key} signs what the certificate's public key verifies. */
    private static boolean matches(PrivateKey key, X509Certificate cert) {
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        if (!key.getAlgorithm().equals(cert.getPublicKey().getAlgorithm())) {
            return false;
        }
        try {
            byte[] probe = "wsmon key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static byte[] read(Path file, String flag) throws TlsFileException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readAllBytes();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new TlsFileException(flag + " " + file + ": no such file");
        } catch (IOException e) {
            throw new TlsFileException(flag + " " + file + ": cannot be read (" + e.getMessage() + ")");
        }
    }
}
