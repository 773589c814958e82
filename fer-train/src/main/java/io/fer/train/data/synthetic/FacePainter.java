package io.fer.train.data.synthetic;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.MultipleGradientPaint.ColorSpaceType;
import java.awt.MultipleGradientPaint.CycleMethod;
import java.awt.RadialGradientPaint;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.QuadCurve2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;

/**
 * Draws one person (shoulders, neck, head, hair and an expression) in face units onto a {@link Graphics2D} whose
 * transform already maps face units to pixels.
 *
 * <p>Shading follows what frontal-face detectors and expression models key on in photographs: eye sockets and brows
 * darker than the cheeks, a lighter nose bridge, a face lit from one side and brighter than the background. Only
 * shapes and gradient fills are used (no text), so the output is the same on every machine.
 */
final class FacePainter {

    private static final Color BLACK = new Color(0, 0, 0);
    private static final Color WHITE = new Color(255, 255, 255);
    private static final Color MOUTH_CAVITY = new Color(62, 24, 26);
    private static final Color TEETH = new Color(236, 230, 216);
    private static final Color SCLERA = new Color(226, 222, 214);
    private static final Color LASHES = new Color(30, 22, 20);

    private final Graphics2D g;
    private final Identity id;
    private final ExpressionShape s;
    private final ImageVariation v;
    private final double bodyDepth;
    /** Unit vector towards the light (y down, so negative y is light from above). */
    private final double lightX;
    private final double lightY;
    private final Shape face;
    private final Color shadow;
    private final SeededRandom hairTexture;

    /**
     * @param bodyDepth how far below the face centre (in face units) the clothes must reach to fill the image
     * @param hairTexture source of the person's hair strands (the same for every image of the person)
     */
    FacePainter(Graphics2D g, Identity id, ExpressionShape s, ImageVariation v, double bodyDepth,
            SeededRandom hairTexture) {
        this.g = g;
        this.hairTexture = hairTexture;
        this.id = id;
        this.s = s;
        this.v = v;
        this.bodyDepth = bodyDepth;
        double angle = id.lightAngle() + v.lightTurn();
        this.lightX = StrictMath.cos(angle);
        this.lightY = StrictMath.sin(angle);
        this.face = faceOutline();
        this.shadow = Colors.scale(id.skin(), 0.42);
    }

    void paint() {
        paintHairBack();
        paintNeckAndClothes();
        paintEars();
        paintFaceShading();
        paintEyeSockets();
        paintNose();
        paintCheeks();
        paintFolds();
        paintWrinkles();
        paintEyes();
        paintBrows();
        paintMouth();
        paintHairFront();
    }

    // ---------------------------------------------------------------- head, body, hair

    /** An egg: the forehead as wide as the head, the jaw narrowing towards the chin. */
    private Shape faceOutline() {
        double a = id.faceHalfWidth();
        double b = id.faceHalfHeight();
        double widest = -0.1;
        double k = 0.5523;
        double upper = b + widest;
        double lower = b - widest;
        double chin = a * id.jaw() * 0.62;
        Path2D p = new Path2D.Double();
        p.moveTo(0, -b);
        p.curveTo(k * a, -b, a, widest - k * upper, a, widest);
        p.curveTo(a, widest + k * lower * 0.85, chin, b, 0, b);
        p.curveTo(-chin, b, -a, widest + k * lower * 0.85, -a, widest);
        p.curveTo(-a, widest - k * upper, -k * a, -b, 0, -b);
        p.closePath();
        return p;
    }

    private void paintHairBack() {
        double a = id.faceHalfWidth();
        double b = id.faceHalfHeight();
        double vol = id.hairVolume();
        Area hair;
        switch (id.hairStyle()) {
            case LONG -> {
                hair = new Area(ellipse(0, -0.25 * b, a * 1.1 + vol, b * 0.85 + vol));
                double half = a * 1.14 + vol;
                hair.add(new Area(new RoundRectangle2D.Double(-half, -0.3, 2 * half, 2.1, 0.7, 0.7)));
            }
            case SHORT, SIDE_PART, BUZZ -> {
                double volume = id.hairStyle() == Identity.HairStyle.BUZZ ? 0.02 : vol;
                hair = new Area(ellipse(0, -0.32 * b, a * 1.06 + volume, b * 0.74 + volume));
                hair.intersect(new Area(new Rectangle2D.Double(-3, -3, 6, 3 - 0.12)));
            }
            case BALD -> {
                // A fringe of short hair around the back of the head, visible only at the temples.
                hair = new Area(ellipse(0, -0.3 * b, a * 1.04, b * 0.6));
                hair.intersect(new Area(new Rectangle2D.Double(-3, -0.55, 6, 0.45)));
            }
            default -> throw new IllegalStateException("unknown hair style " + id.hairStyle());
        }
        g.setPaint(lit(hairColour(), 2.4));
        g.fill(hair);
        paintStrands(hair, 40);
    }

