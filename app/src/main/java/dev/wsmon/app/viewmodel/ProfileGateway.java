package dev.wsmon.app.viewmodel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads and writes profile files (the headless {@code --profile} format) for the desktop. */
public interface ProfileGateway {

    /**
     * @throws IOException with a one-line message naming the file and what is wrong
     */
    Loaded load(Path file) throws IOException;

    /** Writes {@code connections} (never the demo's) to {@code file}. */
    void save(Path file, List<ConnectionSpec> connections) throws IOException;

    /** A profile that loaded; {@code warnings} name what was ignored. */
    record Loaded(List<ConnectionSpec> connections, List<String> warnings) {
        public Loaded {
            connections = List.copyOf(connections);
            warnings = List.copyOf(warnings);
        }
    }
}
