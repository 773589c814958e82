package io.fer.train.data.synthetic;

import java.awt.Color;

/**
 * The fixed look of one synthetic person: head shape, colouring, hair, the relaxed geometry of brows, eyes, nose and
 * mouth, and how the person tends to sit in the frame and in the light. Geometry is in face units (origin at the face
 * centre, x to the right, y down, the face about 2 units wide).
 */
record Identity(
        double faceHalfWidth, double faceHalfHeight, double jaw,
        Color skin, Color lips, Color hair, Color iris, Color clothing, Color backgroundTop, Color backgroundBottom,
        HairStyle hairStyle, double hairline, double hairPart, double hairVolume,
        double eyeY, double eyeSpacing, double eyeHalfWidth, double eyeOpen,
        double browGap, double browThickness,
        double noseY, double noseWidth,
        double mouthY, double mouthHalfWidth, double upperLip, double lowerLip, double restingLift,
        double age,
        double offsetX, double offsetY, double scale, double tilt,
        double lightAngle, double lightStrength, double noise) {

    /** Broad hair styles; each is drawn with per-person proportions. */
    enum HairStyle { SHORT, SIDE_PART, LONG, BUZZ, BALD }

    private static final Color[] SKIN_TONES = {
        new Color(241, 210, 186), new Color(230, 186, 155), new Color(214, 164, 128), new Color(190, 138, 100),
        new Color(160, 110, 78), new Color(126, 84, 60), new Color(96, 64, 46)
    };
    private static final Color[] HAIR_COLOURS = {
        new Color(24, 20, 18), new Color(44, 32, 24), new Color(72, 50, 32), new Color(110, 76, 46),
        new Color(160, 118, 70), new Color(200, 164, 110), new Color(120, 58, 30), new Color(150, 146, 140)
    };
    private static final Color[] IRIS_COLOURS = {
        new Color(60, 38, 24), new Color(88, 60, 36), new Color(70, 96, 120), new Color(84, 104, 70),
        new Color(40, 30, 26)
    };

    /** A random person; every trait comes from {@code random} alone. */
    static Identity random(SeededRandom random) {
        Color skin = pick(SKIN_TONES, random);
        double skinLuma = luma(skin);
        Color hair = random.chance(0.15) ? pick(HAIR_COLOURS, random) : HAIR_COLOURS[random.nextInt(4)];
        // Keep hair visibly different from skin (blond hair on fair skin would vanish) by darkening it if needed.
        if (Math.abs(luma(hair) - skinLuma) < 60) {
            hair = Colors.scale(hair, Math.max(0.25, (skinLuma - 70) / Math.max(1, luma(hair))));
        }
        Color lips = Colors.mix(Colors.scale(skin, 0.78), new Color(170, 70, 72), random.uniform(0.25, 0.45));
        Color clothing = Color.getHSBColor((float) random.nextDouble(), (float) random.uniform(0.1, 0.6),
                (float) random.uniform(0.2, 0.8));
        // The background is darker than the face (as under typical indoor lighting), with a little hue.
        double bgLevel = random.uniform(0.3, 0.75) * skinLuma / 255.0;
        Color backgroundTop = Color.getHSBColor((float) random.nextDouble(), (float) random.uniform(0.05, 0.35),
                (float) Math.min(0.9, bgLevel * random.uniform(0.9, 1.3)));
        Color backgroundBottom = Colors.scale(backgroundTop, random.uniform(0.6, 1.0));
        HairStyle[] styles = HairStyle.values();
        HairStyle style = random.chance(0.85) ? styles[random.nextInt(3)] : styles[3 + random.nextInt(2)];
        return new Identity(
                random.uniform(0.93, 1.05), random.uniform(1.24, 1.40), random.uniform(0.72, 0.92),
                skin, lips, hair, pick(IRIS_COLOURS, random), clothing, backgroundTop, backgroundBottom,
                style, random.uniform(-0.98, -0.80), random.uniform(-1, 1), random.uniform(0.04, 0.16),
                random.uniform(-0.16, -0.08), random.uniform(0.40, 0.46), random.uniform(0.17, 0.20),
                random.uniform(0.060, 0.075),
                random.uniform(0.20, 0.26), random.uniform(0.055, 0.085),
                random.uniform(0.30, 0.38), random.uniform(0.15, 0.19),
                random.uniform(0.64, 0.72), random.uniform(0.32, 0.39), random.uniform(0.045, 0.065),
                random.uniform(0.06, 0.085), random.uniform(-0.015, 0.015),
                random.uniform(0, 1),
                random.uniform(-0.025, 0.025), random.uniform(-0.02, 0.02), random.uniform(0.93, 1.05),
                random.uniform(-0.05, 0.05),
                random.uniform(-0.95 * Math.PI, -0.05 * Math.PI), random.uniform(0.4, 1.0), random.uniform(1.0, 3.5));
    }

    private static Color pick(Color[] palette, SeededRandom random) {
        // Interpolate between neighbours so that tones are continuous rather than a handful of fixed colours.
        double t = random.uniform(0, palette.length - 1);
        int i = (int) Math.floor(t);
        return Colors.mix(palette[i], palette[Math.min(i + 1, palette.length - 1)], t - i);
    }

    static double luma(Color c) {
        return 0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue();
    }
}
