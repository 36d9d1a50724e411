package dev.wsmon.app.viewmodel;

/**
 * How a connection reaches its endpoint, as the user wrote it in the dialog's Network section or a profile: what is
 * shown, edited and saved. {@link NetworkResolver} turns it into the engine's proxy and TLS options.
 *
 * @param proxy {@code http://…} or {@code socks5://…}; {@code none}: no proxy; empty: the profile's default, else the
 *     environment's ({@code http_proxy}, {@code https_proxy}, {@code all_proxy}, {@code no_proxy})
 * @param ca a PEM file of CA certificates trusted besides the system's, or empty
 * @param clientCert a PEM certificate chain or a PKCS#12 file, or empty
 * @param clientKey the PEM key of a PEM certificate, or empty
 * @param clientCertPassword the PKCS#12 password or a {@code ${ENV}} reference to it, or empty; never shown
 * @param origin the handshake's {@code Origin}, or empty
 * @param compression offer permessage-deflate
 */
public record NetworkOptions(String proxy, String ca, String clientCert, String clientKey, String clientCertPassword,
                             String origin, boolean compression) {

    /** No proxy of its own, no files, no Origin, compression offered: as a browser connects. */
    public static final NetworkOptions NONE = new NetworkOptions("", "", "", "", "", "", true);

    public NetworkOptions {
        proxy = clean(proxy);
        ca = clean(ca);
        clientCert = clean(clientCert);
        clientKey = clean(clientKey);
        clientCertPassword = clientCertPassword == null ? "" : clientCertPassword;
        origin = clean(origin);
    }

    private static String clean(String s) {
        return s == null ? "" : s.strip();
    }

    /** Whether any TLS file is given. */
    public boolean hasTlsFiles() {
        return !ca.isEmpty() || !clientCert.isEmpty();
    }

    /** Never shows the certificate password nor a proxy password. */
    @Override
    public String toString() {
        return "NetworkOptions[proxy=" + (proxy.isEmpty() ? "-" : dev.wsmon.core.Redaction.url(proxy)) + ", ca="
                + (ca.isEmpty() ? "-" : ca) + ", clientCert=" + (clientCert.isEmpty() ? "-" : clientCert) + ", clientKey="
                + (clientKey.isEmpty() ? "-" : clientKey) + (clientCertPassword.isEmpty() ? "" : ", password ***")
                + ", origin=" + (origin.isEmpty() ? "-" : origin) + ", compression=" + compression + "]";
    }
}