    /** Thin lighter and darker strands from the crown, so that hair reads as hair rather than a cap. */
    private void paintStrands(Shape hair, int count) {
        if (id.hairStyle() == Identity.HairStyle.BUZZ || id.hairStyle() == Identity.HairStyle.BALD) {
            return;
        }
        double a = id.faceHalfWidth();
        double b = id.faceHalfHeight();
        double crownX = 0.35 * id.hairPart() * a;
        double crownY = -b - 0.05;
        Shape oldClip = g.getClip();
        g.clip(hair);
        g.setStroke(stroke(0.018));
        for (int i = 0; i < count; i++) {
            double endX = hairTexture.uniform(-1.3, 1.3) * a;
            double endY = hairTexture.uniform(-0.7, id.hairStyle() == Identity.HairStyle.LONG ? 1.8 : 0.0);
            double bend = hairTexture.uniform(-0.25, 0.25);
            boolean light = hairTexture.chance(0.5);
            g.setColor(Colors.alpha(light ? Colors.scale(id.hair(), 1.6) : Colors.scale(id.hair(), 0.55),
                    hairTexture.uniform(0.15, 0.35)));
            g.draw(new QuadCurve2D.Double(crownX, crownY, (crownX + endX) / 2 + bend + endX * 0.3,
                    (crownY + endY) / 2 - 0.1, endX, endY));
        }
        g.setClip(oldClip);
    }

    private Color hairColour() {
        return id.hairStyle() == Identity.HairStyle.BUZZ || id.hairStyle() == Identity.HairStyle.BALD
                ? Colors.mix(id.hair(), id.skin(), 0.4) : id.hair();
    }

    private void paintNeckAndClothes() {
        double a = id.faceHalfWidth();
        Color skin = id.skin();
        Rectangle2D neck = new Rectangle2D.Double(-0.5 * a, 0.4, a, 1.5);
        g.setPaint(new LinearGradientPaint(new Point2D.Double(0, 0.9), new Point2D.Double(0, 1.5),
                new float[] {0f, 1f}, new Color[] {Colors.scale(skin, 0.5), Colors.scale(skin, 0.8)}));
        g.fill(neck);

        double bottom = Math.max(4, bodyDepth);
        Path2D shoulders = new Path2D.Double();
        shoulders.moveTo(-3.4, bottom);
        shoulders.lineTo(-3.2, 2.4);
        shoulders.curveTo(-2.8, 1.75, -1.3, 1.6, -0.45, 1.52);
        shoulders.lineTo(0.45, 1.52);
        shoulders.curveTo(1.3, 1.6, 2.8, 1.75, 3.2, 2.4);
        shoulders.lineTo(3.4, bottom);
        shoulders.closePath();
        Area clothes = new Area(shoulders);
        clothes.subtract(new Area(ellipse(0, 1.52, 0.5 * a, 0.3)));
        g.setPaint(lit(id.clothing(), 5));
        g.fill(clothes);
    }

    private void paintEars() {
        if (id.hairStyle() == Identity.HairStyle.LONG) {
            return;
        }
        double x = id.faceHalfWidth() * 0.96;
        for (int side = -1; side <= 1; side += 2) {
            g.setColor(Colors.scale(id.skin(), 0.86));
            g.fill(ellipse(side * x, -0.02, 0.13, 0.24));
            g.setColor(Colors.alpha(shadow, 0.45));
            g.fill(ellipse(side * (x + 0.03), 0, 0.05, 0.13));
        }
    }

