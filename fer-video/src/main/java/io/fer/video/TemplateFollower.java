package io.fer.video;

import io.fer.core.face.FaceBox;
import io.fer.core.image.RgbImage;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.indexer.FloatIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Point;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/** {@link FaceFollower#template()}: normalised cross-correlation of a small grey template near the last position. */
final class TemplateFollower implements FaceFollower {
    /** Template width in pixels: the search costs grow with its square, the precision with its width. */
    private static final int TEMPLATE_WIDTH = 32;
    /** Background kept around the box, per side, as a fraction of its width: a face's outline is its best cue. */
    private static final double MARGIN = 0.15;
    /** How far a face may move between two frames, as a fraction of its width. */
    private static final double REACH = 0.5;
    private static final double MIN_SCORE = 0.5;

    private final Map<Integer, Face> faces = new HashMap<>();

    /** One face: its template at scale {@code scale}, its box size and where it was last. */
    private static final class Face {
        final Mat template;
        final double scale;
        final int width;
        final int height;
        final int offsetX;
        final int offsetY;
        double x;
        double y;

        Face(Mat template, double scale, FaceBox box, Rect templateArea) {
            this.template = template;
            this.scale = scale;
            this.offsetX = box.x() - templateArea.x();
            this.offsetY = box.y() - templateArea.y();
            this.width = box.width();
            this.height = box.height();
            this.x = box.x();
            this.y = box.y();
        }
    }

    @Override
    public void reset(RgbImage frame, Map<Integer, FaceBox> boxes) {
        clear();
        if (boxes.isEmpty()) {
            return;
        }
        try (Mat gray = Mats.gray(frame)) {
            boxes.forEach((id, box) -> {
                Rect r = withMargin(box, MARGIN, gray);
                if (r == null) {
                    return;
                }
                double scale = Math.min(1, TEMPLATE_WIDTH / (double) r.width());
                Mat template = new Mat();
                try (Mat roi = gray.apply(r)) {
                    opencv_imgproc.resize(roi, template, new Size(Math.max(4, (int) Math.round(r.width() * scale)),
                            Math.max(4, (int) Math.round(r.height() * scale))), 0, 0, opencv_imgproc.INTER_AREA);
                }
                faces.put(id, new Face(template, scale, box, r));
            });
        }
    }

    @Override
    public Map<Integer, FaceBox> follow(RgbImage frame) {
        Map<Integer, FaceBox> out = new LinkedHashMap<>();
        if (faces.isEmpty()) {
            return out;
        }
        try (Mat gray = Mats.gray(frame)) {
            faces.forEach((id, face) -> {
                FaceBox found = find(gray, face);
                if (found != null) {
                    out.put(id, found);
                }
            });
        }
        return out;
    }

    private static FaceBox find(Mat gray, Face face) {
        FaceBox last = new FaceBox((int) Math.round(face.x), (int) Math.round(face.y), face.width, face.height);
        Rect area = withMargin(last, MARGIN + REACH, gray);
        if (area == null) {
            return null;
        }
        int sw = (int) Math.round(area.width() * face.scale);
        int sh = (int) Math.round(area.height() * face.scale);
        if (sw < face.template.cols() || sh < face.template.rows()) {
            return null;   // the face has gone too far over the frame's edge to be matched whole
        }
        try (Mat roi = gray.apply(area); Mat small = new Mat(); Mat scores = new Mat()) {
            opencv_imgproc.resize(roi, small, new Size(sw, sh), 0, 0, opencv_imgproc.INTER_AREA);
            opencv_imgproc.matchTemplate(small, face.template, scores, opencv_imgproc.TM_CCOEFF_NORMED);
            double[] min = new double[1];
            double[] max = new double[1];
            Point at = new Point();
            opencv_core.minMaxLoc(scores, min, max, new Point(), at, null);
            if (!(max[0] >= MIN_SCORE)) {
                return null;
            }
            double dx;
            double dy;
            try (FloatIndexer s = scores.createIndexer()) {
                dx = subPixel(s, at.x(), at.y(), true, scores.cols());
                dy = subPixel(s, at.x(), at.y(), false, scores.rows());
            }
            // the template's corner back in the frame at full scale, then the box at its offset inside the template
            face.x = area.x() + (at.x() + dx) * area.width() / (double) sw + face.offsetX;
            face.y = area.y() + (at.y() + dy) * area.height() / (double) sh + face.offsetY;
            return new FaceBox((int) Math.round(face.x), (int) Math.round(face.y), face.width, face.height);
        }
    }

    /** The peak's offset from the best integer position, from a parabola through it and its two neighbours. */
    private static double subPixel(FloatIndexer s, int x, int y, boolean horizontal, int length) {
        int at = horizontal ? x : y;
        if (at <= 0 || at >= length - 1) {
            return 0;
        }
        double left = horizontal ? s.get(y, x - 1) : s.get(y - 1, x);
        double mid = s.get(y, x);
        double right = horizontal ? s.get(y, x + 1) : s.get(y + 1, x);
        double denom = left - 2 * mid + right;
        return denom < 0 ? Math.max(-0.5, Math.min(0.5, 0.5 * (left - right) / denom)) : 0;
    }

    /** The box grown by {@code fraction} of its size on each side and clipped to the frame; null if nothing is left. */
    private static Rect withMargin(FaceBox b, double fraction, Mat gray) {
        int mx = (int) Math.round(b.width() * fraction);
        int my = (int) Math.round(b.height() * fraction);
        int x0 = Math.max(0, b.x() - mx);
        int y0 = Math.max(0, b.y() - my);
        int x1 = Math.min(gray.cols(), b.x() + b.width() + mx);
        int y1 = Math.min(gray.rows(), b.y() + b.height() + my);
        return x1 - x0 < 8 || y1 - y0 < 8 ? null : new Rect(x0, y0, x1 - x0, y1 - y0);
    }

    private void clear() {
        faces.values().forEach(f -> f.template.close());
        faces.clear();
    }

    @Override
    public void close() {
        clear();
    }
}
