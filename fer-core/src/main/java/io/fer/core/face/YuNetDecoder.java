package io.fer.core.face;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns YuNet's raw outputs into faces exactly as OpenCV's {@code FaceDetectorYN} does (OpenCV 4.10,
 * {@code modules/objdetect/src/face_detect.cpp}), so that the ONNX Runtime backend answers like the OpenCV one.
 *
 * <p>For each stride (8, 16, 32) the network gives, per cell of the padded input's grid (row-major), a class and an
 * objectness score, four box numbers and ten landmark numbers. A cell's score is {@code sqrt(cls * obj)}, both
 * clamped to 0..1; cells under the threshold are dropped. The box centre is {@code (column + dx, row + dy) * stride},
 * its size {@code exp(dw), exp(dh)} times the stride; each landmark is {@code (column + lx, row + ly) * stride}.
 * When more than one candidate is left, OpenCV's {@code NMSBoxes} keeps them: boxes truncated to whole pixels, scores
 * above the threshold sorted (stably) high to low, the first {@code topK}, each kept unless it overlaps a kept one
 * by more than the NMS threshold (intersection over union).
 */
final class YuNetDecoder {
    /** The strides of YuNet's three heads. */
    static final int[] STRIDES = {8, 16, 32};
    /** Floats per face row: box, five landmarks, score. */
    static final int ROW = 15;
    /** The padded input's sides are multiples of this. */
    static final int DIVISOR = 32;

    private YuNetDecoder() {}

    /** A side padded up to the next multiple of {@link #DIVISOR}, as {@code FaceDetectorYN} pads its input. */
    static int padded(int side) {
        return ((side - 1) / DIVISOR + 1) * DIVISOR;
    }

    /** One head's outputs: per cell 1 class score, 1 objectness, 4 box and 10 landmark numbers. */
    record Head(float[] cls, float[] obj, float[] bbox, float[] kps) {}

    /**
     * The faces of a padded input of {@code padW x padH}, after non-maximum suppression, in OpenCV's order.
     *
     * @param heads the heads of strides 8, 16 and 32, in that order
     */
    static float[][] decode(Head[] heads, int padW, int padH, float scoreThreshold, float nmsThreshold, int topK) {
        List<float[]> faces = new ArrayList<>();
        for (int i = 0; i < STRIDES.length; i++) {
            int stride = STRIDES[i];
            int cols = padW / stride;
            int rows = padH / stride;
            Head head = heads[i];
            if (head.cls.length < rows * cols) {
                throw new IllegalStateException("YuNet's stride-" + stride + " head gave " + head.cls.length
                        + " cells for a " + padW + "x" + padH + " input, expected " + rows * cols);
            }
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int idx = r * cols + c;
                    float cls = Math.max(0f, Math.min(head.cls[idx], 1f));
                    float obj = Math.max(0f, Math.min(head.obj[idx], 1f));
                    float score = (float) Math.sqrt(cls * obj);
                    if (score < scoreThreshold) {
                        continue;
                    }
                    float[] face = new float[ROW];
                    float cx = (c + head.bbox[idx * 4]) * stride;
                    float cy = (r + head.bbox[idx * 4 + 1]) * stride;
                    float w = (float) Math.exp(head.bbox[idx * 4 + 2]) * stride;
                    float h = (float) Math.exp(head.bbox[idx * 4 + 3]) * stride;
                    face[0] = cx - w / 2f;
                    face[1] = cy - h / 2f;
                    face[2] = w;
                    face[3] = h;
                    for (int n = 0; n < 5; n++) {
                        face[4 + 2 * n] = (head.kps[idx * 10 + 2 * n] + c) * stride;
                        face[5 + 2 * n] = (head.kps[idx * 10 + 2 * n + 1] + r) * stride;
                    }
                    face[14] = score;
                    faces.add(face);
                }
            }
        }
        if (faces.size() <= 1) {
            return faces.toArray(float[][]::new);
        }
        int[] keep = nms(faces, scoreThreshold, nmsThreshold, topK);
        float[][] out = new float[keep.length][];
        for (int i = 0; i < keep.length; i++) {
            out[i] = faces.get(keep[i]);
        }
        return out;
    }

    /** OpenCV's {@code NMSBoxes} on integer boxes (eta 1): the indices kept, highest score first. */
    static int[] nms(List<float[]> faces, float scoreThreshold, float nmsThreshold, int topK) {
        int n = faces.size();
        int[][] boxes = new int[n][];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] f = faces.get(i);
            // C++'s int(...) truncates towards zero, as Java's cast does
            boxes[i] = new int[] {(int) f[0], (int) f[1], (int) f[2], (int) f[3]};
            if (f[14] > scoreThreshold) {
                order.add(i);
            }
        }
        order.sort((a, b) -> Float.compare(faces.get(b)[14], faces.get(a)[14])); // List.sort is stable
        if (topK > 0 && topK < order.size()) {
            order = order.subList(0, topK);
        }
        int[] kept = new int[order.size()];
        int count = 0;
        for (int idx : order) {
            boolean keep = true;
            for (int k = 0; k < count && keep; k++) {
                keep = overlap(boxes[idx], boxes[kept[k]]) <= nmsThreshold;
            }
            if (keep) {
                kept[count++] = idx;
            }
        }
        return Arrays.copyOf(kept, count);
    }

    /** Intersection over union of two {@code x, y, w, h} integer boxes, as OpenCV's {@code rectOverlap}. */
    static float overlap(int[] a, int[] b) {
        int areaA = a[2] * a[3];
        int areaB = b[2] * b[3];
        if (areaA + areaB <= 0) {
            return 1f; // two empty boxes: OpenCV's Jaccard distance 0
        }
        int x1 = Math.max(a[0], b[0]);
        int y1 = Math.max(a[1], b[1]);
        int w = Math.min(a[0] + a[2], b[0] + b[2]) - x1;
        int h = Math.min(a[1] + a[3], b[1] + b[3]) - y1;
        double inter = w <= 0 || h <= 0 ? 0 : (double) w * h;
        return 1f - (float) (1.0 - inter / (areaA + areaB - inter));
    }
}