    private void paintFaceShading() {
        double a = id.faceHalfWidth();
        double b = id.faceHalfHeight();
        Color skin = id.skin();
        g.setColor(skin);
        g.fill(face);
        // Roundness: darker towards the edge of the face, the centre slightly highlighted on the lit side.
        g.setPaint(radial(lightX * 0.2 * a, -0.1 + lightY * 0.1, a * 1.15, b * 1.08,
                new float[] {0f, 0.5f, 0.8f, 1f},
                new Color[] {Colors.alpha(WHITE, 0.10), Colors.alpha(skin, 0), Colors.alpha(shadow, 0.25),
                    Colors.alpha(shadow, 0.75)}));
        g.fill(face);
        // Directional light: one side brighter, the other in shade.
        double strength = id.lightStrength();
        g.setPaint(new LinearGradientPaint(new Point2D.Double(lightX * a, lightY * b),
                new Point2D.Double(-lightX * a, -lightY * b), new float[] {0f, 0.45f, 1f},
                new Color[] {Colors.alpha(WHITE, 0.16 * strength), Colors.alpha(WHITE, 0),
                    Colors.alpha(BLACK, 0.38 * strength)}));
        g.fill(face);
        // Shadow of the jaw on the neck side of the chin and a lighter forehead.
        g.setPaint(radial(0, -0.62, 0.55, 0.3, new float[] {0f, 1f},
                new Color[] {Colors.alpha(WHITE, 0.10), Colors.alpha(WHITE, 0)}));
        g.fill(ellipse(0, -0.62, 0.55, 0.3));
    }

    // ---------------------------------------------------------------- eyes and brows

    private double eyeX(int side) {
        return side * id.eyeSpacing();
    }

    private double browBaseY() {
        return id.eyeY() - id.browGap();
    }

    private void paintEyeSockets() {
        double lift = (s.browInnerRaise() + s.browOuterRaise()) * 0.35;
        for (int side = -1; side <= 1; side += 2) {
            double cx = eyeX(side);
            double cy = id.eyeY() - 0.05 - lift;
            double rx = id.eyeHalfWidth() * 1.55;
            double ry = 0.17 + lift * 0.5;
            g.setPaint(radial(cx, cy, rx, ry, new float[] {0f, 0.55f, 1f},
                    new Color[] {Colors.alpha(shadow, 0.55), Colors.alpha(shadow, 0.3), Colors.alpha(shadow, 0)}));
            g.fill(ellipse(cx, cy, rx, ry));
        }
        // The bridge between the eyes catches light.
        double cy = id.eyeY() - 0.04;
        g.setPaint(radial(0, cy, 0.09, 0.2, new float[] {0f, 1f},
                new Color[] {Colors.alpha(WHITE, 0.2), Colors.alpha(WHITE, 0)}));
        g.fill(ellipse(0, cy, 0.09, 0.2));
    }

    private void paintEyes() {
        double halfWidth = id.eyeHalfWidth();
        double upper = Math.max(0.012, id.eyeOpen() + s.eyeOpen());
        double lower = Math.max(0.01, id.eyeOpen() * 0.7 - s.lowerLidRaise());
        for (int side = -1; side <= 1; side += 2) {
            double cx = eyeX(side);
            double cy = id.eyeY();
            double innerX = cx - side * halfWidth;
            double outerX = cx + side * halfWidth;
            double innerY = cy + 0.012;
            double outerY = cy - 0.006;
            Path2D upperLid = new Path2D.Double();
            upperLid.moveTo(innerX, innerY);
            curveThrough(upperLid, innerX, innerY, outerX, outerY, cy - upper, 0.55);
            Path2D eye = new Path2D.Double(upperLid);
            curveThrough(eye, outerX, outerY, innerX, innerY, cy + lower, 0.55);
            eye.closePath();
            Area opening = new Area(eye);

            g.setColor(SCLERA);
            g.fill(opening);
            double irisX = cx + v.gazeX();
            double irisY = cy + v.gazeY() + 0.006;
            double irisR = halfWidth * 0.42;
            g.setColor(id.iris());
            g.fill(clipped(ellipse(irisX, irisY, irisR, irisR), opening));
            g.setColor(new Color(12, 10, 10));
            g.fill(clipped(ellipse(irisX, irisY, irisR * 0.45, irisR * 0.45), opening));
            g.setColor(Colors.alpha(WHITE, 0.8));
            g.fill(clipped(ellipse(irisX + lightX * irisR * 0.4, irisY + lightY * irisR * 0.4, 0.013, 0.013),
                    opening));
            // The upper lid casts a shadow on the eyeball.
            g.setPaint(new LinearGradientPaint(new Point2D.Double(cx, cy - upper), new Point2D.Double(cx, cy),
                    new float[] {0f, 1f}, new Color[] {Colors.alpha(BLACK, 0.35), Colors.alpha(BLACK, 0)}));
            g.fill(opening);

            g.setStroke(stroke(0.03));
            g.setColor(Colors.alpha(LASHES, 0.92));
            g.draw(upperLid);
            Path2D lowerLid = new Path2D.Double();
            lowerLid.moveTo(outerX, outerY);
            curveThrough(lowerLid, outerX, outerY, innerX, innerY, cy + lower, 0.55);
            g.setStroke(stroke(0.014));
            g.setColor(Colors.alpha(shadow, 0.55));
            g.draw(lowerLid);

            // Lid crease above, and the bulge under the eye that a raised lower lid (cheek push) makes.
            Path2D crease = new Path2D.Double();
            crease.moveTo(innerX, innerY - 0.02);
            curveThrough(crease, innerX, innerY - 0.02, outerX, outerY - 0.02, cy - upper - 0.055, 0.55);
            g.setStroke(stroke(0.016));
            g.setColor(Colors.alpha(shadow, 0.45));
            g.draw(crease);
            double bulge = 0.2 + 12 * Math.max(0, s.lowerLidRaise());
            Path2D bag = new Path2D.Double();
            bag.moveTo(innerX, innerY + 0.02);
            curveThrough(bag, innerX, innerY + 0.02, outerX, outerY + 0.02, cy + lower + 0.05, 0.55);
            g.setStroke(stroke(0.018));
            g.setColor(Colors.alpha(shadow, Math.min(0.7, bulge * 0.5)));
            g.draw(bag);
        }
    }

