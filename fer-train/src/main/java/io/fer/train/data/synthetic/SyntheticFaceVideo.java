package io.fer.train.data.synthetic;

import io.fer.core.Expression;
import io.fer.core.face.DetectorSettings;
import io.fer.core.face.FaceDetector;
import io.fer.core.image.RgbImage;
import io.fer.train.data.Dataset;
import io.fer.train.data.Sample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A scripted video of {@link SyntheticFaces} (drawn faces, not people), for video tests, demos and benchmarks: {@code faces} faces side by side on a grey
 * background, each drifting sideways and changing expression on its own script, every face checked to be found by
 * YuNet. Frames are rendered on demand ({@link #frame}), so a long video costs no memory.
 */
public final class SyntheticFaceVideo {
    private final int width;
    private final int height;
    private final int faces;
    private final double fps;
    private final int faceSize;
    private final List<List<Step>> scripts;
    private final Map<String, RgbImage> crops = new HashMap<>();

    /** From {@code fromSeconds} on, a face shows {@code expression}. */
    public record Step(double fromSeconds, Expression expression) {}

    /**
     * A video whose face {@code i} follows {@code scripts.get(i)}.
     *
     * @param scripts one script per face, each a list of steps in time order starting at 0 s
     * @throws IllegalStateException if YuNet does not find every face in the first frame
     */
    public SyntheticFaceVideo(int width, int height, double fps, List<List<Step>> scripts) {
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.faces = scripts.size();
        this.scripts = List.copyOf(scripts);
        this.faceSize = Math.min(height / 2, (width - 40) / faces - 40);
        List<Expression> classes = scripts.stream().flatMap(List::stream).map(Step::expression).distinct().toList();
        Dataset data = SyntheticFaces.builder().identities(faces).imagesPerClass(1).imageSize(faceSize)
                .classes(classes).seed(7).build();
        for (Sample s : data.samples()) {
            try {
                crops.put(s.subject() + "/" + s.label(), RgbImage.fromBufferedImage(s.load()));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot render synthetic face " + s.id(), e);
            }
        }
        try (FaceDetector yunet = DetectorSettings.yunet().create()) {
            int found = yunet.detect(frame(0)).size();
            if (found != faces) {
                throw new IllegalStateException("YuNet finds " + found + " of the " + faces + " synthetic faces in "
                        + width + "x" + height);
            }
        }
    }

    /** {@code faces} faces at 30 frames/s, each keeping one expression (happy, surprise, neutral, repeating). */
    public static SyntheticFaceVideo constant(int width, int height, int faces) {
        List<List<Step>> scripts = new ArrayList<>();
        Expression[] cycle = {Expression.HAPPY, Expression.SURPRISE, Expression.NEUTRAL};
        for (int i = 0; i < faces; i++) {
            scripts.add(List.of(new Step(0, cycle[i % cycle.length])));
        }
        return new SyntheticFaceVideo(width, height, 30, scripts);
    }

    public double fps() {
        return fps;
    }

    public int faces() {
        return faces;
    }

    /** What face {@code face} shows at {@code seconds}. */
    public Expression expression(int face, double seconds) {
        Expression e = scripts.get(face).get(0).expression();
        for (Step s : scripts.get(face)) {
            if (s.fromSeconds() <= seconds) {
                e = s.expression();
            }
        }
        return e;
    }

    /** Where face {@code face} is in frame {@code index}: its left edge (all faces share the same row). */
    public int faceX(int face, long index) {
        int slot = (width - 40) / faces;
        int travel = Math.max(0, slot - faceSize - 20);
        long period = 2L * Math.max(1, travel);
        long p = (index * 2) % period;   // 2 px a frame, back and forth within the face's slot
        int offset = (int) (p <= travel ? p : period - p);
        return 20 + face * slot + 10 + offset;
    }

    public int faceY() {
        return (height - faceSize) / 2;
    }

    public int faceSize() {
        return faceSize;
    }

    /** Frame {@code index}: grey, with each face where and as its script puts it. */
    public RgbImage frame(long index) {
        double t = index / fps;
        byte[] rgb = new byte[width * height * 3];
        java.util.Arrays.fill(rgb, (byte) 110);
        for (int f = 0; f < faces; f++) {
            RgbImage crop = crops.get(SyntheticFaces.subjectId(f) + "/" + expression(f, t).label());
            byte[] src = crop.toBytes();
            int x0 = faceX(f, index);
            int y0 = faceY();
            for (int y = 0; y < crop.height(); y++) {
                System.arraycopy(src, y * crop.width() * 3, rgb, ((y0 + y) * width + x0) * 3, crop.width() * 3);
            }
        }
        return RgbImage.of(width, height, rgb);
    }
}
