package io.fer.benchmarks;

import io.fer.core.Expression;
import io.fer.core.Recognizer;
import io.fer.core.image.RgbImage;
import io.fer.train.data.synthetic.SyntheticFaceVideo;
import io.fer.train.data.synthetic.SyntheticFaceVideo.Step;
import io.fer.video.FrameClassifier;
import io.fer.video.FrameResult;
import io.fer.video.Smoothing;
import io.fer.video.VideoAnalyzer;
import io.fer.video.VideoFrame;
import io.fer.video.VideoReport;
import io.fer.video.VideoSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A measurement, not a test: how well a model's smoothed timeline follows a scripted video of two synthetic faces
 * (640x480, 15 frames/s, 8 s; face 1 happy then surprise at 4 s, face 2 neutral, happy at 3 s, sadness at 6 s).
 * Prints per face its track ids, the raw per-frame accuracy, the smoothed agreement outside the second after each
 * scripted change, label flips raw vs smoothed, and what the raw answers were for each scripted expression.
 *
 * <pre>
 * java -cp ... io.fer.benchmarks.VideoTimelineProbe [--model DIR] [--smooth 0.5] [--out DIR]
 * </pre>
 * Without {@code --model} it uses fer's pretrained model (fer-zoo).
 */
public final class VideoTimelineProbe {
    static final double FPS = 15;
    static final int FRAMES = 120;
    static final double LAG_SECONDS = 1.0;

    private VideoTimelineProbe() {}

    static SyntheticFaceVideo video() {
        return new SyntheticFaceVideo(640, 480, FPS, List.of(
                List.of(new Step(0, Expression.HAPPY), new Step(4, Expression.SURPRISE)),
                List.of(new Step(0, Expression.NEUTRAL), new Step(3, Expression.HAPPY),
                        new Step(6, Expression.SADNESS))));
    }

    public static void main(String[] args) throws IOException {
        Args a = new Args(args, Set.of("model", "smooth", "out"));
        SyntheticFaceVideo video = video();
        String model = a.text("model", null);
        double smooth = a.number("smooth", 0.5);
        try (Recognizer recognizer = model == null ? Recognizer.pretrained() : Recognizer.load(Path.of(model))) {
            Score score = new Score(video);
            VideoAnalyzer.Builder b = VideoAnalyzer.builder(FrameClassifier.of(recognizer))
                    .smoothing(smooth > 0 ? Smoothing.exponential(smooth) : Smoothing.none())
                    .progress((frame, soFar) -> score.add(frame));
            String out = a.text("out", null);
            if (out != null) {
                b.output(Path.of(out)).annotate(Path.of(out).resolve("annotated.avi"));
            }
            VideoReport report = b.build().analyze(new Rendered(video));
            System.out.printf(Locale.ROOT, "model %s, smoothing %.2f s: %d frames, %d faces, %d tracks, %.1f frames/s%n",
                    model == null ? "pretrained (fer-zoo)" : model, smooth, report.framesRead(), report.faces(),
                    report.tracks().size(), report.framesPerSecond());
            score.print();
        }
    }

    /** The video's frames, rendered one at a time. */
    static final class Rendered implements VideoSource {
        private final SyntheticFaceVideo video;
        private int next;

        Rendered(SyntheticFaceVideo video) {
            this.video = video;
        }

        @Override
        public Optional<VideoFrame> next() {
            if (next == FRAMES) {
                return Optional.empty();
            }
            int i = next++;
            RgbImage image = video.frame(i);
            return Optional.of(new VideoFrame(i, i / video.fps(), image));
        }

        @Override
        public String name() {
            return "synthetic two-face video";
        }

        @Override
        public OptionalDouble framesPerSecond() {
            return OptionalDouble.of(video.fps());
        }

        @Override
        public void close() {}
    }

    /** The timeline against the script, per face (a face is told by its position). */
    static final class Score {
        private final SyntheticFaceVideo video;
        private final Map<Integer, Set<Integer>> tracks = new TreeMap<>();
        private final int[] rawRight = new int[2];
        private final int[] seen = new int[2];
        private final int[] smoothRight = new int[2];
        private final int[] judged = new int[2];
        private final int[] rawFlips = new int[2];
        private final int[] smoothFlips = new int[2];
        private final String[] lastRaw = new String[2];
        private final String[] lastSmooth = new String[2];
        private final Map<Expression, Map<String, Integer>> rawByScript = new TreeMap<>();

        Score(SyntheticFaceVideo video) {
            this.video = video;
        }

        void add(FrameResult frame) {
            double t = frame.timeSeconds();
            for (FrameResult.Face f : frame.faces()) {
                int face = nearest(f.raw().face().centerX(), frame.frame());
                tracks.computeIfAbsent(face, k -> new TreeSet<>()).add(f.trackId());
                Expression script = video.expression(face, t);
                seen[face]++;
                rawRight[face] += Expression.fromName(f.raw().label()).orElse(null) == script ? 1 : 0;
                rawByScript.computeIfAbsent(script, k -> new TreeMap<>()).merge(f.raw().label(), 1, Integer::sum);
                if (!sinceChange(face, t)) {
                    judged[face]++;
                    smoothRight[face] += Expression.fromName(f.label()).orElse(null) == script ? 1 : 0;
                }
                rawFlips[face] += lastRaw[face] != null && !lastRaw[face].equals(f.raw().label()) ? 1 : 0;
                smoothFlips[face] += lastSmooth[face] != null && !lastSmooth[face].equals(f.label()) ? 1 : 0;
                lastRaw[face] = f.raw().label();
                lastSmooth[face] = f.label();
            }
        }

        /** Whether {@code t} falls within {@link #LAG_SECONDS} after one of the face's scripted changes. */
        private boolean sinceChange(int face, double t) {
            for (double c = 0; c < FRAMES / FPS; c += 1 / FPS) {
                if (c > 0 && video.expression(face, c) != video.expression(face, c - 1 / FPS) && t >= c
                        && t < c + LAG_SECONDS) {
                    return true;
                }
            }
            return false;
        }

        private int nearest(double centreX, long frame) {
            int best = 0;
            double bestDistance = Double.MAX_VALUE;
            for (int f = 0; f < video.faces(); f++) {
                double d = Math.abs(video.faceX(f, frame) + video.faceSize() / 2.0 - centreX);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = f;
                }
            }
            return best;
        }

        void print() {
            for (int f = 0; f < 2; f++) {
                System.out.printf(Locale.ROOT, "face %d: tracks %s, seen in %d frames, raw accuracy %.2f, smoothed "
                        + "agreement %.2f (%d frames judged, %.0f s after each change excluded), flips raw %d "
                        + "smoothed %d%n", f + 1, tracks.getOrDefault(f, Set.of()), seen[f],
                        seen[f] > 0 ? rawRight[f] / (double) seen[f] : 0, judged[f] > 0
                                ? smoothRight[f] / (double) judged[f] : 0, judged[f], LAG_SECONDS, rawFlips[f],
                        smoothFlips[f]);
            }
            rawByScript.forEach((script, answers) -> System.out.printf(Locale.ROOT, "scripted %s: raw answers %s%n",
                    script.label(), answers));
        }
    }
}