    private void paintBrows() {
        double base = browBaseY();
        double halfWidth = id.eyeHalfWidth();
        double thickness = id.browThickness();
        Color brow = Colors.mix(id.hair(), BLACK, 0.25);
        for (int side = -1; side <= 1; side += 2) {
            double cx = eyeX(side);
            double innerX = cx - side * (halfWidth * 0.95 + s.browInnerIn());
            double innerY = base + 0.015 - s.browInnerRaise();
            double outerX = cx + side * halfWidth * 1.25;
            double outerY = base + 0.035 - s.browOuterRaise();
            double ctrlX = cx + side * halfWidth * 0.3;
            double ctrlY = (innerY + outerY) / 2 - 0.05 - s.browArch();
            // Shadow of the brow ridge under the brow.
            QuadCurve2D spine = new QuadCurve2D.Double(innerX, innerY + thickness, ctrlX, ctrlY + thickness,
                    outerX, outerY + thickness);
            g.setStroke(stroke(thickness * 1.6));
            g.setColor(Colors.alpha(shadow, 0.18));
            g.draw(spine);
            g.setColor(Colors.alpha(brow, 0.93));
            g.fill(taperedBrow(innerX, innerY, ctrlX, ctrlY, outerX, outerY, thickness));
        }
    }

    /** A brow as a filled band along a quadratic curve, thick at the inner end and thin at the outer. */
    private static Shape taperedBrow(double x0, double y0, double cx, double cy, double x1, double y1,
            double thickness) {
        int steps = 14;
        double[] ux = new double[steps + 1];
        double[] uy = new double[steps + 1];
        double[] lx = new double[steps + 1];
        double[] ly = new double[steps + 1];
        for (int i = 0; i <= steps; i++) {
            double t = (double) i / steps;
            double u = 1 - t;
            double px = u * u * x0 + 2 * u * t * cx + t * t * x1;
            double py = u * u * y0 + 2 * u * t * cy + t * t * y1;
            double dx = 2 * u * (cx - x0) + 2 * t * (x1 - cx);
            double dy = 2 * u * (cy - y0) + 2 * t * (y1 - cy);
            double len = Math.sqrt(dx * dx + dy * dy);
            double nx = -dy / len;
            double ny = dx / len;
            double half = thickness * (0.62 - 0.4 * t * t);
            ux[i] = px + nx * half;
            uy[i] = py + ny * half;
            lx[i] = px - nx * half;
            ly[i] = py - ny * half;
        }
        Path2D p = new Path2D.Double();
        p.moveTo(ux[0], uy[0]);
        for (int i = 1; i <= steps; i++) {
            p.lineTo(ux[i], uy[i]);
        }
        for (int i = steps; i >= 0; i--) {
            p.lineTo(lx[i], ly[i]);
        }
        p.closePath();
        return p;
    }

    // ---------------------------------------------------------------- nose, cheeks, folds, wrinkles

