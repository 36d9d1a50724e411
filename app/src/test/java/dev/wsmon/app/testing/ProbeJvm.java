package dev.wsmon.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a test class's {@code main} in a JVM of its own, on this test run's class path: for what holds once per JVM
 * (JavaFX's classes initialise once, its toolkit starts once). Asserts that it ends within a minute and exits 0.
 */
public final class ProbeJvm {

    /** What the probe printed. */
    public record Output(String stdout, String stderr) {
    }

    private ProbeJvm() {
    }

    /** @param env variables set (or, mapped to null, removed) in the probe's environment */
    public static Output run(Class<?> main, Map<String, String> env, String... jvmArgs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmArgs));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        ProcessBuilder builder = new ProcessBuilder(command);
        env.forEach((k, v) -> {
            if (v == null) {
                builder.environment().remove(k);
            } else {
                builder.environment().put(k, v);
            }
        });
        Process p = builder.start();
        p.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        String out = readAll(p.getInputStream());
        boolean ended = p.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String stderr = err.join();
        assertThat(ended).as("probe ended").isTrue();
        assertThat(p.exitValue()).as("probe exit; stdout:\n%s\nstderr:\n%s", out, stderr).isZero();
        return new Output(out, stderr);
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
