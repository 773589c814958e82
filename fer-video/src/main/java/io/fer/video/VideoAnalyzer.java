package io.fer.video;

import io.fer.core.Prediction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link FrameClassifier} over a {@link VideoSource}: faces are tracked ({@link FaceTracker}), each track's
 * probabilities smoothed over seconds ({@link Smoothing}), changes of a track's smoothed expression go to the
 * listener, and, with {@link Builder#output(Path)}, the timeline is written as it goes and the summary at the end.
 * Frames are handled one at a time and never kept. {@link #stop()} (from another thread, e.g. a shutdown hook) ends
 * the run after the current frame with every output complete.
 *
 * <pre>{@code
 * try (Recognizer recognizer = Recognizer.pretrained();
 *         VideoSource video = VideoSource.file(Path.of("interview.avi"))) {
 *     VideoReport report = VideoAnalyzer.builder(FrameClassifier.of(recognizer))
 *             .smoothing(Smoothing.exponential(0.5)).output(Path.of("out")).build().analyze(video);
 * }
 * }</pre>
 */
public final class VideoAnalyzer {
    private static final Logger LOG = LoggerFactory.getLogger(VideoAnalyzer.class);

    private final FrameClassifier classifier;
    private final TrackerSettings trackerSettings;
    private final Smoothing smoothing;
    private final int every;
    private final ExpressionListener listener;
    private final Path output;
    private final ProgressListener progress;
    private volatile boolean stopRequested;

    private VideoAnalyzer(Builder b) {
        this.classifier = b.classifier;
        this.trackerSettings = b.tracker;
        this.smoothing = b.smoothing;
        this.every = b.every;
        this.listener = b.listener;
        this.output = b.output;
        this.progress = b.progress;
    }

    public static Builder builder(FrameClassifier classifier) {
        return new Builder(classifier);
    }

    /** Settings of a {@link VideoAnalyzer}. */
    public static final class Builder {
        private final FrameClassifier classifier;
        private TrackerSettings tracker = TrackerSettings.defaults();
        private Smoothing smoothing = Smoothing.exponential(0.5);
        private int every = 1;
        private ExpressionListener listener = change -> { };
        private Path output;
        private ProgressListener progress = (frame, report) -> { };

        private Builder(FrameClassifier classifier) {
            this.classifier = Objects.requireNonNull(classifier, "classifier");
        }

        /** How faces are followed (default: overlap 0.3, 5 missed frames). */
        public Builder tracker(TrackerSettings value) {
            this.tracker = Objects.requireNonNull(value, "tracker");
            return this;
        }

        /** How probabilities are smoothed (default: exponential, 0.5 s). */
        public Builder smoothing(Smoothing value) {
            this.smoothing = Objects.requireNonNull(value, "smoothing");
            return this;
        }

        /** Classify every {@code n}-th frame read (default 1: all); the others are read and skipped. */
        public Builder every(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("every must be 1 or more, got " + n);
            }
            this.every = n;
            return this;
        }

        /** Hears changes of each track's smoothed expression. */
        public Builder listener(ExpressionListener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /** Writes timeline.csv, timeline.jsonl and summary.json into {@code folder} (created if needed). */
        public Builder output(Path folder) {
            this.output = folder;
            return this;
        }

        /** Called after every analysed frame, on the analyzer's thread. */
        public Builder progress(ProgressListener value) {
            this.progress = Objects.requireNonNull(value, "progress");
            return this;
        }

        public VideoAnalyzer build() {
            return new VideoAnalyzer(this);
        }
    }

    /** Hears each analysed frame with the run so far. */
    @FunctionalInterface
    public interface ProgressListener {
        void analysed(FrameResult frame, VideoReport soFar);
    }

    /** Ends a running {@link #analyze} after its current frame; its outputs are completed. Thread-safe. */
    public void stop() {
        stopRequested = true;
    }

    /**
     * Reads the source to its end (or {@link #stop()}) and returns the report; the source stays open (close it).
     * A damaged source ends the run early with {@link VideoReport#damage()} set; what was read before is kept.
     *
     * @throws IOException if an output cannot be written
     */
    public VideoReport analyze(VideoSource source) throws IOException {
        List<String> labels = List.copyOf(classifier.labels());
        long t0 = System.nanoTime();
        FaceTracker tracker = new FaceTracker(trackerSettings);
        Map<Integer, Smoothing.Smoother> smoothers = new HashMap<>();
        Map<Integer, String> currentLabel = new HashMap<>();
        Map<Integer, TrackStats> stats = new LinkedHashMap<>();
        long read = 0;
        long analysed = 0;
        long faces = 0;
        TimelineWriter writer = output == null ? null : new TimelineWriter(output, labels);
        try {
            while (!stopRequested) {
                Optional<VideoFrame> next = source.next();
                if (next.isEmpty()) {
                    break;
                }
                VideoFrame frame = next.get();
                if (read++ % every != 0) {
                    continue;
                }
                List<Prediction> found = classifier.classify(frame.image());
                analysed++;
                faces += found.size();
                List<FrameResult.Face> out = new ArrayList<>();
                for (TrackedFace tf : tracker.update(found)) {
                    int id = tf.trackId();
                    float[] raw = probabilities(tf.prediction(), labels);
                    float[] smooth = smoothers.computeIfAbsent(id, k -> smoothing.newSmoother())
                            .update(frame.timeSeconds(), raw);
                    String label = labels.get(argMax(smooth));
                    String before = currentLabel.put(id, label);
                    if (!label.equals(before)) {
                        listener.expressionChanged(new ExpressionChange(id, frame.index(), frame.timeSeconds(),
                                before, label, smooth[argMax(smooth)]));
                    }
                    stats.computeIfAbsent(id, k -> new TrackStats(k, labels)).add(frame.timeSeconds(), label);
                    out.add(new FrameResult.Face(id, tf.prediction(), label, smooth));
                }
                for (int ended : tracker.endedTracks()) {
                    smoothers.remove(ended);
                    currentLabel.remove(ended);
                }
                FrameResult result = new FrameResult(frame.index(), frame.timeSeconds(), List.copyOf(out));
                if (writer != null) {
                    writer.write(result);
                }
                progress.analysed(result, report(source, read, analysed, faces, t0, stats, false));
            }
        } finally {
            if (writer != null) {
                writer.close();
            }
        }
        VideoReport report = report(source, read, analysed, faces, t0, stats, stopRequested);
        if (report.damage() != null) {
            LOG.warn("{}", report.damage());
        }
        if (writer != null) {
            writer.writeSummary(report);
        }
        return report;
    }

    private static VideoReport report(VideoSource source, long read, long analysed, long faces, long t0,
            Map<Integer, TrackStats> stats, boolean stopped) {
        List<TrackSummary> tracks = stats.values().stream().map(TrackStats::summary).toList();
        return new VideoReport(source.name(), read, analysed, source.dropped(), faces, (System.nanoTime() - t0) / 1e9,
                source.damage().orElse(null), stopped, tracks);
    }

    private static float[] probabilities(Prediction p, List<String> labels) {
        float[] out = new float[labels.size()];
        for (int i = 0; i < out.length; i++) {
            Float v = p.probabilities().get(labels.get(i));
            out[i] = v == null || !Float.isFinite(v) ? 0 : v;
        }
        return out;
    }

    private static int argMax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
