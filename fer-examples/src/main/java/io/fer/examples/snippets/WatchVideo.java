package io.fer.examples.snippets;

import io.fer.core.Recognizer;
import io.fer.video.FrameClassifier;
import io.fer.video.Smoothing;
import io.fer.video.VideoAnalyzer;
import io.fer.video.VideoReport;
import io.fer.video.VideoSource;
import java.io.IOException;
import java.nio.file.Path;

/** Tracks the faces of a video and writes their smoothed expressions over time (README's video example). */
public final class WatchVideo {
    private WatchVideo() {}

    public static void main(String[] args) throws IOException {
        try (Recognizer recognizer = Recognizer.load(Path.of("models/jaffe-b0"));
                VideoSource video = VideoSource.file(Path.of("interview.avi"))) {   // or VideoSource.camera(0)
            VideoReport report = VideoAnalyzer.builder(FrameClassifier.of(recognizer))
                    .smoothing(Smoothing.exponential(0.5))                  // time constant in seconds
                    .listener(change -> System.out.println("face " + change.trackId() + " at "
                            + change.timeSeconds() + " s: " + change.from() + " -> " + change.to()))
                    .every(3)                            // detect every 3rd frame, follow the faces between
                    .output(Path.of("out"))              // timeline.csv, timeline.jsonl, summary.json, timeline.png
                    .annotate(Path.of("out/annotated.avi"))                 // boxes, track ids, smoothed labels
                    .build()
                    .analyze(video);
            report.tracks().forEach(t -> System.out.println("face " + t.trackId() + ": mostly " + t.dominant()));
        }
    }
}
