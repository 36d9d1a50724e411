package dev.wsmon.bench;

import dev.wsmon.app.demo.DemoServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Child JVM of the UI benchmark: the app's demo echo server (it also sends every client a tick a second, so log lines
 * flow as well as pongs), in its own process so that its CPU is not the UI's. Prints {@code URI ws://…}, ends on
 * {@code quit} or end of input.
 */
public final class UiServer {

    private UiServer() {
    }

    public static void main(String[] args) throws Exception {
        try (DemoServer server = DemoServer.start()) {
            System.out.println("URI " + server.uri());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.equals("quit")) {
                // only quit matters
            }
        }
        System.exit(0);
    }
}
