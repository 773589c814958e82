package io.fer.train.data.synthetic;

import io.fer.core.Expression;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/**
 * Renders images of synthetic people from a seed: either a face-centred crop ({@code imageSize} square) or a larger
 * scene in which the face is as big as it would be in such a crop. Every image is a pure function of the seed, the
 * person, the expression and the frame, so nothing needs to be kept in memory.
 */
final class FaceRenderer {

    /** Face units per pixel of crop size: the face (about 2.6 units tall) fills about 80% of the crop height. */
    private static final double UNIT_PER_CROP = 0.30;

    private static final long IDENTITY_STREAM = 1;
    private static final long IMAGE_STREAM = 2;
    private static final long SCENE_STREAM = 3;
    private static final long NOISE_STREAM = 4;
    private static final long HAIR_STREAM = 5;

    private final long seed;
    private final int imageSize;
    private final int sceneWidth;
    private final int sceneHeight;

    /** A crop renderer, or a scene renderer when {@code sceneWidth} and {@code sceneHeight} are positive. */
    FaceRenderer(long seed, int imageSize, int sceneWidth, int sceneHeight) {
        this.seed = seed;
        this.imageSize = imageSize;
        this.sceneWidth = sceneWidth;
        this.sceneHeight = sceneHeight;
    }

    boolean scenes() {
        return sceneWidth > 0;
    }

    Identity identity(int person) {
        return Identity.random(new SeededRandom(seed, IDENTITY_STREAM, person));
    }

    /** Where the face of this image sits, in pixels: its centre, its size (pixels per face unit) and roll. */
    record Placement(double centreX, double centreY, double unit, double tilt) {

        /** The bounding box of the face outline (forehead to chin, cheek to cheek), ignoring the small roll. */
        Rectangle2D faceBox(Identity id) {
            double halfWidth = id.faceHalfWidth() * unit;
            double halfHeight = id.faceHalfHeight() * unit;
            return new Rectangle2D.Double(centreX - halfWidth, centreY - halfHeight, 2 * halfWidth, 2 * halfHeight);
        }
    }

    Placement placement(int person, Expression expression, int frame, int frames) {
        Identity id = identity(person);
        ImageVariation v = variation(person, expression, frame, frames);
        double unit = imageSize * UNIT_PER_CROP * id.scale() * v.scale();
        double tilt = id.tilt() + v.tilt();
        if (!scenes()) {
            return new Placement(imageSize * (0.5 + id.offsetX() + v.offsetX()),
                    imageSize * (0.52 + id.offsetY() + v.offsetY()), unit, tilt);
        }
        SeededRandom random = sceneRandom(person, expression, frame, 0);
        // Keep hair, ears and chin inside the scene.
        double marginX = 1.35 * unit;
        double top = 1.6 * unit;
        double bottom = 1.5 * unit;
        double x = marginX + random.nextDouble() * Math.max(0, sceneWidth - 2 * marginX);
        double y = top + random.nextDouble() * Math.max(0, sceneHeight - top - bottom);
        return new Placement(x, y, unit, tilt);
    }

    BufferedImage render(int person, Expression expression, int frame, int frames) {
        ImageVariation v = variation(person, expression, frame, frames);
        return render(person, expression, frame, frames, ExpressionShape.apex(expression).times(v.intensity()));
    }

    /** The image of {@code expression}'s frame, but with the face drawn in {@code shape} (tests compare the two). */
    BufferedImage render(int person, Expression expression, int frame, int frames, ExpressionShape shape) {
        Identity id = identity(person);
        ImageVariation v = variation(person, expression, frame, frames);
        Placement place = placement(person, expression, frame, frames);
        int width = scenes() ? sceneWidth : imageSize;
        int height = scenes() ? sceneHeight : imageSize;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
            if (scenes()) {
                SceneBackground.paint(g, width, height, Colors.mix(id.backgroundTop(), new Color(200, 190, 170), 0.3),
                        sceneRandom(person, expression, frame, 1));
            } else {
                g.setPaint(new GradientPaint(0, 0, id.backgroundTop(), 0, height, id.backgroundBottom()));
                g.fillRect(0, 0, width, height);
            }
            // Face units to pixels: translate to the face centre, then rotate and scale (trigonometry via StrictMath
            // so that the transform is bit-identical everywhere).
            double cos = StrictMath.cos(place.tilt()) * place.unit();
            double sin = StrictMath.sin(place.tilt()) * place.unit();
            g.transform(new AffineTransform(cos, sin, -sin, cos, place.centreX(), place.centreY()));
            double bodyDepth = (height - place.centreY()) / place.unit() + 1;
            new FacePainter(g, id, shape, v, bodyDepth,
                    new SeededRandom(seed, HAIR_STREAM, person)).paint();
        } finally {
            g.dispose();
        }
        PixelFinish.apply(image, v.brightness(), id.noise(),
                new SeededRandom(seed, NOISE_STREAM, person, expression.ordinal(), frame, v.noiseSeed()));
        return image;
    }

    private ImageVariation variation(int person, Expression expression, int frame, int frames) {
        return ImageVariation.random(new SeededRandom(seed, IMAGE_STREAM, person, expression.ordinal(), frame),
                frame, frames);
    }

    private SeededRandom sceneRandom(int person, Expression expression, int frame, int purpose) {
        return new SeededRandom(seed, SCENE_STREAM, person, expression.ordinal(), frame, purpose);
    }
}
