package io.fer.benchmarks;

import io.fer.core.Recognizer;
import io.fer.train.data.synthetic.SyntheticFaceVideo;
import io.fer.core.image.RgbImage;
import io.fer.video.FrameClassifier;
import io.fer.video.VideoAnalyzer;
import io.fer.video.VideoReport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Video frames per second through {@link VideoAnalyzer} with fer's pretrained model ({@code Recognizer.pretrained()},
 * fer-zoo): 640x480 frames with one or three synthetic faces moving 2 px a frame, detecting every frame or every
 * 3rd (following the faces in between). Frames are rendered into memory beforehand, so decoding a file is not
 * counted; detection (YuNet), crops, the model, tracking, smoothing and following are. One operation is one frame.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
public class VideoBenchmark {
    /** Frames analysed per benchmark call (one second of video at 30 frames/s). */
    static final int FRAMES = 30;

    @Param("640")
    public int width;
    @Param("480")
    public int height;
    /** Faces in every frame. */
    @Param({"1", "3"})
    public int faces;
    /** Detect every N-th frame; the frames between follow the faces. */
    @Param({"1", "3"})
    public int every;

    private Recognizer recognizer;
    private List<RgbImage> frames;
    private VideoAnalyzer analyzer;

    @Setup(Level.Trial)
    public void setUp() {
        SyntheticFaceVideo video = SyntheticFaceVideo.constant(width, height, faces);
        frames = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            frames.add(video.frame(i));
        }
        recognizer = Recognizer.pretrained();
        analyzer = VideoAnalyzer.builder(FrameClassifier.of(recognizer)).every(every).build();
    }

    /** Analyses {@value #FRAMES} frames; JMH reports frames per second. */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public VideoReport analyse() throws IOException {
        VideoReport report = analyzer.analyze(FrameReplay.of(frames, frames.size()));
        if (report.tracks().size() != faces) {
            throw new IllegalStateException("expected " + faces + " tracks, got " + report.tracks().size());
        }
        return report;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (recognizer != null) {
            recognizer.close();
        }
    }
}
