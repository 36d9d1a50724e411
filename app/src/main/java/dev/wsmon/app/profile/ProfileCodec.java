package dev.wsmon.app.profile;

import dev.wsmon.app.alerting.AlertHooks;
import dev.wsmon.app.metrics.MetricsLabels;
import dev.wsmon.core.ByteSizes;
import dev.wsmon.core.Setting;
import dev.wsmon.core.session.Responder;
import dev.wsmon.core.session.SessionLayer;
import dev.wsmon.core.session.SessionPreset;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wsmon.core.Durations;
import dev.wsmon.core.Endpoint;
import dev.wsmon.core.Settings;
import dev.wsmon.core.TlsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes the profile format (JSON, {@code "version": 1}). Reading is all or nothing: the first
 * problem is one {@link ProfileException} naming the source, the line and the field, and what is allowed;
 * unknown fields are reported as warnings and ignored. Durations are written as {@code "250ms"}, sizes as
 * {@code "16MiB"}, header values exactly as given (templates stay templates).
 *
 * <pre>{@code
 * {
 *   "version": 1,
 *   "description": "what this profile is for",
 *   "defaults": { "pingInterval": "5s", "pingTimeout": "3s", "alertAfter": "1m" },
 *   "alerts": { "webhook": "https://hooks.example.com/services/${HOOK_TOKEN}", "command": "notify.sh" },
 *   "metricsLabels": { "site": "fra1" },
 *   "connections": [
 *     { "name": "feed", "url": "wss://example.org/feed",
 *       "headers": { "Authorization": "Bearer ${FEED_TOKEN}" }, "subprotocols": ["v2.feed"],
 *       "settings": { "openTimeout": "5s" }, "insecure": false, "tags": ["prod"], "description": "..." }
 *   ]
 * }
 * }</pre>
 */
public final class ProfileCodec {

    static final List<String> ROOT_FIELDS = List.of("version", "description", "defaults", "connections", "alerts",
            "metricsLabels");
    static final List<String> ALERTS_FIELDS = List.of("webhook", "command");
    static final List<String> CONNECTION_FIELDS = List.of("name", "description", "url", "headers", "subprotocols",
            "settings", "insecure", "tags", "proxy", "tls", "origin", "session", "compression");

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(DefaultPrettyPrinter.FixedSpaceIndenter.instance);

    private ProfileCodec() {
    }