    private void paintNose() {
        double top = id.eyeY();
        double tip = id.noseY();
        double width = id.noseWidth();
        double mid = (top + tip) / 2;
        double half = (tip - top) / 2;
        // Light bridge, shaded sides (the side away from the light darker).
        g.setPaint(radial(-lightX * 0.01, mid - 0.04, 0.065, half + 0.05, new float[] {0f, 1f},
                new Color[] {Colors.alpha(WHITE, 0.24), Colors.alpha(WHITE, 0)}));
        g.fill(ellipse(-lightX * 0.01, mid - 0.04, 0.065, half + 0.05));
        for (int side = -1; side <= 1; side += 2) {
            double away = 0.16 + 0.12 * (-side * lightX);
            double x = side * width * 0.78;
            g.setPaint(radial(x, mid + 0.06, 0.055, half, new float[] {0f, 1f},
                    new Color[] {Colors.alpha(shadow, away), Colors.alpha(shadow, 0)}));
            g.fill(ellipse(x, mid + 0.06, 0.055, half));
        }
        g.setPaint(radial(0, tip - 0.07, width * 0.7, 0.075, new float[] {0f, 1f},
                new Color[] {Colors.alpha(WHITE, 0.2), Colors.alpha(WHITE, 0)}));
        g.fill(ellipse(0, tip - 0.07, width * 0.7, 0.075));
        // Disgust pulls the nostrils up and flares them.
        double raise = s.nostrilRaise();
        double flare = 1 + 4 * raise;
        for (int side = -1; side <= 1; side += 2) {
            double wingX = side * width * 0.85 * flare;
            g.setPaint(radial(wingX, tip - 0.035 - raise, 0.06, 0.055, new float[] {0f, 1f},
                    new Color[] {Colors.alpha(shadow, 0.28), Colors.alpha(shadow, 0)}));
            g.fill(ellipse(wingX, tip - 0.035 - raise, 0.06, 0.055));
        }
        g.setPaint(radial(0, tip + 0.045, width * 1.15, 0.04, new float[] {0f, 1f},
                new Color[] {Colors.alpha(shadow, 0.32), Colors.alpha(shadow, 0)}));
        g.fill(ellipse(0, tip + 0.045, width * 1.15, 0.04));
        g.setColor(Colors.alpha(Colors.scale(id.skin(), 0.28), 0.85));
        for (int side = -1; side <= 1; side += 2) {
            g.fill(ellipse(side * width * 0.45 * flare, tip - raise, 0.042 * flare, 0.022));
        }
    }

    private void paintCheeks() {
        double raise = s.cheekRaise();
        Color warm = Colors.mix(id.skin(), new Color(200, 80, 80), 0.5);
        for (int side = -1; side <= 1; side += 2) {
            double x = side * 0.52;
            double y = 0.22 - 0.07 * raise;
            g.setPaint(radial(x, y, 0.24, 0.17, new float[] {0f, 1f},
                    new Color[] {Colors.alpha(warm, 0.10 + 0.15 * raise), Colors.alpha(warm, 0)}));
            g.fill(ellipse(x, y, 0.24, 0.17));
            if (raise > 0) {
                // Raised cheeks become round and catch the light.
                g.setPaint(radial(x, y - 0.03, 0.17, 0.12, new float[] {0f, 1f},
                        new Color[] {Colors.alpha(WHITE, 0.22 * raise), Colors.alpha(WHITE, 0)}));
                g.fill(ellipse(x, y - 0.03, 0.17, 0.12));
            }
        }
    }

    private double mouthY() {
        return id.mouthY() + s.mouthDrop();
    }

    private double cornerX(int side) {
        double half = id.mouthHalfWidth() + s.mouthWidth();
        return side < 0 ? -half : half + s.contemptWiden();
    }

    private double cornerY(int side) {
        double lift = id.restingLift() + s.cornerLift() + (side > 0 ? s.contemptLift() : 0);
        return mouthY() - lift;
    }

    private void paintFolds() {
        double tip = id.noseY();
        for (int side = -1; side <= 1; side += 2) {
            double strength = 0.05 + 0.2 * id.age() + s.nasolabial() + (side > 0 ? 3 * s.contemptLift() : 0);
            strength = Math.min(1, strength);
            double startX = side * (id.noseWidth() + 0.08);
            double endX = cornerX(side) + side * 0.06;
            double endY = cornerY(side) + 0.05;
            QuadCurve2D fold = new QuadCurve2D.Double(startX, tip - 0.05, endX + side * 0.06, (tip + endY) / 2,
                    endX, endY);
            g.setStroke(stroke(0.04));
            g.setColor(Colors.alpha(shadow, 0.5 * strength));
            g.draw(fold);
            QuadCurve2D rim = new QuadCurve2D.Double(startX + side * 0.04, tip - 0.06, endX + side * 0.11,
                    (tip + endY) / 2 - 0.01, endX + side * 0.05, endY - 0.01);
            g.setStroke(stroke(0.04));
            g.setColor(Colors.alpha(WHITE, 0.16 * strength));
            g.draw(rim);
        }
    }

