package dev.wsmon.app.viewmodel;

import dev.wsmon.core.ClientIdentity;
import dev.wsmon.core.ProxySpec;
import dev.wsmon.core.TlsOptions;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The connection dialog's Network section: proxy, CA file, client certificate (with its key and password), Origin and
 * the compression offer. Checked as typed, files included: a wrong password, a key of another certificate or an
 * expired certificate is an error here, not a failed handshake later; a chosen certificate shows its subject and expiry.
 */
public final class NetworkEditorViewModel {

    /** What an empty proxy field means. */
    public static final String PROXY_HINT = "empty: the profile's default, else the environment (http_proxy, https_proxy,"
            + " all_proxy, no_proxy); none: no proxy";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private final NetworkResolver resolver;
    /** What the edited connection had; null for a new connection, whose empty proxy means the environment's. */
    private NetworkOptions loaded;
    private Optional<ProxySpec> loadedProxy = Optional.empty();
    private TlsOptions loadedTls = TlsOptions.VERIFY;

    private final StringProperty proxy = new SimpleStringProperty(this, "proxy", "");
    private final StringProperty ca = new SimpleStringProperty(this, "ca", "");
    private final StringProperty clientCert = new SimpleStringProperty(this, "clientCert", "");
    private final StringProperty clientKey = new SimpleStringProperty(this, "clientKey", "");
    private final StringProperty clientCertPassword = new SimpleStringProperty(this, "clientCertPassword", "");
    private final StringProperty origin = new SimpleStringProperty(this, "origin", "");
    private final BooleanProperty offerCompression = new SimpleBooleanProperty(this, "offerCompression", true);

    private final ReadOnlyStringWrapper proxyError = new ReadOnlyStringWrapper(this, "proxyError", "");
    private final ReadOnlyStringWrapper caError = new ReadOnlyStringWrapper(this, "caError", "");
    private final ReadOnlyStringWrapper certificate = new ReadOnlyStringWrapper(this, "certificate", "");
    private final ReadOnlyStringWrapper certificateError = new ReadOnlyStringWrapper(this, "certificateError", "");
    private final ReadOnlyStringWrapper originError = new ReadOnlyStringWrapper(this, "originError", "");
    private final ReadOnlyStringWrapper passwordNote = new ReadOnlyStringWrapper(this, "passwordNote", "");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid", true);

    public NetworkEditorViewModel(NetworkResolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        for (StringProperty p : List.of(proxy, ca, clientCert, clientKey, clientCertPassword, origin)) {
            p.addListener((o, a, b) -> validate());
        }
        validate();
    }

    /** Shows an existing connection's options; unchanged, its resolved proxy and TLS are kept as they are. */
    public void load(NetworkOptions options, Optional<ProxySpec> resolvedProxy, TlsOptions resolvedTls) {
        loaded = options;
        loadedProxy = resolvedProxy;
        loadedTls = resolvedTls;
        proxy.set(options.proxy());
        ca.set(options.ca());
        clientCert.set(options.clientCert());
        clientKey.set(options.clientKey());
        clientCertPassword.set(options.clientCertPassword());
        origin.set(options.origin());
        offerCompression.set(options.compression());
        validate();
    }

    /** The options as entered. */
    public NetworkOptions options() {
        return new NetworkOptions(proxy.get(), ca.get(), clientCert.get(), clientKey.get(), clientCertPassword.get(),
                origin.get(), offerCompression.get());
    }

    /** The proxy for {@code uri}: kept when the field is unchanged, else resolved (the environment's for an empty field). */
    public Optional<ProxySpec> resolvedProxy(URI uri) {
        NetworkOptions now = options();
        return loaded != null && loaded.proxy().equals(now.proxy()) ? loadedProxy : resolver.proxy(now.proxy(), uri);
    }

    /** The certificate checks: kept when no TLS field changed, else read from the files now. */
    public TlsOptions resolvedTls() {
        NetworkOptions now = options();
        boolean same = loaded != null && loaded.ca().equals(now.ca()) && loaded.clientCert().equals(now.clientCert())
                && loaded.clientKey().equals(now.clientKey()) && loaded.clientCertPassword().equals(now.clientCertPassword());
        return same ? loadedTls : resolver.tls(now);
    }

    private void validate() {
        NetworkOptions n = options();
        String p = n.proxy();
        proxyError.set("");
        if (!p.isEmpty() && !p.equalsIgnoreCase("none")) {
            try {
                ProxySpec.parse(p);
            } catch (IllegalArgumentException e) {
                proxyError.set("Proxy: " + e.getMessage() + ".");
            }
        }
        caError.set("");
        if (!n.ca().isEmpty()) {
            try {
                resolver.tls(new NetworkOptions("", n.ca(), "", "", "", "", true));
            } catch (IllegalArgumentException e) {
                caError.set(e.getMessage());
            }
        }
        certificate.set("");
        certificateError.set("");
        try {
            Optional<ClientIdentity> id = resolver.identity(n);
            id.ifPresent(i -> certificate.set(i.subject() + " · expires " + DAY.format(i.certificate().getNotAfter()
                    .toInstant())));
        } catch (IllegalArgumentException e) {
            certificateError.set(e.getMessage());
        }
        boolean literal = !n.clientCertPassword().isEmpty() && !n.clientCertPassword().strip().matches("\\$\\{[A-Za-z_][A-Za-z0-9_]*}");
        passwordNote.set(literal ? "Saved into the profile as typed: write ${ENV_NAME} to keep the password in the environment."
                : "");
        originError.set("");
        try {
            NetworkResolver.origin(n.origin());
        } catch (IllegalArgumentException e) {
            originError.set(e.getMessage());
        }
        valid.set(proxyError.get().isEmpty() && caError.get().isEmpty() && certificateError.get().isEmpty()
                && originError.get().isEmpty());
    }

    /** {@code http://[user:password@]host:port}, {@code socks5://…}, {@code none}, or empty: see {@link #PROXY_HINT}. */
    public StringProperty proxyProperty() {
        return proxy;
    }

    public StringProperty caProperty() {
        return ca;
    }

    public StringProperty clientCertProperty() {
        return clientCert;
    }

    public StringProperty clientKeyProperty() {
        return clientKey;
    }

    /** The PKCS#12 password, or a {@code ${ENV}} reference to it. */
    public StringProperty clientCertPasswordProperty() {
        return clientCertPassword;
    }

    public StringProperty originProperty() {
        return origin;
    }

    public BooleanProperty offerCompressionProperty() {
        return offerCompression;
    }

    public ReadOnlyStringProperty proxyErrorProperty() {
        return proxyError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty caErrorProperty() {
        return caError.getReadOnlyProperty();
    }

    /** The chosen client certificate's subject and expiry, e.g. {@code CN=client · expires 2027-01-03}; else empty. */
    public ReadOnlyStringProperty certificateProperty() {
        return certificate.getReadOnlyProperty();
    }

    /** Why the client certificate, its key or its password cannot be used; else empty. */
    public ReadOnlyStringProperty certificateErrorProperty() {
        return certificateError.getReadOnlyProperty();
    }

    /** Set while the password is typed in rather than a {@code ${ENV}} reference: saving would store it. */
    public ReadOnlyStringProperty passwordNoteProperty() {
        return passwordNote.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty originErrorProperty() {
        return originError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }
}
