package dev.wsmon.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The build's version, from a resource Maven filters (so that it is right in tests too, not only in the jar). */
public final class Version implements IVersionProvider {

    /** {@code 0.1.0}, or {@code dev} when the resource is missing. */
    public static String current() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version", "");
                if (!v.isBlank() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (IOException e) {
            // fall back below
        }
        String v = Version.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The project's licence (SPDX id), as in the LICENSE file. */
    public static final String LICENCE = "Apache-2.0";

    @Override
    public String[] getVersion() {
        return new String[] {"wsmon " + current(), "Java " + System.getProperty("java.version") + " ("
                + System.getProperty("java.vm.name") + ")", "Licence: " + LICENCE
                + " (LICENSE; bundled components: THIRD-PARTY)"};
    }
}
