package dev.wsmon.app.headless;

import dev.wsmon.core.MonitoredConnection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * Sends each line of standard input as one text message to a connection. End of input ends only the
 * pump, not the run: monitoring goes on.
 */
final class StdinPump {

    private StdinPump() {
    }

    /** Starts a daemon thread reading {@code in}; lines read once {@code stopping} holds are dropped. */
    static Thread start(InputStream in, MonitoredConnection target, BooleanSupplier stopping) {
        Thread t = new Thread(() -> pump(in, target, stopping), "wsmon-stdin");
        t.setDaemon(true); // a blocked read must not keep the JVM alive
        t.start();
        return t;
    }

    private static void pump(InputStream in, MonitoredConnection target, BooleanSupplier stopping) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null && !stopping.getAsBoolean()) {
                try {
                    target.send(line); // the outcome is an event: message out + delivered, or send_failed
                } catch (RuntimeException e) {
                    return; // the engine is shutting down
                }
            }
        } catch (IOException e) {
            // standard input closed or unreadable: nothing more to send
        }
    }
}
