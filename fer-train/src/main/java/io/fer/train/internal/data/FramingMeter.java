package io.fer.train.internal.data;


import io.fer.core.face.DetectedFace;
import io.fer.core.face.FaceDetector;
import io.fer.core.face.FaceLandmarks;
import io.fer.core.image.RgbImage;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Measures how a face fills a square face crop, by finding it with a detector that gives landmarks (YuNet): where
 * the eyes and mouth lie and how large the face and its detected box are, as fractions of the crop's side. Used to
 * compare the framing of a data set of face crops (FER2013) with the crops fer cuts from photographs, by applying
 * the same measurement to both.
 *
 * <p>A face that fills its whole image is not found by YuNet, so the crop is first enlarged to
 * {@code scaledSide} pixels (bilinear) and drawn in the middle of a neutral-grey canvas twice that side; landmarks and
 * box are mapped back into the crop's own frame (0..1 on each axis, pixel edges, y down).
 */
public final class FramingMeter {
    /** Grey of the canvas around the crop. */
    private static final int PAD_GREY = 128;

    private final FaceDetector detector;
    private final int scaledSide;

    /**
     * @param detector finds faces with landmarks; stays open (the caller closes it)
     * @param scaledSide the side, in pixels, the crop is enlarged to before detection (192 suits YuNet: a 48-pixel
     *     crop enlarged 4x)
     */
    public FramingMeter(FaceDetector detector, int scaledSide) {
        this.detector = Objects.requireNonNull(detector, "detector");
        if (scaledSide < 16 || scaledSide > 1024) {
            throw new IllegalArgumentException("scaledSide must be 16..1024 pixels, got " + scaledSide);
        }
        this.scaledSide = scaledSide;
    }

    /**
     * Where a face lies in one crop, every figure a fraction of the crop's side.
     *
     * @param eyeX x of the midpoint between the eyes
     * @param eyeY y of the midpoint between the eyes
     * @param interocular distance between the eyes
     * @param mouthX x of the midpoint between the mouth corners
     * @param mouthY y of the midpoint between the mouth corners
     * @param eyeToMouth distance from the eyes' midpoint to the mouth's
     * @param boxWidth width of the detected box
     * @param boxHeight height of the detected box
     * @param boxCenterX x of the box's centre
     * @param boxCenterY y of the box's centre
     * @param boxTop y of the box's top edge
     * @param boxBottom y of the box's bottom edge
     */
    public record Framing(double eyeX, double eyeY, double interocular, double mouthX, double mouthY,
            double eyeToMouth, double boxWidth, double boxHeight, double boxCenterX, double boxCenterY, double boxTop,
            double boxBottom) {}

    /**
     * Measures one square crop.
     *
     * @return the framing of the largest face whose box centre lies inside the crop; empty when none is found or the
     *     face found has no landmarks
     * @throws IllegalArgumentException if the crop is not square
     */
    public Optional<Framing> measure(RgbImage crop) {
        if (crop.width() != crop.height()) {
            throw new IllegalArgumentException("FramingMeter measures square crops, got " + crop.width() + "x"
                    + crop.height());
        }
        int side = scaledSide;
        int canvas = 2 * side;
        int offset = (canvas - side) / 2;
        RgbImage scaled = crop.resize(side, side);
        byte[] out = new byte[canvas * canvas * 3];
        Arrays.fill(out, (byte) PAD_GREY);
        byte[] in = scaled.toBytes();
        for (int y = 0; y < side; y++) {
            System.arraycopy(in, y * side * 3, out, ((y + offset) * canvas + offset) * 3, side * 3);
        }
        List<DetectedFace> faces = detector.detect(RgbImage.of(canvas, canvas, out));
        Optional<DetectedFace> face = faces.stream().filter(DetectedFace::hasLandmarks)
                .filter(f -> inside(f.box().centerX(), offset, side) && inside(f.box().centerY(), offset, side))
                .max(Comparator.comparingLong(f -> f.box().area()));
        return face.map(f -> framing(f, offset, side));
    }

    private static boolean inside(double v, int offset, int side) {
        return v >= offset && v <= offset + side;
    }

    private static Framing framing(DetectedFace f, int offset, int side) {
        FaceLandmarks l = f.landmarks();
        FaceLandmarks.Point eyes = l.eyeCenter();
        FaceLandmarks.Point mouth = l.mouthCenter();
        double s = side;
        double iod = Math.hypot(l.leftEye().x() - l.rightEye().x(), l.leftEye().y() - l.rightEye().y()) / s;
        double em = Math.hypot(mouth.x() - eyes.x(), mouth.y() - eyes.y()) / s;
        double bx = (f.box().x() - offset) / s;
        double by = (f.box().y() - offset) / s;
        double bw = f.box().width() / s;
        double bh = f.box().height() / s;
        return new Framing((eyes.x() - offset) / s, (eyes.y() - offset) / s, iod, (mouth.x() - offset) / s,
                (mouth.y() - offset) / s, em, bw, bh, bx + bw / 2, by + bh / 2, by, by + bh);
    }

    /** The median of one figure over many framings. */
    public static double median(List<Framing> framings, ToDoubleFunction<Framing> figure) {
        return quantile(framings, figure, 0.5);
    }

    /**
     * A quantile (0..1, linear between order statistics) of one figure over many framings.
     *
     * @throws IllegalArgumentException if there are none
     */
    public static double quantile(List<Framing> framings, ToDoubleFunction<Framing> figure, double q) {
        if (framings.isEmpty()) {
            throw new IllegalArgumentException("No framings to take a quantile of");
        }
        double[] v = framings.stream().mapToDouble(figure).sorted().toArray();
        double pos = q * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(v.length - 1, lo + 1);
        return v[lo] + (v[hi] - v[lo]) * (pos - lo);
    }
}
