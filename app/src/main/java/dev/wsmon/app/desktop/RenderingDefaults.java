package dev.wsmon.app.desktop;

import java.util.Map;
import java.util.Properties;

/**
 * The JavaFX rendering settings wsmon starts with unless the operator set them ({@code -Dname=value} wins). Prism reads
 * them once, when the toolkit starts, so they are applied before the window is launched.
 *
 * <p>{@code prism.disableRegionCaching=true}: Prism draws a control whose background has several fills (most of
 * Modena's: table rows, text fields, split panes, lists) from a cached bitmap stretched over the control. With software
 * rendering (no GPU, remote X, Xvfb) that stretch is a per-pixel texture blit, and it was half of the render thread's
 * time in the idle demo; solid fills drawn directly are cheaper there. On a GPU both ways are cheap (ADR 0173).
 */
final class RenderingDefaults {

    static final Map<String, String> DEFAULTS = Map.of("prism.disableRegionCaching", "true");

    private RenderingDefaults() {
    }

    /** Sets each default that {@code properties} does not already have. */
    static void apply(Properties properties) {
        DEFAULTS.forEach(properties::putIfAbsent);
    }
}
