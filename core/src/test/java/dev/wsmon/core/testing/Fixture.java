package dev.wsmon.core.testing;

import dev.wsmon.core.Endpoint;
import dev.wsmon.core.Monitor;
import dev.wsmon.core.MonitoredConnection;
import dev.wsmon.core.Settings;
import dev.wsmon.core.TlsOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A real engine for a test: a monitor, and connections each with an {@link EventRecorder}. */
public final class Fixture implements AutoCloseable {

    /** A generous bound for "promptly" on a busy 2-core machine. */
    public static final Duration PROMPT = Duration.ofSeconds(5);
    /** What a timing bound may exceed its nominal value by: scheduling, GC, a loaded CI box. */
    public static final Duration MARGIN = Duration.ofMillis(600);

    public final Monitor monitor = Monitor.create();

    /** Fast timers so the suite stays fast: 200 ms ping interval, ping timeout and close timeout. */
    public static Settings.Builder fast() {
        return Settings.builder()
                .pingInterval(Duration.ofMillis(200))
                .pingTimeout(Duration.ofMillis(200))
                .closeTimeout(Duration.ofMillis(200))
                .openTimeout(Duration.ofSeconds(2))
                .reconnectInitial(Duration.ofMillis(20))
                .reconnectMax(Duration.ofMillis(50))
                .stablePeriod(Duration.ofSeconds(30));
    }

    public static Endpoint endpoint(URI uri) {
        return new Endpoint(uri, Map.of(), List.of(), TlsOptions.VERIFY);
    }

    public static URI ws(int port) {
        return URI.create("ws://127.0.0.1:" + port + "/");
    }

    /** A connection being watched: its handle and everything it reported. */
    public record Watched(MonitoredConnection conn, EventRecorder events) {
    }

    public Watched add(String name, Endpoint endpoint, Settings settings) {
        MonitoredConnection c = monitor.add(name, endpoint, settings);
        EventRecorder recorder = new EventRecorder();
        c.addListener(recorder);
        return new Watched(c, recorder);
    }

    public Watched open(String name, URI uri, Settings settings) {
        Watched w = add(name, endpoint(uri), settings);
        w.conn().open();
        return w;
    }

    @Override
    public void close() {
        monitor.shutdown(Duration.ofSeconds(5));
    }
}
