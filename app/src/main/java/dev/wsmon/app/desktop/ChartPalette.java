package dev.wsmon.app.desktop;

import java.awt.Color;

/**
 * The latency chart's colours. JFreeChart paints with AWT and ignores CSS, so each theme names its chart colours
 * here, matching the named colours of its stylesheet.
 */
record ChartPalette(
        Color background,
        Color plotBackground,
        Color grid,
        Color axis,
        Color text,
        Color rtt,
        Color p50,
        Color p95,
        Color connecting,
        Color closing,
        Color closed,
        Color settingsMark,
        Color appRtt) {

    static final ChartPalette LIGHT = new ChartPalette(
            new Color(0xffffff),
            new Color(0xfbfcfd),
            new Color(0xe3e7ec),
            new Color(0x9aa4b0),
            new Color(0x3c4650),
            new Color(0x2563eb),
            new Color(0x0f766e),
            new Color(0x9333ea),
            alpha(0xf2b01e, 70),
            alpha(0xe8710a, 80),
            alpha(0xd93025, 60),
            new Color(0x475569),
            new Color(0xd97706));

    static final ChartPalette DARK = new ChartPalette(
            new Color(0x1e2127),
            new Color(0x1a1d22),
            new Color(0x2e333b),
            new Color(0x5c6573),
            new Color(0xc9d1d9),
            new Color(0x60a5fa),
            new Color(0x2dd4bf),
            new Color(0xc084fc),
            alpha(0xf2b01e, 60),
            alpha(0xf28c28, 70),
            alpha(0xf05545, 60),
            new Color(0xa8b3c1),
            new Color(0xfbbf24));

    private static Color alpha(int rgb, int a) {
        return new Color((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, a);
    }
}
