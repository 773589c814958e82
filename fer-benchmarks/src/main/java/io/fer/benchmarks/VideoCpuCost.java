package io.fer.benchmarks;

import io.fer.core.Recognizer;
import io.fer.core.image.RgbImage;
import io.fer.train.data.synthetic.SyntheticFaceVideo;
import io.fer.video.FrameClassifier;
import io.fer.video.VideoAnalyzer;
import io.fer.video.VideoReport;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * CPU time per video frame (the whole process: every native thread of TensorFlow and OpenCV included), beside the
 * wall-clock frames/s of {@link VideoBenchmark}: on a machine shared with other jobs the wall clock measures the
 * share this process got, while the CPU time per frame bounds what an idle machine would do. Pretrained model,
 * synthetic faces at 640x480 as in {@link VideoBenchmark}.
 *
 * <pre>
 * java -cp ... io.fer.benchmarks.VideoCpuCost [--faces 1] [--every 1] [--frames 300]
 * </pre>
 */
public final class VideoCpuCost {
    private VideoCpuCost() {}

    public static void main(String[] args) throws IOException {
        Args a = new Args(args, Set.of("faces", "every", "frames"));
        int faces = a.integer("faces", 1);
        int every = a.integer("every", 1);
        int count = a.integer("frames", 300);
        SyntheticFaceVideo video = SyntheticFaceVideo.constant(640, 480, faces);
        List<RgbImage> frames = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            frames.add(video.frame(i));
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (Recognizer recognizer = Recognizer.pretrained()) {
            VideoAnalyzer analyzer = VideoAnalyzer.builder(FrameClassifier.of(recognizer)).every(every).build();
            analyzer.analyze(FrameReplay.of(frames, 60));   // warm-up
            long cpu0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            VideoReport report = analyzer.analyze(FrameReplay.of(frames, count));
            double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6 / count;
            double wall = (System.nanoTime() - wall0) / 1e9;
            System.out.printf(Locale.ROOT, "faces %d, every %d: %d frames, %.1f frames/s wall clock, %.1f ms CPU a "
                    + "frame (all threads) = %.1f frames per CPU-second; %d tracks; load average now %.2f%n", faces,
                    every, count, count / wall, cpuMs, 1000 / cpuMs, report.tracks().size(),
                    os.getSystemLoadAverage());
        }
    }
}
