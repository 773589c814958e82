package io.fer.examples;

import io.fer.core.Recognizer;
import io.fer.core.internal.model.PretrainedModel;
import io.fer.core.model.ModelFormatException;
import io.fer.train.internal.Printable;
import io.fer.video.FrameClassifier;
import io.fer.video.Smoothing;
import io.fer.video.UnreadableVideoException;
import io.fer.video.VideoAnalyzer;
import io.fer.video.VideoReport;
import io.fer.video.VideoSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code fer video INPUT|--camera N [--model DIR] [--every N] [--smooth SECONDS] [--annotate OUT] --out DIR}: faces
 * tracked through a video or a camera, smoothed expressions, {@code timeline.csv}, {@code timeline.jsonl},
 * {@code summary.json} and the chart {@code timeline.png}, and on request an annotated MJPEG AVI.
 * Ctrl-C stops a camera (or a long file) with every output complete. A video damaged part-way keeps what was read and
 * exits with status 1.
 */
@Command(name = "video", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Track faces through a video file or a camera and write their smoothed expressions over time.",
                "Writes timeline.csv, timeline.jsonl (per frame, per face), summary.json and the chart timeline.png "
                        + "into --out."})
final class VideoCommand implements Callable<Integer> {
    @ParentCommand
    FerCli cli;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Parameters(paramLabel = "INPUT", description = "A video file (MJPEG AVI reads out of the box; see README).")
        Path file;

        @Option(names = "--camera", paramLabel = "N", description = "Camera index (0: the default camera).")
        Integer camera;
    }

    @Option(names = "--model", paramLabel = "DIR",
            description = "A model directory. Default: fer's own pretrained model (fer-zoo), when it is on the classpath.")
    Path model;

    @Option(names = "--every", paramLabel = "N", defaultValue = "1",
            description = "Detect and classify every N-th frame; faces are followed in the frames between. "
                    + "Default: ${DEFAULT-VALUE}.")
    int every;

    @Option(names = "--no-follow", description = "With --every above 1, skip the frames between detections instead "
            + "of following the faces through them.")
    boolean noFollow;

    @Option(names = "--smooth", paramLabel = "SECONDS", defaultValue = "0.5",
            description = "Time constant of the exponential smoothing, in seconds; 0 turns it off. "
                    + "Default: ${DEFAULT-VALUE}.")
    double smooth;

    @Option(names = "--annotate", paramLabel = "OUT",
            description = "Also write the video with boxes, track ids and smoothed labels to OUT (MJPEG AVI: *.avi).")
    Path annotate;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Where the timeline, summary and chart go.")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (every < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--every must be 1 or more, got " + every);
        }
        if (!(smooth >= 0) || Double.isInfinite(smooth)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--smooth must be 0 or more seconds, got " + smooth);
        }
        if (annotate != null && !annotate.toString().toLowerCase(Locale.ROOT).endsWith(".avi")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--annotate writes MJPEG AVI: name it *.avi, got " + annotate);
        }
        // the input first: a wrong file name is reported before a model takes seconds to load
        try (VideoSource source = input.file != null ? VideoSource.file(input.file) : VideoSource.camera(input.camera);
                Recognizer recognizer = Recognizer.load(modelDirectory())) {
            VideoAnalyzer.Builder builder = VideoAnalyzer.builder(FrameClassifier.of(recognizer)).every(every)
                    .smoothing(smooth > 0 ? Smoothing.exponential(smooth) : Smoothing.none()).output(out)
                    .annotate(annotate).progress(new Progress());
            if (noFollow) {
                builder.follower(null);
            }
            VideoAnalyzer analyzer = builder.build();
            CountDownLatch finished = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                analyzer.stop();
                try {
                    finished.await();   // Ctrl-C: let the run finish its frame and write the summary
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "fer-video-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            VideoReport report;
            try {
                report = analyzer.analyze(source);
            } finally {
                finished.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // already shutting down: the hook is running
                }
            }
            cli.err().println();
            cli.out().printf(Locale.ROOT, "%s: %d frames (%d analysed, %d followed, %d dropped), %d tracks, "
                    + "%.1f frames/s; timeline and chart in %s%n", Printable.escape(report.source()),
                    report.framesRead(), report.framesAnalysed(), report.framesFollowed(), report.framesDropped(),
                    report.tracks().size(), report.framesPerSecond(), Printable.escape(out.toString()));
            if (annotate != null) {
                cli.out().println("annotated video: " + Printable.escape(annotate.toString()));
            }
            report.tracks().forEach(t -> cli.out().printf(Locale.ROOT, "  track %d: %.1f-%.1f s, mostly %s (%.0f%%)%n",
                    t.trackId(), t.firstSeconds(), t.lastSeconds(), t.dominant(), 100 * t.share().get(t.dominant())));
            cli.out().flush();
            if (report.damage() != null) {
                cli.err().println("fer video: " + Printable.escape(report.damage()));
                cli.err().flush();
                return 1;
            }
            return 0;
        } catch (UnreadableVideoException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private Path modelDirectory() {
        if (model != null) {
            return model;
        }
        try {
            return PretrainedModel.fer2013().modelDirectory();
        } catch (ModelFormatException e) {
            throw new IllegalArgumentException("No --model given and fer's pretrained model is not available ("
                    + e.getMessage() + "); pass --model DIR", e);
        }
    }

    /** One progress line on standard error, rewritten at most twice a second. */
    private final class Progress implements VideoAnalyzer.ProgressListener {
        private long lastPrint;

        @Override
        public void analysed(io.fer.video.FrameResult frame, VideoReport soFar) {
            long now = System.nanoTime();
            if (now - lastPrint < 500_000_000L) {
                return;
            }
            lastPrint = now;
            cli.err().printf(Locale.ROOT, "\r%d frames, %.1f frames/s, %d faces now, %d tracks, %d dropped   ",
                    soFar.framesRead(), soFar.framesPerSecond(), frame.faces().size(), soFar.tracks().size(),
                    soFar.framesDropped());
            cli.err().flush();
        }
    }
}
