package io.fer.train.data.synthetic;

import java.awt.Color;

/** Colour arithmetic for the painter (integer results, so rendering stays exact). */
final class Colors {

    private Colors() {}

    /** {@code a} towards {@code b} by {@code t} (0..1). */
    static Color mix(Color a, Color b, double t) {
        return new Color(channel(a.getRed() + (b.getRed() - a.getRed()) * t),
                channel(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
                channel(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }

    /** Brighter ({@code f > 1}) or darker. */
    static Color scale(Color c, double f) {
        return new Color(channel(c.getRed() * f), channel(c.getGreen() * f), channel(c.getBlue() * f));
    }

    /** The colour with an alpha of {@code alpha} (0..1). */
    static Color alpha(Color c, double alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), channel(alpha * 255));
    }

    static int channel(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
