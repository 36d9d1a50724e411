package dev.wsmon.app.desktop;

import java.net.URL;
import java.util.Objects;

/** Light or dark: a stylesheet from {@code resources/css} and the chart's palette to match. */
enum Theme {
    LIGHT("/wsmon/css/wsmon-light.css", ChartPalette.LIGHT),
    DARK("/wsmon/css/wsmon-dark.css", ChartPalette.DARK);

    private final String stylesheet;
    private final ChartPalette palette;

    Theme(String stylesheet, ChartPalette palette) {
        this.stylesheet = stylesheet;
        this.palette = palette;
    }

    String stylesheet() {
        URL url = Objects.requireNonNull(Theme.class.getResource(stylesheet), stylesheet + " missing from the class path");
        return url.toExternalForm();
    }

    ChartPalette palette() {
        return palette;
    }

    Theme other() {
        return this == LIGHT ? DARK : LIGHT;
    }

    static Theme parse(String name) {
        return "DARK".equalsIgnoreCase(name) ? DARK : LIGHT;
    }
}
