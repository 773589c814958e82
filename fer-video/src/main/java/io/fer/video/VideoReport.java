package io.fer.video;

import java.util.List;

/**
 * What a run of {@link VideoAnalyzer} did.
 *
 * @param source the source's name
 * @param framesRead frames taken from the source
 * @param framesAnalysed frames classified (every N-th of those read)
 * @param framesFollowed frames between classified ones whose faces were followed ({@link FaceFollower})
 * @param framesDropped frames a live source dropped while the analyzer was busy
 * @param faces faces found in all analysed frames
 * @param seconds wall-clock time of the run
 * @param damage why the source ended early (a truncated file), or null
 * @param stopped whether {@link VideoAnalyzer#stop()} ended the run
 * @param tracks every track, in order of appearance
 */
public record VideoReport(String source, long framesRead, long framesAnalysed, long framesFollowed, long framesDropped, long faces,
        double seconds, String damage, boolean stopped, List<TrackSummary> tracks) {
    /** Frames read per second of wall-clock time. */
    public double framesPerSecond() {
        return seconds > 0 ? framesRead / seconds : 0;
    }
}