    /**
     * Reads a profile.
     *
     * @param source the file name used in messages
     * @throws ProfileException for malformed JSON or an invalid value; nothing is half-loaded
     */
    public static LoadedProfile read(String source, byte[] json) throws ProfileException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (StreamConstraintsException e) {
            // the limit's exception has no location: find it with a streaming pass
            JsonLocation at = depthLimitAt(json);
            String where = at == null ? "" : " line " + at.getLineNr() + ", column " + at.getColumnNr() + ":";
            throw new ProfileException(source + ":" + where + " malformed JSON: nested too deeply (at most "
                    + StreamReadConstraints.DEFAULT_MAX_DEPTH + " levels of arrays and objects)", e);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " line " + at.getLineNr() + ", column " + at.getColumnNr() + ":";
            throw new ProfileException(source + ":" + where + " malformed JSON: " + oneLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new ProfileException(source + ": cannot be read: " + oneLine(e.getMessage()), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new ProfileException(source + ": is empty; expected a JSON object with \"version\": "
                    + Profile.CURRENT + " and \"connections\"");
        }
        return new Reader(source, lines(json)).profile(root);
    }

    private static ObjectNode tlsNode(ProfileTls t) {
        ObjectNode tls = MAPPER.createObjectNode();
        t.ca().ifPresent(v -> tls.put("ca", v));
        t.clientCert().ifPresent(v -> tls.put("clientCert", v));
        t.clientKey().ifPresent(v -> tls.put("clientKey", v));
        t.clientCertPassword().ifPresent(v -> tls.put("clientCertPassword", v));
        return tls;
    }

    /** The profile as UTF-8 JSON, two-space indented, ending with a newline. */
    public static byte[] write(Profile profile) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", profile.version());
        if (!profile.description().isEmpty()) {
            root.put("description", profile.description());
        }
        if (!profile.defaults().isEmpty() || profile.proxy().isPresent() || !profile.session().isEmpty()
                || !profile.tls().isEmpty() || profile.compression().isPresent()) {
            ObjectNode defaults = settingsNode(profile.defaults());
            profile.proxy().ifPresent(p -> defaults.put("proxy", p));
            if (!profile.session().isEmpty()) {
                defaults.set("session", SessionJson.write(profile.session()));
            }
            if (!profile.tls().isEmpty()) {
                defaults.set("tls", tlsNode(profile.tls()));
            }
            profile.compression().ifPresent(v -> defaults.put("compression", v));
            root.set("defaults", defaults);
        }
        if (!profile.alerts().isEmpty()) {
            ObjectNode alerts = root.putObject("alerts");
            profile.alerts().webhook().ifPresent(v -> alerts.put("webhook", v));
            profile.alerts().command().ifPresent(v -> alerts.put("command", v));
        }
        if (!profile.metricsLabels().isEmpty()) {
            ObjectNode labels = root.putObject("metricsLabels");
            profile.metricsLabels().values().forEach(labels::put);
        }
        ArrayNode connections = root.putArray("connections");
        for (ConnectionProfile c : profile.connections()) {
            ObjectNode n = connections.addObject();
            n.put("name", c.name());
            if (!c.description().isEmpty()) {
                n.put("description", c.description());
            }
            n.put("url", c.url());
            if (!c.headers().isEmpty()) {
                ObjectNode headers = n.putObject("headers");
                c.headers().forEach(headers::put);
            }
            if (!c.subprotocols().isEmpty()) {
                ArrayNode protocols = n.putArray("subprotocols");
                c.subprotocols().forEach(protocols::add);
            }
            if (!c.settings().isEmpty()) {
                n.set("settings", settingsNode(c.settings()));
            }
            if (c.insecure()) {
                n.put("insecure", true);
            }
            c.proxy().ifPresent(p -> n.put("proxy", p));
            if (!c.tls().isEmpty()) {
                n.set("tls", tlsNode(c.tls()));
            }
            if (!c.origin().isEmpty()) {
                n.put("origin", c.origin());
            }
            if (!c.session().isEmpty()) {
                n.set("session", SessionJson.write(c.session()));
            }
            c.compression().ifPresent(v -> n.put("compression", v));
            if (!c.tags().isEmpty()) {
                ArrayNode tags = n.putArray("tags");
                c.tags().forEach(tags::add);
            }
        }
        try {
            String text = MAPPER.writer(PRETTY).writeValueAsString(root) + "\n";
            return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of plain nodes always serialises
        }
    }

    private static ObjectNode settingsNode(SettingsOverrides overrides) {
        ObjectNode n = MAPPER.createObjectNode();
        overrides.values().forEach((field, value) -> {
            switch (field.kind()) {
                case DURATION -> n.put(field.key(), field.display(value));
                case NUMBER -> {
                    if (field.isOff(value)) {
                        n.put(field.key(), "off");
                    } else {
                        n.put(field.key(), (Double) value);
                    }
                }
                case BOOLEAN -> n.put(field.key(), (Boolean) value);
                case INT_SIZE, LONG_SIZE -> {
                    long bytes = ((Number) value).longValue();
                    if (bytes > 0 && bytes % 1024 == 0) {
                        n.put(field.key(), ByteSizes.format(bytes));
                    } else {
                        n.put(field.key(), bytes);
                    }
                }
            }
        });
        return n;
    }

