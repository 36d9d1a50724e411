package dev.wsmon.app.viewmodel;

import dev.wsmon.core.Endpoint;
import dev.wsmon.core.Settings;
import dev.wsmon.core.TlsOptions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The add / edit connection dialog: name, URL, headers (one {@code Name: value} per line), subprotocols, and the TLS
 * opt-out. Validated as typed with the engine's messages; {@link #result()} exists only when everything is valid.
 */
public final class ConnectionEditorViewModel {

    private final boolean editing;
    private final Set<String> takenNames;
    private final Settings settings;
    private final boolean demo;
    private final HealthSettingsViewModel health;
    /** The Network section: proxy, TLS files, Origin, compression. */
    private final NetworkEditorViewModel network;

    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty url = new SimpleStringProperty(this, "url", "");
    private final StringProperty headers = new SimpleStringProperty(this, "headers", "");
    private final StringProperty subprotocols = new SimpleStringProperty(this, "subprotocols", "");
    private final BooleanProperty insecure = new SimpleBooleanProperty(this, "insecure");
    private final BooleanProperty connectNow = new SimpleBooleanProperty(this, "connectNow", true);

    private final ReadOnlyStringWrapper nameError = new ReadOnlyStringWrapper(this, "nameError", "");
    private final ReadOnlyStringWrapper urlError = new ReadOnlyStringWrapper(this, "urlError", "");
    private final ReadOnlyStringWrapper headersError = new ReadOnlyStringWrapper(this, "headersError", "");
    private final ReadOnlyStringWrapper subprotocolsError = new ReadOnlyStringWrapper(this, "subprotocolsError", "");
    private final ReadOnlyStringWrapper tlsWarning = new ReadOnlyStringWrapper(this, "tlsWarning", "");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");
    private final SessionEditorViewModel session = new SessionEditorViewModel();
    private final ReadOnlyStringWrapper resultError = new ReadOnlyStringWrapper(this, "resultError", "");

    private ConnectionEditorViewModel(boolean editing, Collection<String> takenNames, Settings settings, boolean demo,
                                      NetworkResolver resolver) {
        this.editing = editing;
        this.network = new NetworkEditorViewModel(resolver);
        network.validProperty().addListener((o, a, b) -> validate());
        this.takenNames = Set.copyOf(takenNames);
        this.settings = settings;
        this.demo = demo;
        this.health = new HealthSettingsViewModel(settings);
        health.validProperty().addListener((o, a, b) -> validate());
        for (var p : List.of(name, url, headers, subprotocols)) {
            p.addListener((o, a, b) -> validate());
        }
        insecure.addListener((o, a, b) -> validate());
        session.validProperty().addListener((o, a, b) -> validate());
        validate();
    }

    /** For a new connection; {@code takenNames} are refused. */
    public static ConnectionEditorViewModel forNew(Collection<String> takenNames, Settings defaults) {
        return forNew(takenNames, defaults, NetworkResolver.system());
    }

    /** @param resolver reads the Network section's files and the environment's proxy */
    public static ConnectionEditorViewModel forNew(Collection<String> takenNames, Settings defaults,
                                                   NetworkResolver resolver) {
        ConnectionEditorViewModel vm = new ConnectionEditorViewModel(false, takenNames, defaults, false, resolver);
        vm.name.set(suggestName(takenNames));
        return vm;
    }

    /** For an existing connection; its name cannot change (it is the engine's key). */
    public static ConnectionEditorViewModel forEdit(ConnectionSpec spec) {
        return forEdit(spec, NetworkResolver.system());
    }

    /** @param resolver reads the Network section's files and the environment's proxy */
    public static ConnectionEditorViewModel forEdit(ConnectionSpec spec, NetworkResolver resolver) {
        ConnectionEditorViewModel vm = new ConnectionEditorViewModel(true, Set.of(), spec.settings(), spec.demo(), resolver);
        vm.name.set(spec.name());
        vm.url.set(spec.url());
        StringBuilder h = new StringBuilder();
        spec.headers().forEach((k, v) -> h.append(k).append(": ").append(v).append('\n'));
        vm.headers.set(h.toString().strip());
        vm.subprotocols.set(String.join(", ", spec.subprotocols()));
        vm.insecure.set(spec.insecure());
        vm.network.load(spec.network(), spec.proxy(), spec.tls());
        vm.session.load(spec.session());
        vm.connectNow.set(false);
        return vm;
    }

    private static String suggestName(Collection<String> taken) {
        for (int i = 1; ; i++) {
            String n = "conn-" + i;
            if (!taken.contains(n)) {
                return n;
            }
        }
    }

