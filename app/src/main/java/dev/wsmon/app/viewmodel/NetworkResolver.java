package dev.wsmon.app.viewmodel;

import dev.wsmon.core.ClientIdentity;
import dev.wsmon.core.HeaderTemplates;
import dev.wsmon.core.ProxyEnvironment;
import dev.wsmon.core.ProxySpec;
import dev.wsmon.core.Secret;
import dev.wsmon.core.TlsFileException;
import dev.wsmon.core.TlsFiles;
import dev.wsmon.core.TlsOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Turns {@link NetworkOptions} as written into what the engine uses, with the same rules as the command line: the
 * proxy (or the environment's), the CA and client certificate files read and checked now, the Origin normalised. Every
 * failure is an {@link IllegalArgumentException} with one sentence that says what to fix.
 */
public final class NetworkResolver {

    private final UnaryOperator<String> env;
    private final Supplier<Instant> now;

    /**
     * @param env the environment: proxy variables and {@code ${ENV}} references in the certificate password
     * @param now the time certificates must be valid at
     */
    public NetworkResolver(UnaryOperator<String> env, Supplier<Instant> now) {
        this.env = Objects.requireNonNull(env, "env");
        this.now = Objects.requireNonNull(now, "now");
    }

    /** The process's environment and the system clock. */
    public static NetworkResolver system() {
        return new NetworkResolver(System::getenv, Instant::now);
    }

    /** The proxy of a connection to {@code uri}: the written one, none, or the environment's. */
    public Optional<ProxySpec> proxy(String written, URI uri) {
        String p = written == null ? "" : written.strip();
        if (p.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        if (!p.isEmpty()) {
            return Optional.of(ProxySpec.parse(p));
        }
        return ProxyEnvironment.forUri(uri, env);
    }

    /** RFC 6454 7: {@code scheme://host[:port]}, scheme and host in lower case; empty stays empty. */
    public static String origin(String written) {
        String o = written == null ? "" : written.strip();
        if (o.isEmpty()) {
            return "";
        }
        try {
            URI u = new URI(o);
            if (u.getScheme() != null && u.getHost() != null && (u.getPath() == null || u.getPath().isEmpty()
                    || u.getPath().equals("/")) && u.getQuery() == null && u.getUserInfo() == null) {
                return u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getHost().toLowerCase(Locale.ROOT)
                        + (u.getPort() == -1 ? "" : ":" + u.getPort());
            }
        } catch (URISyntaxException e) {
            // the message below says what to write
        }
        throw new IllegalArgumentException("Origin " + o + ": write scheme://host[:port], e.g. https://app.example.com");
    }

    /** The client certificate and key, loaded and checked (expired, wrong password, key of another certificate). */
    public Optional<ClientIdentity> identity(NetworkOptions n) {
        if (n.clientCert().isEmpty()) {
            if (!n.clientKey().isEmpty()) {
                throw new IllegalArgumentException("Client key " + n.clientKey() + ": choose the certificate too");
            }
            return Optional.empty();
        }
        Optional<Secret> password = Optional.empty();
        if (!n.clientCertPassword().isEmpty()) {
            password = Optional.of(Secret.of(HeaderTemplates.expandValue("certificate password", n.clientCertPassword(),
                    env)));
        }
        try {
            return Optional.of(TlsFiles.clientIdentity(path(n.clientCert()),
                    n.clientKey().isEmpty() ? Optional.empty() : Optional.of(path(n.clientKey())), password, now.get()));
        } catch (TlsFileException e) {
            throw new IllegalArgumentException(inDialogTerms(e.getMessage()), e);
        }
    }

    /** Certificate checks on, with the CA file's certificates trusted besides the system's, and the client certificate. */
    public TlsOptions tls(NetworkOptions n) {
        TlsOptions tls = TlsOptions.VERIFY;
        if (!n.ca().isEmpty()) {
            try {
                tls = tls.withExtraCas(TlsFiles.caCertificates(path(n.ca())));
            } catch (TlsFileException e) {
                throw new IllegalArgumentException(inDialogTerms(e.getMessage()), e);
            }
        }
        return tls.withClient(identity(n));
    }

    /** The files' messages name the command line's flags; the dialog names its fields. */
    static String inDialogTerms(String message) {
        return message.replace("--client-cert-password", "the certificate password")
                .replace("--client-key FILE", "the client key file").replace("--client-cert ", "Client certificate ")
                .replace("--client-key ", "Client key ").replace("--ca ", "CA file ");
    }

    private static Path path(String file) {
        try {
            return Path.of(file);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(file + ": not a file name (" + e.getReason() + ")", e);
        }
    }
}
