package dev.wsmon.app;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import sun.misc.Signal;

/**
 * Handles SIGINT, SIGTERM and SIGHUP (a closed terminal or ssh session) alike, instead of letting the JVM exit: a shutdown hook runs after the JVM has
 * decided to exit with 128 + signal (143 for SIGTERM), whereas the contract asks for a clean close and
 * exit status 0; the desktop, too, must save its window and close its connections. {@code sun.misc.Signal} (module jdk.unsupported) is the supported way to do this on JDK 17+.
 */
public final class SignalTrap {

    private SignalTrap() {
    }

    /**
     * @param onFirst called on the first signal (from the JVM's signal thread): start a clean stop
     * @param onRepeat called with the signal number on a later one: the operator insists
     */
    public static void install(Runnable onFirst, IntConsumer onRepeat) {
        AtomicInteger count = new AtomicInteger();
        for (String name : new String[] {"INT", "TERM", "HUP"}) {
            try {
                Signal.handle(new Signal(name), s -> {
                    if (count.incrementAndGet() == 1) {
                        onFirst.run();
                    } else {
                        onRepeat.accept(s.getNumber());
                    }
                });
            } catch (IllegalArgumentException e) {
                // not available here (e.g. the JVM runs with -Xrs); the default handling stays. Under nohup the
                // JVM leaves an ignored SIGHUP ignored.
            }
        }
    }
}