    private void paintWrinkles() {
        double base = browBaseY() - 0.5 * (s.browInnerRaise() + s.browOuterRaise());
        double forehead = Math.min(1, s.foreheadWrinkle() + 0.15 * id.age());
        for (int i = 0; i < 3; i++) {
            double y = base - 0.17 - 0.09 * i;
            if (y < id.hairline() + 0.1) {
                break;
            }
            double alpha = forehead * (i == 0 ? 0.5 : 0.4);
            g.setStroke(stroke(0.02));
            g.setColor(Colors.alpha(shadow, alpha));
            g.draw(new QuadCurve2D.Double(-0.42, y + 0.025, 0, y - 0.03, 0.42, y + 0.025));
            g.setColor(Colors.alpha(WHITE, alpha * 0.4));
            g.draw(new QuadCurve2D.Double(-0.42, y + 0.05, 0, y - 0.005, 0.42, y + 0.05));
        }
        double glabella = s.glabellaWrinkle();
        if (glabella > 0) {
            double y = browBaseY() - s.browInnerRaise();
            g.setStroke(stroke(0.022));
            g.setColor(Colors.alpha(shadow, 0.6 * glabella));
            for (int side = -1; side <= 1; side += 2) {
                g.draw(new QuadCurve2D.Double(side * 0.05, y - 0.07, side * 0.03, y, side * 0.055, y + 0.09));
            }
        }
        double nose = s.noseWrinkle();
        if (nose > 0) {
            // "Bunny lines": short creases running from the bridge down and out over the sides of the nose.
            g.setStroke(stroke(0.02));
            g.setColor(Colors.alpha(shadow, 0.5 * nose));
            for (int i = 0; i < 2; i++) {
                double y = id.eyeY() + 0.07 + 0.07 * i;
                for (int side = -1; side <= 1; side += 2) {
                    g.draw(new QuadCurve2D.Double(side * 0.03, y - 0.02, side * 0.08, y - 0.01, side * 0.13, y + 0.06));
                }
            }
            g.setPaint(radial(0, id.eyeY() + 0.1, 0.09, 0.1, new float[] {0f, 1f},
                    new Color[] {Colors.alpha(shadow, 0.25 * nose), Colors.alpha(shadow, 0)}));
            g.fill(ellipse(0, id.eyeY() + 0.1, 0.09, 0.1));
        }
        // The groove between lower lip and chin, deepened when the chin is pushed up.
        double y = mouthY() + s.mouthOpen() * 0.55 + id.lowerLip() + 0.1;
        g.setStroke(stroke(0.03));
        g.setColor(Colors.alpha(shadow, 0.15 + 0.45 * s.chinRaise()));
        g.draw(new QuadCurve2D.Double(-0.17, y + 0.02, 0, y - 0.03, 0.17, y + 0.02));
        if (s.chinRaise() > 0) {
            g.setPaint(radial(0, y + 0.13, 0.2, 0.1, new float[] {0f, 1f},
                    new Color[] {Colors.alpha(WHITE, 0.18 * s.chinRaise()), Colors.alpha(WHITE, 0)}));
            g.fill(ellipse(0, y + 0.13, 0.2, 0.1));
        }
    }

    // ---------------------------------------------------------------- mouth

