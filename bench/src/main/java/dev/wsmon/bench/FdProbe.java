package dev.wsmon.bench;

/** Child JVM: prints its own "Max open files" soft and hard limits, to see whether the JVM raised the soft one. */
public final class FdProbe {

    private FdProbe() {
    }

    public static void main(String[] args) {
        long[] limits = Sys.fdLimits(ProcessHandle.current().pid());
        System.out.println("FD soft=" + limits[0] + " hard=" + limits[1]);
    }
}