    /** Where the nesting-depth limit is passed, or null. */
    private static JsonLocation depthLimitAt(byte[] json) {
        try (JsonParser p = MAPPER.createParser(json)) {
            try {
                while (p.nextToken() != null) {
                    // reading on to the limit
                }
            } catch (StreamConstraintsException e) {
                return p.currentTokenLocation();
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** Line of every value and field, by JSON pointer, from a second (streaming) pass. */
    private static Map<String, Integer> lines(byte[] json) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = MAPPER.createParser(json)) {
            while (p.nextToken() != null) {
                lines.putIfAbsent(p.getParsingContext().pathAsPointer().toString(), p.currentTokenLocation().getLineNr());
            }
        } catch (IOException e) {
            // the tree parse succeeded, so this cannot fail; without lines, messages name the field only
        }
        return lines;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }

    /** A field's place in the document: {@code connections[0].settings.pingTimeout}. */
    private record Where(List<Object> segments) {
        static final Where ROOT = new Where(List.of());

        Where field(String name) {
            List<Object> next = new ArrayList<>(segments);
            next.add(name);
            return new Where(next);
        }

        Where index(int i) {
            List<Object> next = new ArrayList<>(segments);
            next.add(i);
            return new Where(next);
        }

        Where parent() {
            return segments.isEmpty() ? this : new Where(segments.subList(0, segments.size() - 1));
        }

        String pointer() {
            StringBuilder s = new StringBuilder();
            for (Object seg : segments) {
                s.append('/').append(seg.toString().replace("~", "~0").replace("/", "~1"));
            }
            return s.toString();
        }

        String display() {
            StringBuilder s = new StringBuilder();
            for (Object seg : segments) {
                if (seg instanceof Integer) {
                    s.append('[').append(seg).append(']');
                } else {
                    s.append(s.length() == 0 ? "" : ".").append(seg);
                }
            }
            return s.toString();
        }
    }

    /** One read of one document; collects warnings, throws at the first error. */
    private static final class Reader {
        private final String source;
        private final Map<String, Integer> lines;
        private final List<String> warnings = new ArrayList<>();

        Reader(String source, Map<String, Integer> lines) {
            this.source = source;
            this.lines = lines;
        }

        LoadedProfile profile(JsonNode root) throws ProfileException {
            requireObject(root, Where.ROOT, "a JSON object with \"version\": " + Profile.CURRENT + " and \"connections\"");
            warnUnknown(root, Where.ROOT, ROOT_FIELDS, "field");
            JsonNode version = root.get("version");
            if (version == null) {
                throw error(Where.ROOT, "\"version\" is missing; write \"version\": " + Profile.CURRENT);
            }
            if (!version.isIntegralNumber() || !version.canConvertToInt() || version.intValue() != Profile.CURRENT) {
                throw error(Where.ROOT.field("version"), "version " + describe(version) + " is not supported; this wsmon reads "
                        + "version " + Profile.CURRENT);
            }
            String description = optionalString(root, Where.ROOT, "description");
            Where defaultsAt = Where.ROOT.field("defaults");
            JsonNode defaultsNode = root.get("defaults");
            Optional<String> proxy = Optional.empty();
            ProfileTls defaultTls = ProfileTls.NONE;
            Optional<Boolean> defaultCompression = Optional.empty();
            if (defaultsNode != null && defaultsNode.isObject()) {
                proxy = proxy(defaultsNode, defaultsAt);
                defaultTls = tls(defaultsNode, defaultsAt);
                defaultCompression = compression(defaultsNode, defaultsAt);
                defaultsNode = ((ObjectNode) defaultsNode).deepCopy();
                // not engine settings: the profile holds them beside them
                ((ObjectNode) defaultsNode).remove(List.of("proxy", "tls", "compression"));
            }
            SessionLayer defaultSession = SessionLayer.NONE;
            if (defaultsNode != null && defaultsNode.isObject() && defaultsNode.has("session")) {
                defaultSession = session(defaultsNode.get("session"), defaultsAt.field("session"), SessionLayer.NONE);
                defaultsNode = ((ObjectNode) defaultsNode).deepCopy();
                ((ObjectNode) defaultsNode).remove("session"); // not an engine setting either
            }
            SettingsOverrides defaults = settings(defaultsNode, defaultsAt);
            check(defaults, Settings.DEFAULTS, defaultsAt);

            List<ConnectionProfile> connections = new ArrayList<>();
            Map<String, Integer> names = new HashMap<>();
            JsonNode list = root.get("connections");
            Where listAt = Where.ROOT.field("connections");
            if (list != null && !list.isNull()) {
                if (!list.isArray()) {
                    throw error(listAt, "expected an array of connections, got " + describe(list));
                }
                for (int i = 0; i < list.size(); i++) {
                    Where at = listAt.index(i);
                    ConnectionProfile c = connection(list.get(i), at, defaults, defaultSession);
                    Integer earlier = names.putIfAbsent(c.name(), i);
                    if (earlier != null) {
                        throw error(at.field("name"), "'" + c.name() + "' is already the name of connections[" + earlier
                                + "]; names must be unique");
                    }
                    connections.add(c);
                }
            }
            return new LoadedProfile(new Profile(Profile.CURRENT, description, defaults, connections, proxy,
                    alerts(root.get("alerts"), Where.ROOT.field("alerts")), defaultSession,
                    metricsLabels(root.get("metricsLabels"), Where.ROOT.field("metricsLabels")),
                    defaultTls, defaultCompression), warnings);
        }

        /** {@code "metricsLabels": {"site": "fra1"}}: string values, names as Prometheus allows them. */
        private MetricsLabels metricsLabels(JsonNode node, Where at) throws ProfileException {
            if (node == null || node.isNull()) {
                return MetricsLabels.NONE;
            }
            requireObject(node, at, "an object of label names to values, e.g. {\"site\": \"fra1\"}");
            Map<String, String> labels = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual()) {
                    throw error(at.field(e.getKey()), "expected a string, got " + describe(e.getValue()));
                }
                try {
                    new MetricsLabels(Map.of(e.getKey(), e.getValue().textValue()));
                } catch (IllegalArgumentException bad) {
                    throw error(at.field(e.getKey()), bad.getMessage());
                }
                labels.put(e.getKey(), e.getValue().textValue());
            }
            return new MetricsLabels(labels);
        }

