package io.fer.core.face;

import java.util.List;
import java.util.Objects;

/**
 * The five facial landmarks YuNet finds, in image pixel coordinates. "Right" and "left" are the person's: in an
 * upright, frontal face the right eye is the one on the image's left.
 *
 * @param rightEye centre of the person's right eye
 * @param leftEye centre of the person's left eye
 * @param nose tip of the nose
 * @param rightMouth right corner of the mouth
 * @param leftMouth left corner of the mouth
 */
public record FaceLandmarks(Point rightEye, Point leftEye, Point nose, Point rightMouth, Point leftMouth) {

    /** A point in image pixel coordinates (x to the right, y down). */
    public record Point(double x, double y) {
        public Point {
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                throw new IllegalArgumentException("A landmark needs finite coordinates, got " + x + ", " + y);
            }
        }
    }

    public FaceLandmarks {
        Objects.requireNonNull(rightEye, "rightEye");
        Objects.requireNonNull(leftEye, "leftEye");
        Objects.requireNonNull(nose, "nose");
        Objects.requireNonNull(rightMouth, "rightMouth");
        Objects.requireNonNull(leftMouth, "leftMouth");
    }

    /** From ten numbers: x, y of the right eye, left eye, nose, right and left mouth corner (YuNet's order). */
    public static FaceLandmarks of(double... xy) {
        if (xy.length != 10) {
            throw new IllegalArgumentException("Five landmarks need 10 coordinates, got " + xy.length);
        }
        return new FaceLandmarks(new Point(xy[0], xy[1]), new Point(xy[2], xy[3]), new Point(xy[4], xy[5]),
                new Point(xy[6], xy[7]), new Point(xy[8], xy[9]));
    }

    /** The five points in YuNet's order. */
    public List<Point> points() {
        return List.of(rightEye, leftEye, nose, rightMouth, leftMouth);
    }

    /** Midway between the eyes. */
    public Point eyeCenter() {
        return new Point((rightEye.x + leftEye.x) / 2, (rightEye.y + leftEye.y) / 2);
    }

    /** Midway between the mouth corners. */
    public Point mouthCenter() {
        return new Point((rightMouth.x + leftMouth.x) / 2, (rightMouth.y + leftMouth.y) / 2);
    }

    /** The angle of the line from the right eye to the left eye, in radians; 0 when the eyes are level. */
    public double eyeAngle() {
        return Math.atan2(leftEye.y - rightEye.y, leftEye.x - rightEye.x);
    }
}
