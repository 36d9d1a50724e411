package dev.wsmon.app.viewmodel;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.Bindings;

/**
 * Export and evidence bundle of the selected connection over the chart's window (ending now), from the history
 * database. The files are written on the history's own thread; the outcome comes back as a status line.
 */
public final class ExportViewModel {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmm").withZone(ZoneOffset.UTC);

    private final MainViewModel main;
    private final UnaryOperator<String> env;
    private final BooleanBinding canExport;

    /** @param env the environment the engine expands {@code ${ENV}} from: its values are secrets the bundle masks */
    public ExportViewModel(MainViewModel main, UnaryOperator<String> env) {
        this.main = Objects.requireNonNull(main, "main");
        this.env = Objects.requireNonNull(env, "env");
        canExport = Bindings.createBooleanBinding(() -> main.selected() != null, main.selectedProperty());
    }

    public BooleanBinding canExportProperty() {
        return canExport;
    }

    /** {@code name-20260101-1200-1h}: the connection, the end of the range (UTC) and its length. */
    public String baseName() {
        ConnectionViewModel c = main.selected();
        String name = c == null ? "wsmon" : c.name().replaceAll("[^A-Za-z0-9._-]+", "_");
        return name + "-" + STAMP.format(Instant.ofEpochMilli(main.now())) + "-"
                + main.windowProperty().get().label().replace(" ", "");
    }

    /** Writes the RTT CSV, the events JSON Lines and the chart PNG of the selected connection into {@code dir}. */
    public void exportTo(Path dir) {
        ConnectionViewModel c = main.selected();
        if (c == null) {
            return;
        }
        long to = main.now() + 1;
        long from = to - 1 - main.windowProperty().get().millis();
        main.say("Exporting " + c.name() + " (last " + main.windowProperty().get().label() + ")…");
        main.history().exportFiles(c.name(), from, to, dir, baseName()).whenComplete((files, error) -> main.post(() ->
                main.say(error == null ? "Exported " + c.name() + " to " + dir + ": " + String.join(", ",
                        files.stream().map(p -> p.getFileName().toString()).toList()) + "."
                        : "Could not export " + c.name() + ": " + message(error) + ".")));
    }

    /** Writes the evidence bundle of the selected connection to {@code zip}. */
    public void bundleTo(Path zip) {
        ConnectionViewModel c = main.selected();
        if (c == null) {
            return;
        }
        long to = main.now() + 1;
        long from = to - 1 - main.windowProperty().get().millis();
        main.say("Packing the evidence of " + c.name() + " (last " + main.windowProperty().get().label() + ")…");
        main.history().bundle(EvidenceSubject.of(c.spec(), c.settings(), env), from, to, zip).whenComplete((file, error) ->
                main.post(() -> main.say(error == null ? "Saved the evidence bundle of " + c.name() + " to " + file
                        + " (secrets redacted)." : "Could not save the evidence bundle: " + message(error) + ".")));
    }

    private static String message(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
