package dev.wsmon.app.cli;

import dev.wsmon.app.Version;
import dev.wsmon.app.headless.Header;
import dev.wsmon.app.headless.HeadlessOptions;
import dev.wsmon.app.headless.UsageException;
import dev.wsmon.app.profile.ByteSizes;
import dev.wsmon.app.profile.SettingField;
import dev.wsmon.app.profile.SettingsOverrides;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The command line, as picocli parses it ({@code cli-contract.md}). Settings flags have no default here:
 * an absent flag must not override a profile, so the defaults shown are the engine's.
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

    @Option(names = "--headless", description = "Run without a window: events as JSON Lines on stdout.")
    boolean headless;

    @Option(names = "--ping-interval", paramLabel = "D", converter = DurationConverter.class,
            description = "Time between keepalive pings while OPEN (default: 20s).")
    Duration pingInterval;

    @Option(names = "--ping-timeout", paramLabel = "D", converter = DurationConverter.class,
            description = "A ping without pong for this long ends the connection: 1006, cause keepalive-timeout"
                    + " (default: 20s).")
    Duration pingTimeout;

    @Option(names = "--open-timeout", paramLabel = "D", converter = DurationConverter.class,
            description = "TCP connect + TLS + HTTP upgrade must finish within this (default: 10s).")
    Duration openTimeout;

    @Option(names = "--close-timeout", paramLabel = "D", converter = DurationConverter.class,
            description = "A close handshake not finished within this aborts the TCP connection (default: 10s).")
    Duration closeTimeout;

    @Option(names = "--reconnect-initial", paramLabel = "D", converter = DurationConverter.class,
            description = "First reconnect delay, before jitter (default: 500ms).")
    Duration reconnectInitial;

    @Option(names = "--reconnect-max", paramLabel = "D", converter = DurationConverter.class,
            description = "Cap of the reconnect delay (default: 30s).")
    Duration reconnectMax;

    @Option(names = "--no-reconnect", description = "Stop after the first CLOSED of each connection.")
    boolean noReconnect;

    @Option(names = "--duration", paramLabel = "D", converter = DurationConverter.class,
            description = "Close cleanly and exit after D (default: run until SIGINT/SIGTERM).")
    Duration duration;

    @Option(names = "--header", paramLabel = "'Name: value'", converter = HeaderConverter.class,
            description = "Extra handshake header, repeatable; $${ENV} in the value is expanded at connect time.")
    List<Header> headers = new ArrayList<>();

    @Option(names = "--subprotocol", paramLabel = "P", converter = SubprotocolConverter.class,
            description = "Requested subprotocol, repeatable, most preferred first.")
    List<String> subprotocols = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "FILE",
            description = "Connections and settings from a profile file (JSON); flags override it.")
    Path profile;

    @Option(names = "--metrics-port", paramLabel = "N", converter = PortConverter.class,
            description = "Serve Prometheus metrics on http://127.0.0.1:N/metrics (0: any free port, printed on"
                    + " stderr).")
    Integer metricsPort;

    @Option(names = "--max-message-size", paramLabel = "N", converter = ByteSizeConverter.class,
            description = "A received message larger than this closes with 1009; a larger send is refused."
                    + " Bytes, or KiB/MiB/GiB (default: 16MiB).")
    Long maxMessageSize;

    @Option(names = "--insecure", description = "Accept any TLS certificate for any host name (warned on stderr).")
    boolean insecure;

    @Option(names = "--demo", description = "Also start a local echo server and monitor it (pings every 1s).")
    boolean demo;

    /** Read by the desktop UI from the command line; declared here so the parser accepts and checks it. */
    @Option(names = "--theme", paramLabel = "light|dark", converter = ThemeConverter.class,
            description = "Desktop only: start with the light or dark theme (default: the last one used).")
    String theme;

    @Option(names = "--reconnect-multiplier", paramLabel = "X", converter = NumberConverter.class,
            description = "Growth of the reconnect delay per failure, 1 to 10 (default: 2).")
    Double reconnectMultiplier;

    @Option(names = "--reconnect-jitter", paramLabel = "F", converter = NumberConverter.class,
            description = "Randomised fraction of each reconnect delay, 0 to 1 (default: 0.5).")
    Double reconnectJitter;

    @Option(names = "--stable-period", paramLabel = "D", converter = DurationConverter.class,
            description = "An OPEN lasting this long resets the reconnect backoff (default: 30s).")
    Duration stablePeriod;

    @Option(names = "--send-queue-cap", paramLabel = "N", converter = ByteSizeConverter.class,
            description = "Bytes accepted for sending but not yet written, at most; beyond, sends are refused"
                    + " with queue-full (default: 32MiB).")
    Long sendQueueCap;

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
     * The headless options.
     *
     * @throws UsageException when a size does not fit its setting
     */
    public HeadlessOptions toOptions() throws UsageException {
        SettingsOverrides s = SettingsOverrides.NONE;
        s = put(s, SettingField.PING_INTERVAL, pingInterval);
        s = put(s, SettingField.PING_TIMEOUT, pingTimeout);
        s = put(s, SettingField.OPEN_TIMEOUT, openTimeout);
        s = put(s, SettingField.CLOSE_TIMEOUT, closeTimeout);
        s = put(s, SettingField.RECONNECT_INITIAL, reconnectInitial);
        s = put(s, SettingField.RECONNECT_MAX, reconnectMax);
        s = put(s, SettingField.RECONNECT_MULTIPLIER, reconnectMultiplier);
        s = put(s, SettingField.RECONNECT_JITTER, reconnectJitter);
        s = put(s, SettingField.STABLE_PERIOD, stablePeriod);
        s = size(s, SettingField.MAX_MESSAGE_SIZE, maxMessageSize);
        s = size(s, SettingField.SEND_QUEUE_CAP, sendQueueCap);
        return new HeadlessOptions(urls, s, noReconnect, Optional.ofNullable(duration), headers, subprotocols,
                Optional.ofNullable(profile), metricsPort == null ? OptionalInt.empty() : OptionalInt.of(metricsPort),
                insecure, demo);
    }

    private static SettingsOverrides size(SettingsOverrides s, SettingField field, Long bytes) throws UsageException {
        if (bytes == null) {
            return s;
        }
        try {
            return s.with(field, field.sizeValue(bytes));
        } catch (IllegalArgumentException e) {
            throw new UsageException(field.flag() + " " + ByteSizes.format(bytes) + ": " + e.getMessage());
        }
    }

    private static SettingsOverrides put(SettingsOverrides s, SettingField field, Object value) {
        return value == null ? s : s.with(field, value);
    }
}
