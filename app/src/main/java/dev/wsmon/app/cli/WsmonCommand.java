package dev.wsmon.app.cli;

import dev.wsmon.app.Version;
import dev.wsmon.app.alerting.AlertHooks;
import dev.wsmon.app.headless.FeedFlags;
import dev.wsmon.app.history.ExportCommand;
import dev.wsmon.app.headless.HandshakeFlags;
import dev.wsmon.app.headless.Header;
import dev.wsmon.app.headless.HeadlessOptions;
import dev.wsmon.app.headless.UsageException;
import dev.wsmon.app.metrics.MetricsLabels;
import dev.wsmon.app.profile.SettingsOverrides;
import dev.wsmon.core.ByteSizes;
import dev.wsmon.core.InvalidSettingException;
import dev.wsmon.core.Secret;
import dev.wsmon.core.Setting;
import dev.wsmon.core.session.Heartbeat;
import dev.wsmon.core.session.Responder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParseResult;

/**
 * The command line, as picocli parses it ({@code cli-contract.md}), for both modes. The settings flags come from
 * the table of {@link Setting}s ({@link #commandLine}); they have no default here: an absent flag must not override
 * a profile, so the defaults shown are the engine's.
 */
@Command(name = "wsmon",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        synopsisHeading = "",
        customSynopsis = {
            "Usage: wsmon --headless [options] URL [URL...]",
            "       wsmon --headless --profile FILE [options] [URL...]",
            "       wsmon --headless --demo [options]",
            "       wsmon [options] [URL...]   (the desktop UI: the same options)",
            "       wsmon export --conn NAME [--since D] [--format csv|jsonl] [--output FILE]   (recorded history)",
            "       wsmon --version | --help"},
        description = {"",
            "Monitors WebSocket connections: keepalive, latency, closes and their causes, reconnects. With"
                + " --headless, events go to standard output as JSON Lines and each line of standard input is sent"
                + " as a text message to the first connection. Without --headless, the desktop UI starts.",
            ""},
        footer = {"",
            "Durations: a number with ms, s, m or h (250ms, 1.5s, 2m). Sizes: bytes, or a number with KiB, MiB"
                + " or GiB (16MiB).",
            "Exit status: 0 after --duration, --no-reconnect or SIGINT/SIGTERM; 1 with --no-reconnect when a"
                + " connection never opened; 2 for bad usage."})
public final class WsmonCommand {

    @Option(names = "--headless", order = 1, description = "Run without a window: events as JSON Lines on stdout.")
    boolean headless;

    @Option(names = "--duration", order = 30, paramLabel = "D", converter = DurationConverter.class,
            description = "Close cleanly and exit after D (default: run until SIGINT/SIGTERM).")
    Duration duration;

    @Option(names = "--header", order = 31, paramLabel = "'Name: value'", converter = HeaderConverter.class,
            description = "Extra handshake header, repeatable; $${ENV} in the value is expanded at connect time.")
    List<Header> headers = new ArrayList<>();

    @Option(names = "--subprotocol", order = 32, paramLabel = "P", converter = SubprotocolConverter.class,
            description = "Requested subprotocol, repeatable, most preferred first.")
    List<String> subprotocols = new ArrayList<>();

    @Option(names = "--profile", order = 33, paramLabel = "FILE",
            description = "Connections and settings from a profile file (JSON); flags override it.")
    Path profile;

    @Option(names = "--metrics-port", order = 34, paramLabel = "N", converter = PortConverter.class,
            description = "Serve Prometheus metrics on http://127.0.0.1:N/metrics (0: any free port, printed on"
                    + " stderr).")
    Integer metricsPort;

    @Option(names = "--metrics-label", order = 34, paramLabel = "NAME=VALUE",
            description = "A label on every metric series, repeatable (site=fra1): tells a fleet's probes apart."
                    + " Over the profile's metricsLabels.")
    List<String> metricsLabels = new ArrayList<>();

    @Option(names = "--metrics-address", order = 34, paramLabel = "ADDR",
            description = "Where --metrics-port listens: an address of this host (0.0.0.0, ::, 10.0.0.5) for a remote"
                    + " Prometheus (default: 127.0.0.1).")
    String metricsAddress;

    @Option(names = "--insecure", order = 35, description = "Accept any TLS certificate for any host name (warned on stderr).")
    boolean insecure;

    @Option(names = "--proxy", order = 38, paramLabel = "URL",
            description = "http://[user:password@]host:port (HTTP CONNECT) or socks5://…, for every connection,"
                    + " loopback included; 'none': no proxy. Default: http_proxy/https_proxy/all_proxy/no_proxy."
                    + " The password may be $${ENV}.")
    String proxy;

    @Option(names = "--ca", order = 40, paramLabel = "FILE",
            description = "PEM file of CA certificates trusted in addition to the system's (a private CA).")
    Path ca;

    @Option(names = "--client-cert", order = 41, paramLabel = "FILE",
            description = "Client certificate for mutual TLS: a PEM chain (with --client-key) or PKCS#12 .p12/.pfx"
                    + " (with --client-cert-password).")
    Path clientCert;

