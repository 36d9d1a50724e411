package dev.wsmon.app.desktop;

import java.lang.reflect.Field;

/**
 * Run in a JVM of its own by {@link PulseRateTest} (JavaFX's classes initialise once per JVM): applies {@link PulseRate}
 * as the launcher does, initialises the animation timer as the toolkit's start does, and prints the period in
 * milliseconds that the toolkit would start its pulse timer with.
 */
public final class PulseRateProbe {

    private PulseRateProbe() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        PulseRate.apply(System.getProperties());
        ClassLoader loader = PulseRateProbe.class.getClassLoader();
        Class.forName("com.sun.scenario.animation.AbstractPrimaryTimer", true, loader); // prints its line if told a rate
        Class<?> toolkit = Class.forName(PulseRate.TOOLKIT, true, loader);
        Object instance = toolkit.getDeclaredConstructor().newInstance(); // constructing starts nothing
        Field interval = toolkit.getDeclaredField("PULSE_INTERVAL");
        interval.setAccessible(true);
        System.out.println(interval.get(instance));
    }
}
