package io.fer.train.data.synthetic;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;

/** A plain indoor backdrop for scene images: a shaded wall, a floor line and a few furniture-like boxes. */
final class SceneBackground {

    private SceneBackground() {}

    static void paint(Graphics2D g, int width, int height, Color wall, SeededRandom random) {
        g.setPaint(new GradientPaint(0, 0, Colors.scale(wall, 1.1), 0, height, Colors.scale(wall, 0.75)));
        g.fillRect(0, 0, width, height);
        double floor = height * random.uniform(0.65, 0.9);
        g.setColor(Colors.scale(Colors.mix(wall, new Color(90, 70, 50), 0.5), 0.7));
        g.fill(new Rectangle2D.Double(0, floor, width, height - floor));
        int boxes = 2 + random.nextInt(4);
        for (int i = 0; i < boxes; i++) {
            double w = width * random.uniform(0.08, 0.3);
            double h = height * random.uniform(0.1, 0.4);
            double x = random.uniform(-0.05, 0.95) * width;
            double y = random.uniform(0.05, 0.8) * height;
            Color c = Color.getHSBColor((float) random.nextDouble(), (float) random.uniform(0.05, 0.4),
                    (float) random.uniform(0.2, 0.8));
            g.setPaint(new GradientPaint((float) x, (float) y, c, (float) (x + w), (float) (y + h),
                    Colors.scale(c, 0.7)));
            g.fill(new Rectangle2D.Double(x, y, w, h));
            if (random.chance(0.5)) {
                g.setColor(Colors.scale(c, 0.5));
                g.fill(new Rectangle2D.Double(x + w * 0.1, y + h * 0.1, w * 0.8, h * 0.8));
            }
        }
        if (random.chance(0.6)) {
            double r = Math.min(width, height) * random.uniform(0.03, 0.08);
            double x = random.uniform(0.05, 0.95) * width;
            double y = random.uniform(0.05, 0.4) * height;
            g.setColor(new Color(250, 240, 210));
            g.fill(new Ellipse2D.Double(x - r, y - r, 2 * r, 2 * r));
        }
    }
}