    @Option(names = "--client-key", order = 42, paramLabel = "FILE",
            description = "The PKCS#8 PEM key (RSA or EC) of a PEM --client-cert.")
    Path clientKey;

    @Option(names = "--client-cert-password", order = 43, paramLabel = "VALUE",
            description = "Password of a PKCS#12 --client-cert; may be $${ENV_NAME} (never printed).")
    String clientCertPassword;

    @Option(names = "--origin", order = 44, paramLabel = "URL", description = "The Origin header of the handshake.")
    String origin;

    @Option(names = "--no-compression", order = 45, description = "Do not offer permessage-deflate (offered by default).")
    boolean noCompression;

    @Option(names = "--alert-webhook", order = 50, paramLabel = "URL",
            description = "POST each alert as JSON: text for Slack/Mattermost-style hooks, plus the alert's fields;"
                    + " retried with backoff. $${ENV} in the URL is expanded when sending (never printed).")
    String alertWebhook;

    @Option(names = "--alert-command", order = 51, paramLabel = "CMD",
            description = "Run CMD in a shell for each alert, with WSMON_CONN, WSMON_ALERT (firing|resolved),"
                    + " WSMON_HEALTH, WSMON_REASONS, WSMON_SINCE, WSMON_SINCE_MS, WSMON_TEXT and WSMON_JSON set; its"
                    + " output goes to stderr.")
    String alertCommand;
    @Option(names = "--on-open", order = 50, paramLabel = "TEXT",
            description = "Text message sent after every OPEN (each reconnect too), repeatable, in order; $${ENV} is"
                    + " expanded at send time and never printed.")
    List<String> onOpen = new ArrayList<>();

    @Option(names = "--respond", order = 51, paramLabel = "'REGEX=>REPLY'",
            description = "Answer a received text message that fully matches REGEX with REPLY ($1… are the groups),"
                    + " repeatable; the first match answers.")
    List<String> respond = new ArrayList<>();

    @Option(names = "--heartbeat", order = 52, paramLabel = "TEXT",
            description = "Application-level ping sent every --heartbeat-interval while OPEN; $${ENV} is expanded.")
    String heartbeat;

    @Option(names = "--heartbeat-expect", order = 53, paramLabel = "REGEX",
            description = "The reply to --heartbeat (full match): each gives an app_latency event; none within"
                    + " --heartbeat-timeout gives heartbeat_missed.")
    String heartbeatExpect;

    @Option(names = "--print-messages", order = 54,
            description = "Message events carry their text (or base64 for binary), up to --print-max bytes.")
    boolean printMessages;

    @Option(names = "--print-max", order = 55, paramLabel = "N",
            description = "Bytes of a message printed at most with --print-messages (default: 64KiB); beyond,"
                    + " \"truncated\": true.")
    String printMax;

    @Option(names = "--demo", order = 36, description = "Also start a local echo server and monitor it (pings every 1s).")
    boolean demo;

    /** Read by the desktop UI from the command line; declared here so the parser accepts and checks it. */
    @Option(names = "--theme", order = 37, paramLabel = "light|dark", converter = ThemeConverter.class,
            description = "Desktop only: start with the light or dark theme (default: the last one used).")
    String theme;

    @Parameters(paramLabel = "URL", arity = "0..*", description = "ws:// or wss:// URLs to monitor.")
    List<String> urls = new ArrayList<>();

    public boolean headless() {
        return headless;
    }

    public List<String> urls() {
        return List.copyOf(urls);
    }

    public Optional<Path> profile() {
        return Optional.ofNullable(profile);
    }

    /**
     * The parser of this command: the annotated options, and one option per {@link Setting} from the table, with
     * its help and default. Settings flags are read as text so that messages can echo what the user wrote.
     */
    public static CommandLine commandLine(WsmonCommand command) {
        CommandSpec spec = CommandSpec.forAnnotatedObject(command);
        int order = 10;
        for (Setting s : Setting.values()) {
            OptionSpec.Builder option = OptionSpec.builder(s.flag()).order(order++);
            if (s.kind() == Setting.Kind.BOOLEAN) {
                option.type(boolean.class).arity("0").description(s.help());
            } else {
                option.type(String.class).arity("1").paramLabel(s.kind().paramLabel())
                        .description(s.help().replaceAll("\\.$", "") + " (default: " + s.display(s.defaultValue()) + ").");
            }
            spec.addOption(option.build());
        }
        CommandLine cli = new CommandLine(spec);
        cli.addSubcommand("export", new ExportCommand());
        cli.setOverwrittenOptionsAllowed(true); // a repeated flag is reported by checkRepeats, naming both values
        return cli;
    }

