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
 *
 * <p>{@code prism.dirtyregioncount=15} (Prism's maximum; its default is 6): a frame redraws up to that many rectangles
 * around what changed, and Prism merges the nearest when more changed. A second of the idle demo changes about ten
 * small places (table cells, the chart's subtitle, the log's line count, the inspector's count) besides the chart and
 * the log; with six rectangles, merging them redrew the whole band between the table and the chart, and the width of
 * the log's toolbar, in every frame (ADR 0177).
 */
final class RenderingDefaults {

    static final Map<String, String> DEFAULTS = Map.of("prism.disableRegionCaching", "true", "prism.dirtyregioncount", "15");

    private RenderingDefaults() {
    }

    /** Sets each default that {@code properties} does not already have. */
    static void apply(Properties properties) {
        DEFAULTS.forEach(properties::putIfAbsent);
    }
}