    private void paintMouth() {
        double press = Math.min(1, s.lipPress());
        double yc = mouthY();
        double lx = cornerX(-1);
        double ly = cornerY(-1);
        double rx = cornerX(1);
        double ry = cornerY(1);
        double open = Math.max(0, s.mouthOpen());
        double roundness = 0.45 + 0.55 * Math.min(1, s.mouthRound());
        double upperLip = id.upperLip() * (1 - 0.7 * press);
        double lowerLip = id.lowerLip() * (1 - 0.65 * press) * (1 + 0.35 * s.lowerLipPout());
        double innerTop = yc - open * 0.42 - s.upperLipRaise();
        double innerBottom = yc + open * 0.58;
        double outerTop = innerTop - upperLip;
        double outerBottom = innerBottom + lowerLip;

        // Shadow of the philtrum and below the lower lip give the mouth relief.
        double tip = id.noseY();
        g.setPaint(radial(0, (tip + outerTop) / 2 + 0.02, 0.045, (outerTop - tip) / 2, new float[] {0f, 1f},
                new Color[] {Colors.alpha(shadow, 0.12), Colors.alpha(shadow, 0)}));
        g.fill(ellipse(0, (tip + outerTop) / 2 + 0.02, 0.045, Math.max(0.01, (outerTop - tip) / 2)));
        double lipSpan = (rx - lx) / 2;
        g.setPaint(radial(0, outerBottom + 0.045, lipSpan * 0.6, 0.045, new float[] {0f, 1f},
                new Color[] {Colors.alpha(shadow, 0.35), Colors.alpha(shadow, 0)}));
        g.fill(ellipse(0, outerBottom + 0.045, lipSpan * 0.6, 0.045));

        Path2D lips = new Path2D.Double();
        lips.moveTo(lx, ly);
        curveThrough(lips, lx, ly, rx, ry, outerTop, roundness);
        curveThrough(lips, rx, ry, lx, ly, outerBottom, roundness);
        lips.closePath();
        g.setColor(id.lips());
        g.fill(lips);
        Path2D upper = new Path2D.Double();
        upper.moveTo(lx, ly);
        curveThrough(upper, lx, ly, rx, ry, outerTop, roundness);
        curveThrough(upper, rx, ry, lx, ly, innerTop, roundness);
        upper.closePath();
        g.setColor(Colors.scale(id.lips(), 0.85));
        g.fill(upper);
        g.setPaint(radial(0, (innerBottom + outerBottom) / 2, lipSpan * 0.4, lowerLip * 0.4,
                new float[] {0f, 1f}, new Color[] {Colors.alpha(WHITE, 0.2), Colors.alpha(WHITE, 0)}));
        g.fill(ellipse(0, (innerBottom + outerBottom) / 2, lipSpan * 0.4, lowerLip * 0.4));

        boolean opened = open > 0.006 || s.upperLipRaise() > 0.006;
        Color parting = Colors.scale(id.lips(), 0.4);
        if (opened) {
            Path2D cavity = new Path2D.Double();
            cavity.moveTo(lx, ly);
            curveThrough(cavity, lx, ly, rx, ry, innerTop, roundness);
            curveThrough(cavity, rx, ry, lx, ly, innerBottom, roundness);
            cavity.closePath();
            Area inside = new Area(cavity);
            g.setColor(MOUTH_CAVITY);
            g.fill(inside);
            paintTeeth(inside, lx, ly, rx, ry, innerTop, 0.065, s.upperTeeth(), roundness);
            paintTeeth(inside, lx, ly, rx, ry, innerBottom, -0.05, s.lowerTeeth(), roundness);
            g.setStroke(stroke(0.014));
            g.setColor(Colors.alpha(parting, 0.8));
            g.draw(cavity);
        } else {
            Path2D line = new Path2D.Double();
            line.moveTo(lx, ly);
            curveThrough(line, lx, ly, rx, ry, yc, roundness);
            g.setStroke(stroke(0.022 + 0.01 * press));
            g.setColor(parting);
            g.draw(line);
        }
        // Dimples at the corners: deeper where the corner is pulled (smile, contempt, pressed lips).
        for (int side = -1; side <= 1; side += 2) {
            double pull = 0.35 + 3 * Math.abs(s.cornerLift()) + (side > 0 ? 4 * s.contemptLift() : 0) + 0.3 * press;
            double x = side < 0 ? lx : rx;
            double y = side < 0 ? ly : ry;
            g.setColor(Colors.alpha(shadow, Math.min(0.85, 0.35 * pull)));
            g.fill(ellipse(x + side * 0.015, y, 0.022, 0.022));
        }
    }

    private void paintTeeth(Area inside, double lx, double ly, double rx, double ry, double edgeY, double depth,
            double amount, double roundness) {
        if (amount <= 0) {
            return;
        }
        Path2D band = new Path2D.Double();
        band.moveTo(lx, ly);
        curveThrough(band, lx, ly, rx, ry, edgeY, roundness);
        curveThrough(band, rx, ry, lx, ly, edgeY + depth, roundness);
        band.closePath();
        Area teeth = new Area(band);
        teeth.intersect(inside);
        g.setColor(Colors.alpha(TEETH, Math.min(1, amount)));
        g.fill(teeth);
    }

