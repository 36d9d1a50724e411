package dev.wsmon.app.desktop;

import java.util.Properties;

/**
 * The desktop pulses 30 times a second unless the operator set {@code javafx.animation.pulse} (ADR 0175).
 *
 * <p>JavaFX reads that property twice: the toolkit when its class initialises (the rate of its pulse timer), and the
 * animation timer when its own class does, which then prints "Setting PULSE_DURATION to 30 hz" on stderr. So the
 * property is set only while the toolkit's class initialises here; the animation timer, finding none, takes the
 * toolkit's rate and prints nothing.
 */
final class PulseRate {

    static final String PROPERTY = "javafx.animation.pulse";
    static final int HZ = 30;
    static final String TOOLKIT = "com.sun.javafx.tk.quantum.QuantumToolkit";

    private PulseRate() {
    }

    /** Before the toolkit starts; {@code properties} are the system properties, where JavaFX reads them. */
    static void apply(Properties properties) {
        if (properties.containsKey(PROPERTY)) {
            return; // the operator's rate, and JavaFX's line about it
        }
        properties.setProperty(PROPERTY, Integer.toString(HZ));
        try {
            Class.forName(TOOLKIT, true, PulseRate.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // another JavaFX, or one that cannot load: its own rate, and launching says what is wrong
        } finally {
            properties.remove(PROPERTY);
        }
    }
}