    /**
     * Refuses a single-value flag given more than once, naming the values.
     *
     * @throws UsageException for the first such flag
     */
    public static void checkRepeats(ParseResult parsed) throws UsageException {
        for (OptionSpec o : parsed.matchedOptions()) {
            List<String> given = parsed.matchedOption(o.longestName()).originalStringValues();
            if (!o.isMultiValue() && o.arity().max() > 0 && given.size() > 1) {
                boolean secret = o.longestName().equals("--client-cert-password");
                throw new UsageException(o.longestName() + " is given " + given.size() + " times"
                        + (secret ? "" : " (" + given.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", ")) + ")")
                        + "; give it once");
            }
        }
    }

    /**
     * What the command line asked, checked value by value.
     *
     * @throws UsageException naming the flag and the value as written
     */
    public HeadlessOptions toOptions(ParseResult parsed) throws UsageException {
        checkRepeats(parsed);
        SettingsOverrides s = SettingsOverrides.NONE;
        Map<String, String> written = new HashMap<>();
        boolean noReconnect = false;
        for (Setting setting : Setting.values()) {
            if (!parsed.hasMatchedOption(setting.flag())) {
                continue;
            }
            if (setting == Setting.AUTO_RECONNECT) {
                noReconnect = true;
                continue;
            }
            if (setting.kind() == Setting.Kind.BOOLEAN) {
                s = s.with(setting, true); // a switch such as --reconnect-when-stale
                continue;
            }
            String text = parsed.matchedOption(setting.flag()).originalStringValues().get(0);
            written.put(setting.flag(), text);
            try {
                s = s.with(setting, setting.parse(text));
            } catch (InvalidSettingException e) {
                throw new UsageException("invalid value for " + setting.flag() + ": " + e.getMessage());
            }
        }
        if (parsed.hasMatchedOption("--duration")) {
            written.put("--duration", parsed.matchedOption("--duration").originalStringValues().get(0));
        }
        AlertHooks alerts;
        try {
            alerts = new AlertHooks(Optional.ofNullable(alertWebhook), Optional.empty());
        } catch (IllegalArgumentException e) {
            String shown = AlertHooks.shownWebhook(alertWebhook);
            throw new UsageException("--alert-webhook" + (shown.isEmpty() ? "" : " " + shown) + ": " + e.getMessage());
        }
        if (alertCommand != null && alertCommand.isBlank()) {
            throw new UsageException("--alert-command: must not be blank; give a command, e.g. --alert-command"
                    + " 'notify.sh \"$WSMON_TEXT\"'");
        }
        alerts = new AlertHooks(alerts.webhook(), Optional.ofNullable(alertCommand));
        FeedFlags feed = feedFlags();
        return new HeadlessOptions(urls, s, noReconnect, Optional.ofNullable(duration), headers, subprotocols,
                Optional.ofNullable(profile), metricsPort == null ? OptionalInt.empty() : OptionalInt.of(metricsPort),
                insecure, demo, written, headless, Optional.ofNullable(theme), Optional.ofNullable(proxy),
                new HandshakeFlags(Optional.ofNullable(ca), Optional.ofNullable(clientCert), Optional.ofNullable(clientKey),
                        Optional.ofNullable(clientCertPassword).map(Secret::of), Optional.ofNullable(origin),
                        noCompression), alerts, feed).withMetricsLabels(metricsLabels())
                .withMetricsAddress(Optional.ofNullable(metricsAddress));
    }

    /** The feed-session flags, each checked; a bad one is one message naming it. */
    private FeedFlags feedFlags() throws UsageException {
        List<Responder> responders = new ArrayList<>();
        for (String r : respond) {
            try {
                responders.add(Responder.parse("--respond", r));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        for (String text : onOpen) {
            if (text.isEmpty()) {
                throw new UsageException("--on-open '': give the text to send");
            }
        }
        Optional<String> expect = Optional.ofNullable(heartbeatExpect);
        if (heartbeat != null || expect.isPresent()) {
            try {
                if (heartbeat == null) {
                    throw new IllegalArgumentException("is given without --heartbeat TEXT; give the heartbeat to send too");
                }
                new Heartbeat(heartbeat, expect);
            } catch (IllegalArgumentException e) {
                String where = heartbeat == null || e.getMessage().startsWith("heartbeat expect")
                        ? "--heartbeat-expect '" + heartbeatExpect + "'" : "--heartbeat";
                throw new UsageException(where + ": " + e.getMessage());
            }
        }
        long max = FeedFlags.DEFAULT_PRINT_MAX;
        if (printMax != null) {
            try {
                max = ByteSizes.parse(printMax);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--print-max " + printMax + ": " + e.getMessage());
            }
            if (max < 1) {
                throw new UsageException("--print-max " + printMax + ": must be at least 1 byte");
            }
        }
        return new FeedFlags(onOpen, responders, Optional.ofNullable(heartbeat), expect, printMessages, max);
    }

    /** {@code --metrics-label}, each checked; a name given twice is refused, naming both values. */
    private MetricsLabels metricsLabels() throws UsageException {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String text : metricsLabels) {
            Map.Entry<String, String> label;
            try {
                label = MetricsLabels.parse(text);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--metrics-label " + text + ": " + e.getMessage());
            }
            String earlier = labels.putIfAbsent(label.getKey(), label.getValue());
            if (earlier != null) {
                throw new UsageException("--metrics-label " + label.getKey() + " is given twice ('" + earlier + "', '"
                        + label.getValue() + "'); give it once");
            }
        }
        return new MetricsLabels(labels);
    }
}
