package dev.wsmon.app;

/** Entry point of {@code wsmon.jar}; a placeholder until the headless and desktop modes land. */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        System.out.println("wsmon " + version());
    }

    static String version() {
        String v = Launcher.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