    // ---------------------------------------------------------------- hair in front

    private void paintHairFront() {
        if (id.hairStyle() == Identity.HairStyle.BALD) {
            return;
        }
        double a = id.faceHalfWidth();
        double top = id.hairline();
        double part = id.hairPart();
        double sweep = id.hairStyle() == Identity.HairStyle.SIDE_PART ? 0.14 * part : 0.03 * part;
        double templeLeft = top + 0.5 + sweep;
        double templeRight = top + 0.5 - sweep;
        // The hairline: highest in the middle (shifted towards the parting), coming down at the temples.
        double peakX = 0.25 * part * a;
        double peakY = top - 0.02;
        Path2D above = new Path2D.Double();
        above.moveTo(-3, -3);
        above.lineTo(3, -3);
        above.lineTo(3, templeRight);
        above.lineTo(a * 1.05, templeRight);
        above.curveTo(a * 0.9, top + 0.12 - sweep, a * 0.45, peakY - sweep, peakX, peakY);
        above.curveTo(-a * 0.45, peakY + sweep, -a * 0.9, top + 0.12 + sweep, -a * 1.05, templeLeft);
        above.lineTo(-3, templeLeft);
        above.closePath();
        Area hairline = new Area(above);
        if (id.hairStyle() != Identity.HairStyle.LONG) {
            // Sideburns in front of the ears, tapering downwards.
            for (int side = -1; side <= 1; side += 2) {
                double temple = side > 0 ? templeRight : templeLeft;
                Path2D burn = new Path2D.Double();
                burn.moveTo(side * (a - 0.13), temple - 0.05);
                burn.lineTo(side * (a + 1), temple - 0.05);
                burn.lineTo(side * (a + 1), temple + 0.4);
                burn.lineTo(side * (a - 0.05), temple + 0.4);
                burn.closePath();
                hairline.add(new Area(burn));
            }
        }
        Area fringe = new Area(face);
        fringe.intersect(hairline);
        // Shadow the hair casts on the forehead.
        g.setPaint(new LinearGradientPaint(new Point2D.Double(0, top), new Point2D.Double(0, top + 0.12),
                new float[] {0f, 1f}, new Color[] {Colors.alpha(shadow, 0.35), Colors.alpha(shadow, 0)}));
        g.fill(face);
        g.setPaint(lit(hairColour(), 2.4));
        g.fill(fringe);
        paintStrands(fringe, 30);
    }

    // ---------------------------------------------------------------- helpers

    /** A fill that is lighter towards the light and darker away from it, across {@code extent} face units. */
    private LinearGradientPaint lit(Color base, double extent) {
        double k = 0.25 * id.lightStrength();
        return new LinearGradientPaint(new Point2D.Double(lightX * extent / 2, lightY * extent / 2),
                new Point2D.Double(-lightX * extent / 2, -lightY * extent / 2), new float[] {0f, 1f},
                new Color[] {Colors.scale(base, 1 + k), Colors.scale(base, 1 - k)});
    }

    /**
     * Appends a cubic from (x0, y0) to (x1, y1) whose midpoint lies at height {@code midY}; both control points share
     * one height, and {@code roundness} (0.45 slit .. 1 round) says how close to the ends they sit horizontally.
     */
    private static void curveThrough(Path2D path, double x0, double y0, double x1, double y1, double midY,
            double roundness) {
        double xm = (x0 + x1) / 2;
        double controlY = (8 * midY - y0 - y1) / 6;
        path.curveTo(xm + (x0 - xm) * roundness, controlY, xm + (x1 - xm) * roundness, controlY, x1, y1);
    }

    private static RadialGradientPaint radial(double cx, double cy, double rx, double ry, float[] fractions,
            Color[] colours) {
        AffineTransform stretch = new AffineTransform(rx, 0, 0, ry, cx, cy);
        return new RadialGradientPaint(new Point2D.Double(0, 0), 1f, new Point2D.Double(0, 0), fractions, colours,
                CycleMethod.NO_CYCLE, ColorSpaceType.SRGB, stretch);
    }

    private static Ellipse2D ellipse(double cx, double cy, double rx, double ry) {
        return new Ellipse2D.Double(cx - rx, cy - ry, 2 * rx, 2 * ry);
    }

    private static Area clipped(Shape shape, Area clip) {
        Area area = new Area(shape);
        area.intersect(clip);
        return area;
    }

    private static BasicStroke stroke(double width) {
        return new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }
}