        /** {@code "alerts"}: the webhook and the command every connection's alerts go to. */
        private AlertHooks alerts(JsonNode node, Where at) throws ProfileException {
            if (node == null || node.isNull()) {
                return AlertHooks.NONE;
            }
            requireObject(node, at, "an object with \"webhook\" (an http(s) URL) and/or \"command\"");
            warnUnknown(node, at, ALERTS_FIELDS, "field");
            String webhook = optionalString(node, at, "webhook");
            String command = optionalString(node, at, "command");
            try {
                AlertHooks.checkWebhook(webhook);
            } catch (IllegalArgumentException e) {
                if (!webhook.isEmpty()) {
                    throw error(at.field("webhook"), e.getMessage());
                }
            }
            if (node.has("command") && command.isBlank()) {
                throw error(at.field("command"), "must not be blank; give a command, e.g. \"notify.sh\"");
            }
            return new AlertHooks(present(webhook), present(command));
        }

        private ConnectionProfile connection(JsonNode node, Where at, SettingsOverrides defaults, SessionLayer defaultSession)
                throws ProfileException {
            requireObject(node, at, "a connection object with \"name\" and \"url\"");
            warnUnknown(node, at, CONNECTION_FIELDS, "field");
            String name = requiredString(node, at, "name");
            if (name.isBlank()) {
                throw error(at.field("name"), "must not be blank");
            }
            String url = requiredString(node, at, "url");
            URI uri;
            try {
                uri = Endpoint.parseUri(url);
            } catch (IllegalArgumentException e) {
                throw error(at.field("url"), e.getMessage());
            }

            Map<String, String> headers = new LinkedHashMap<>();
            JsonNode h = node.get("headers");
            Where headersAt = at.field("headers");
            if (h != null && !h.isNull()) {
                requireObject(h, headersAt, "an object of header names to values, e.g. {\"Authorization\": \"Bearer ${TOKEN}\"}");
                for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    Where headerAt = headersAt.field(e.getKey());
                    if (!e.getValue().isTextual()) {
                        throw error(headerAt, "expected a string (a value or a ${ENV_NAME} template), got " + describe(e.getValue()));
                    }
                    try {
                        new Endpoint(uri, Map.of(e.getKey(), e.getValue().textValue()), List.of(), TlsOptions.VERIFY);
                    } catch (IllegalArgumentException bad) {
                        throw error(headerAt, bad.getMessage());
                    }
                    headers.put(e.getKey(), e.getValue().textValue());
                }
            }
            List<String> subprotocols = stringList(node, at, "subprotocols");
            for (int i = 0; i < subprotocols.size(); i++) {
                try {
                    new Endpoint(uri, Map.of(), List.of(subprotocols.get(i)), TlsOptions.VERIFY);
                } catch (IllegalArgumentException bad) {
                    throw error(at.field("subprotocols").index(i), bad.getMessage());
                }
            }
            Where settingsAt = at.field("settings");
            SettingsOverrides settings = settings(node.get("settings"), settingsAt);
            check(settings, defaults.applyTo(Settings.DEFAULTS), settingsAt);

