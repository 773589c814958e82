package io.fer.video;

import io.fer.core.Prediction;
import io.fer.core.face.FaceBox;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link FrameClassifier} over a {@link VideoSource}: faces are tracked (by box overlap and landmarks), each
 * track's probabilities smoothed over seconds ({@link Smoothing}), changes of a track's smoothed expression go to the
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
    private final Path annotate;
    private final Supplier<? extends FaceFollower> followers;
    private final ProgressListener progress;
    private volatile boolean stopRequested;

    private VideoAnalyzer(Builder b) {
        this.classifier = b.classifier;
        this.trackerSettings = b.tracker;
        this.smoothing = b.smoothing;
        this.every = b.every;
        this.listener = b.listener;
        this.output = b.output;
        this.annotate = b.annotate;
        this.followers = b.followers;
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
        private Path annotate;
        private Supplier<? extends FaceFollower> followers = FaceFollower::template;
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

        /**
         * Detect and classify every {@code n}-th frame read (default 1: all). The faces are followed through the
         * frames in between ({@link #follower}), as long as following costs less time than detecting does.
         */
        public Builder every(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("every must be 1 or more, got " + n);
            }
            this.every = n;
            return this;
        }

        /**
         * How faces are followed between detections when {@link #every} is above 1: a new follower per run
         * ({@link FaceFollower#template()} by default), or null to skip the frames in between instead.
         */
        public Builder follower(Supplier<? extends FaceFollower> factory) {
            this.followers = factory;
            return this;
        }

        /**
         * Writes an annotated copy of the video (boxes, track ids, smoothed labels on every frame read) to
         * {@code file}, as MJPEG AVI (the name must end in {@code .avi}); replaced only when the run completes it.
         */
        public Builder annotate(Path file) {
            this.annotate = file;
            return this;
        }

        /** Hears changes of each track's smoothed expression. */
        public Builder listener(ExpressionListener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /**
         * Writes timeline.csv, timeline.jsonl, summary.json and timeline.png (the chart) into {@code folder}
         * (created if needed).
         */
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
     * Whatever ends the run, the outputs asked for are completed: timelines flushed, summary, chart and annotated
     * video written.
     *
     * @throws IOException if an output cannot be written
     */
    public VideoReport analyze(VideoSource source) throws IOException {
        List<String> labels = List.copyOf(classifier.labels());
        AnalysisRun run = new AnalysisRun(source, labels);
        try {
            run.open();
            while (!stopRequested) {
                Optional<VideoFrame> next = source.next();
                if (next.isEmpty()) {
                    break;
                }
                run.frame(next.get());
            }
        } catch (IOException | RuntimeException e) {
            run.abort();
            throw e;
        }
        return run.finish();
    }

    /** The state of one {@link #analyze} call: tracks, smoothers, statistics, outputs and the follower's costs. */
    private final class AnalysisRun {
        private final VideoSource source;
        private final List<String> labels;
        private final long t0 = System.nanoTime();
        private final FaceTracker tracker = new FaceTracker(trackerSettings);
        private final Map<Integer, Smoothing.Smoother> smoothers = new HashMap<>();
        private final Map<Integer, String> currentLabel = new HashMap<>();
        private final Map<Integer, TrackStats> stats = new LinkedHashMap<>();
        private final FollowCost cost = new FollowCost();
        private FaceFollower follower;
        private TimelineWriter writer;
        private TimelineChart chart;
        private AnnotatedVideoWriter annotated;
        private List<FrameResult.Face> lastFaces = List.of();
        private long read;
        private long analysed;
        private long followed;
        private long faces;

        AnalysisRun(VideoSource source, List<String> labels) {
            this.source = source;
            this.labels = labels;
        }

        void open() throws IOException {
            if (output != null) {
                writer = new TimelineWriter(output, labels);
                chart = new TimelineChart(labels);
            }
            if (annotate != null) {
                annotated = new AnnotatedVideoWriter(annotate, labels, source.framesPerSecond().orElse(Double.NaN));
            }
            if (every > 1 && followers != null) {
                follower = followers.get();
            }
        }

        void frame(VideoFrame frame) throws IOException {
            boolean due = read++ % every == 0;
            FrameResult result = null;
            if (due || (follower != null && !cost.followingPays())) {
                result = classify(frame);
            } else if (follower != null && !lastFaces.isEmpty()) {
                result = follow(frame);
            }
            if (result != null) {
                lastFaces = result.faces();
                if (writer != null) {
                    writer.write(result);
                    chart.add(result);
                }
                progress.analysed(result, report(false));
            }
            if (annotated != null) {
                annotated.write(frame.image(), frame.timeSeconds(), lastFaces);
            }
        }

        private FrameResult classify(VideoFrame frame) {
            long start = System.nanoTime();
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
                out.add(new FrameResult.Face(id, tf.prediction(), label, smooth, false));
            }
            for (int ended : tracker.endedTracks()) {
                smoothers.remove(ended);
                currentLabel.remove(ended);
            }
            if (follower != null) {
                Map<Integer, FaceBox> boxes = new LinkedHashMap<>();
                out.forEach(f -> boxes.put(f.trackId(), f.raw().face()));
                follower.reset(frame.image(), boxes);
            }
            cost.classified(System.nanoTime() - start);
            return new FrameResult(frame.index(), frame.timeSeconds(), List.copyOf(out));
        }

        /** Moves the last classified faces to where the follower finds them; a face it loses is left out. */
        private FrameResult follow(VideoFrame frame) {
            long start = System.nanoTime();
            Map<Integer, FaceBox> moved = follower.follow(frame.image());
            List<FrameResult.Face> out = new ArrayList<>();
            for (FrameResult.Face f : lastFaces) {
                FaceBox box = moved.get(f.trackId());
                if (box != null) {
                    Prediction p = f.raw();
                    out.add(new FrameResult.Face(f.trackId(), new Prediction(p.label(), p.confidence(),
                            p.probabilities(), box, p.faceDetected(), null, p.detectorScore(), p.uncertain()),
                            f.label(), f.smoothed(), true));
                    tracker.moveTo(f.trackId(), box);
                }
            }
            followed++;
            cost.followed(System.nanoTime() - start);
            return new FrameResult(frame.index(), frame.timeSeconds(), List.copyOf(out));
        }

        VideoReport report(boolean stopped) {
            List<TrackSummary> tracks = stats.values().stream().map(TrackStats::summary).toList();
            return new VideoReport(source.name(), read, analysed, followed, source.dropped(), faces,
                    (System.nanoTime() - t0) / 1e9, source.damage().orElse(null), stopped, tracks);
        }

        /** Completes every output and returns the report. */
        VideoReport finish() throws IOException {
            VideoReport report = report(stopRequested);
            if (report.damage() != null) {
                LOG.warn("{}", report.damage());
            }
            try {
                if (writer != null) {
                    writer.close();
                    writer.writeSummary(report);
                    chart.write(output.resolve(TimelineChart.PNG));
                }
                if (annotated != null) {
                    annotated.close();
                }
            } finally {
                closeQuietly();
            }
            return report;
        }

        /** After a failure: the timelines keep what was flushed; the annotated video is dropped (the target stays). */
        void abort() {
            if (annotated != null) {
                annotated.abort();
            }
            closeQuietly();
        }

        /** Releases whatever is still open (each output's close may be called again), keeping what was flushed. */
        void closeQuietly() {
            for (AutoCloseable c : new AutoCloseable[] {follower, annotated, writer}) {
                if (c == null) {
                    continue;
                }
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.debug("closing after a failure", e);
                }
            }
        }
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