    private void validate() {
        String n = name.get() == null ? "" : name.get().trim();
        nameError.set(n.isEmpty() ? "Give the connection a name."
                : !editing && takenNames.contains(n) ? "A connection named '" + n + "' already exists." : "");
        String u = url.get() == null ? "" : url.get().trim();
        String ue = "";
        try {
            Endpoint.parseUri(u);
        } catch (IllegalArgumentException e) {
            ue = capitalise(e.getMessage());
        }
        urlError.set(ue);
        Optional<Map<String, String>> h = parseHeaders();
        List<String> protocols = parseSubprotocols();
        subprotocolsError.set("");
        if (h.isPresent()) {
            try {
                new Endpoint(java.net.URI.create("ws://check.invalid/"), h.get(), List.of(), TlsOptions.VERIFY);
            } catch (IllegalArgumentException e) {
                headersError.set(capitalise(e.getMessage()));
            }
        }
        try {
            new Endpoint(java.net.URI.create("ws://check.invalid/"), Map.of(), protocols, TlsOptions.VERIFY);
        } catch (IllegalArgumentException e) {
            subprotocolsError.set(capitalise(e.getMessage()));
        }
        boolean secure = u.startsWith("wss://");
        tlsWarning.set(!insecure.get() ? ""
                : secure ? "TLS checks are OFF: any certificate for any host is accepted. Use for testing only."
                : "TLS checks are OFF (no effect on a ws:// URL, which is not encrypted at all).");
        valid.set(nameError.get().isEmpty() && urlError.get().isEmpty() && headersError.get().isEmpty()
                && subprotocolsError.get().isEmpty() && session.validProperty().get()
                && health.validProperty().get() && (network == null || network.validProperty().get()));
    }

    private Optional<Map<String, String>> parseHeaders() {
        headersError.set("");
        Map<String, String> out = new LinkedHashMap<>();
        String[] lines = (headers.get() == null ? "" : headers.get()).split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                headersError.set("Header line " + (i + 1) + " must read 'Name: value', got '" + line + "'.");
                return Optional.empty();
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            out.merge(key, value, (a, b) -> a + ", " + b);
        }
        return Optional.of(out);
    }

    private List<String> parseSubprotocols() {
        List<String> out = new ArrayList<>();
        for (String p : (subprotocols.get() == null ? "" : subprotocols.get()).split("[,\\s]+")) {
            if (!p.isBlank()) {
                out.add(p.strip());
            }
        }
        return out;
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The connection as entered, when {@linkplain #validProperty() valid}. */
    public Optional<ConnectionSpec> result() {
        validate();
        if (!valid.get()) {
            return Optional.empty();
        }
        var feed = session.result().orElseThrow();
        String u = url.get().trim();
        if (feed.preset().isPresent()) {
            u = feed.preset().get().url(Endpoint.parseUri(u)).toString(); // Socket.IO: its path and Engine.IO query
        }
        try {
            return Optional.of(new ConnectionSpec(name.get().trim(), u, parseHeaders().orElseThrow(), parseSubprotocols(),
                    insecure.get(), health.applyTo(settings).orElseThrow(), demo, network.resolvedProxy(Endpoint.parseUri(u)), network.options(),
                    network.resolvedTls(), feed));
        } catch (IllegalArgumentException e) {
            resultError.set(capitalise(e.getMessage()));
            return Optional.empty();
        }
    }

    /** The "Session" section: on-open messages, responders, heartbeat, preset. */
    public SessionEditorViewModel session() {
        return session;
    }

    /** The Health section: thresholds and reconnect-when-stale. */
    public HealthSettingsViewModel health() {
        return health;
    }

    /** The Network section. */
    public NetworkEditorViewModel network() {
        return network;
    }

    /** Why the entered connection could not be made after all (the environment's proxy variable is malformed); else empty. */
    public ReadOnlyStringProperty resultErrorProperty() {
        return resultError.getReadOnlyProperty();
    }

    public boolean editing() {
        return editing;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty headersProperty() {
        return headers;
    }

    public StringProperty subprotocolsProperty() {
        return subprotocols;
    }

    public BooleanProperty insecureProperty() {
        return insecure;
    }

    /** Connect as soon as it is added. */
    public BooleanProperty connectNowProperty() {
        return connectNow;
    }

    public ReadOnlyStringProperty nameErrorProperty() {
        return nameError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty urlErrorProperty() {
        return urlError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headersErrorProperty() {
        return headersError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty subprotocolsErrorProperty() {
        return subprotocolsError.getReadOnlyProperty();
    }

    /** Shown in red while the TLS opt-out is on. */
    public ReadOnlyStringProperty tlsWarningProperty() {
        return tlsWarning.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }
}