            boolean insecure = false;
            JsonNode ins = node.get("insecure");
            if (ins != null && !ins.isNull()) {
                if (!ins.isBoolean()) {
                    throw error(at.field("insecure"), "expected true or false, got " + describe(ins));
                }
                insecure = ins.booleanValue();
            }
            List<String> tags = stringList(node, at, "tags");
            String description = optionalString(node, at, "description");
            Optional<String> proxy = proxy(node, at);
            ProfileTls tls = tls(node, at);
            String origin = optionalString(node, at, "origin");
            SessionLayer session = SessionLayer.NONE;
            if (node.has("session") && !node.get("session").isNull()) {
                session = session(node.get("session"), at.field("session"), defaultSession);
            }
            try {
                return new ConnectionProfile(name, url, headers, subprotocols, settings, insecure, tags, description, proxy,
                        tls, origin, session, compression(node, at));
            } catch (IllegalArgumentException e) {
                throw error(at, e.getMessage());
            }
        }

        /**
         * A {@code session} object ({@link SessionJson}), each field checked here so that the message names it; then the
         * layer over {@code below} must resolve (e.g. no expected reply without a heartbeat).
         */
        private SessionLayer session(JsonNode node, Where at, SessionLayer below) throws ProfileException {
            requireObject(node, at, "a session object with \"preset\", \"onOpen\", \"respond\", \"heartbeat\","
                    + " \"heartbeatExpect\"");
            warnUnknown(node, at, SessionJson.FIELDS, "field");
            Optional<SessionPreset> preset = Optional.empty();
            String token = optionalString(node, at, "preset");
            if (!token.isEmpty()) {
                try {
                    preset = Optional.of(SessionJson.preset("preset", token));
                } catch (IllegalArgumentException e) {
                    throw error(at.field("preset"), e.getMessage());
                }
            }
            Optional<List<String>> onOpen = node.has("onOpen") ? Optional.of(stringList(node, at, "onOpen")) : Optional.empty();
            Optional<List<Responder>> responders = Optional.empty();
            JsonNode r = node.get("respond");
            if (r != null && !r.isNull()) {
                Where respondAt = at.field("respond");
                if (!r.isArray()) {
                    throw error(respondAt, "expected an array of {\"match\": REGEX, \"reply\": REPLY}, got " + describe(r));
                }
                List<Responder> list = new ArrayList<>();
                for (int i = 0; i < r.size(); i++) {
                    Where itemAt = respondAt.index(i);
                    JsonNode item = r.get(i);
                    try {
                        if (item.isTextual()) {
                            list.add(Responder.parse("responder", item.textValue()));
                        } else {
                            requireObject(item, itemAt, "{\"match\": REGEX, \"reply\": REPLY} or \"REGEX=>REPLY\"");
                            warnUnknown(item, itemAt, SessionJson.RESPONDER_FIELDS, "field");
                            list.add(new Responder("responder", requiredString(item, itemAt, "match"),
                                    requiredString(item, itemAt, "reply")));
                        }
                    } catch (IllegalArgumentException e) {
                        throw error(itemAt, e.getMessage());
                    }
                }
                responders = Optional.of(list);
            }
            Optional<String> heartbeat = present(optionalString(node, at, "heartbeat"));
            Optional<String> expect = present(optionalString(node, at, "heartbeatExpect"));
            SessionLayer layer = new SessionLayer(preset, onOpen, responders, heartbeat, expect);
            try {
                SessionLayer.resolve(List.of(below, layer));
            } catch (IllegalArgumentException e) {
                throw error(at, e.getMessage());
            }
            return layer;
        }

        /** {@code "tls"}: an object of file paths and the PKCS#12 password template. */
        private ProfileTls tls(JsonNode node, Where at) throws ProfileException {
            JsonNode t = node.get("tls");
            if (t == null || t.isNull()) {
                return ProfileTls.NONE;
            }
            Where tlsAt = at.field("tls");
            requireObject(t, tlsAt, "an object with \"ca\", \"clientCert\", \"clientKey\", \"clientCertPassword\"");
            warnUnknown(t, tlsAt, ProfileTls.FIELDS, "field");
            return new ProfileTls(present(optionalString(t, tlsAt, "ca")), present(optionalString(t, tlsAt, "clientCert")),
                    present(optionalString(t, tlsAt, "clientKey")),
                    present(optionalString(t, tlsAt, "clientCertPassword")));
        }

        /** {@code "compression"}: whether permessage-deflate is offered. */
        private Optional<Boolean> compression(JsonNode node, Where at) throws ProfileException {
            JsonNode c = node.get("compression");
            if (c == null || c.isNull()) {
                return Optional.empty();
            }
            if (!c.isBoolean()) {
                throw error(at.field("compression"), "expected true (offer permessage-deflate) or false, got " + describe(c));
            }
            return Optional.of(c.booleanValue());
        }

        /** {@code "proxy"}: a proxy URL or {@code "none"}, checked here so that the message names the field. */
        private Optional<String> proxy(JsonNode node, Where at) throws ProfileException {
            JsonNode p = node.get("proxy");
            if (p == null || p.isNull()) {
                return Optional.empty();
            }
            if (!p.isTextual()) {
                throw error(at.field("proxy"), "expected a string (http://host:port, socks5://host:port or \"none\"), got "
                        + describe(p));
            }
            try {
                ConnectionProfile.checkProxy(p.textValue());
            } catch (IllegalArgumentException e) {
                throw error(at.field("proxy"), e.getMessage());
            }
            return Optional.of(p.textValue());
        }

        private SettingsOverrides settings(JsonNode node, Where at) throws ProfileException {
            if (node == null || node.isNull()) {
                return SettingsOverrides.NONE;
            }
            requireObject(node, at, "an object of settings, e.g. {\"pingInterval\": \"5s\"}");
            warnUnknown(node, at, Setting.keys(), "setting");
            Map<Setting, Object> values = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Optional<Setting> field = Setting.byKey(e.getKey());
                if (field.isPresent()) {
                    values.put(field.get(), value(field.get(), e.getValue(), at.field(e.getKey())));
                }
            }
            return new SettingsOverrides(values);
        }

        private Object value(Setting field, JsonNode v, Where at) throws ProfileException {
            String wrongType = "expected " + field.kind().allowed() + ", got " + describe(v);
            if (field.off().isPresent() && v.isTextual() && v.textValue().trim().equalsIgnoreCase("off")) {
                return field.off().get(); // a health threshold turned off
            }
            switch (field.kind()) {
                case DURATION -> {
                    if (!v.isTextual()) {
                        throw error(at, wrongType);
                    }
                    try {
                        return Durations.parse(v.textValue());
                    } catch (IllegalArgumentException e) {
                        throw error(at, e.getMessage());
                    }
                }
                case NUMBER -> {
                    if (!v.isNumber()) {
                        throw error(at, wrongType);
                    }
                    return v.doubleValue();
                }
                case BOOLEAN -> {
                    if (!v.isBoolean()) {
                        throw error(at, wrongType);
                    }
                    return v.booleanValue();
                }
                default -> {
                    long bytes;
                    if (v.isIntegralNumber() && v.canConvertToLong() && v.longValue() >= 0) {
                        bytes = v.longValue();
                    } else if (v.isTextual()) {
                        try {
                            bytes = ByteSizes.parse(v.textValue());
                        } catch (IllegalArgumentException e) {
                            throw error(at, e.getMessage());
                        }
                    } else {
                        throw error(at, wrongType);
                    }
                    try {
                        return field.sizeValue(bytes);
                    } catch (IllegalArgumentException e) {
                        throw error(at, e.getMessage());
                    }
                }
            }
        }

        /** Settings ranges and cross-field rules, blamed on one field where one is at fault. */
        private void check(SettingsOverrides overrides, Settings base, Where at) throws ProfileException {
            Optional<SettingsOverrides.Blame> blame = overrides.blame(base);
            if (blame.isPresent()) {
                throw error(at.field(blame.get().field().key()), blame.get().message());
            }
        }

        private List<String> stringList(JsonNode node, Where at, String name) throws ProfileException {
            JsonNode v = node.get(name);
            Where here = at.field(name);
            if (v == null || v.isNull()) {
                return List.of();
            }
            if (!v.isArray()) {
                throw error(here, "expected an array of strings, got " + describe(v));
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                if (!v.get(i).isTextual()) {
                    throw error(here.index(i), "expected a string, got " + describe(v.get(i)));
                }
                out.add(v.get(i).textValue());
            }
            return out;
        }

        private String requiredString(JsonNode node, Where at, String name) throws ProfileException {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                throw error(at, "\"" + name + "\" is missing");
            }
            if (!v.isTextual()) {
                throw error(at.field(name), "expected a string, got " + describe(v));
            }
            return v.textValue();
        }

        private String optionalString(JsonNode node, Where at, String name) throws ProfileException {
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                return "";
            }
            if (!v.isTextual()) {
                throw error(at.field(name), "expected a string, got " + describe(v));
            }
            return v.textValue();
        }

        private static java.util.Optional<String> present(String value) {
            return value.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(value);
        }

        private void requireObject(JsonNode node, Where at, String expected) throws ProfileException {
            if (!node.isObject()) {
                throw error(at, "expected " + expected + ", got " + describe(node));
            }
        }

        private void warnUnknown(JsonNode node, Where at, List<String> known, String what) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!known.contains(name)) {
                    warnings.add(locate(at.field(name)) + ": unknown " + what + " ignored (known: "
                            + String.join(", ", known) + ")");
                }
            }
        }

        private ProfileException error(Where at, String problem) {
            return new ProfileException(locate(at) + ": " + oneLine(problem));
        }

        /** {@code file.json: line 7, connections[0].url}, climbing to the nearest parent with a known line. */
        private String locate(Where at) {
            Integer line = null;
            for (Where w = at; line == null; w = w.parent()) {
                line = lines.get(w.pointer());
                if (w.segments().isEmpty()) {
                    break;
                }
            }
            String field = at.display();
            StringBuilder s = new StringBuilder(source).append(':');
            if (line != null) {
                s.append(" line ").append(line);
            }
            if (!field.isEmpty()) {
                s.append(line != null ? ", " : " ").append(field);
            }
            return s.toString();
        }

        private static String describe(JsonNode v) {
            if (v.isTextual()) {
                String t = v.textValue();
                return "the string \"" + (t.length() > 40 ? t.substring(0, 40) + "…" : t) + "\"";
            }
            if (v.isNumber()) {
                return "the number " + v.asText();
            }
            if (v.isBoolean()) {
                return v.asText();
            }
            if (v.isNull()) {
                return "null";
            }
            if (v.isArray()) {
                return "an array";
            }
            return v.isObject() ? "an object" : v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
