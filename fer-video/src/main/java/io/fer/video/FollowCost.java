package io.fer.video;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether following faces between detections pays: it compares the mean time of a followed frame with
 * that of a classified one (detection, crops and the model). Following is kept while it is the cheaper; once a few
 * of each show it is not, every frame is classified instead.
 */
final class FollowCost {
    private static final Logger LOG = LoggerFactory.getLogger(VideoAnalyzer.class);

    /** How many of each kind of frame are timed before following may be given up. */
    static final int SAMPLES = 3;

    private long classifiedNanos;
    private long classifiedFrames;
    private long followedNanos;
    private long followedFrames;
    private boolean givenUp;

    void classified(long nanos) {
        classifiedNanos += nanos;
        classifiedFrames++;
    }

    void followed(long nanos) {
        followedNanos += nanos;
        followedFrames++;
        if (!givenUp && followedFrames >= SAMPLES && classifiedFrames >= SAMPLES
                && followedNanos / (double) followedFrames >= classifiedNanos / (double) classifiedFrames) {
            givenUp = true;
            LOG.info("Following faces takes {} ms a frame, "
                    + "detecting them {} ms: every frame is detected from now on",
                    String.format(Locale.ROOT, "%.1f", followedNanos / 1e6 / followedFrames),
                    String.format(Locale.ROOT, "%.1f", classifiedNanos / 1e6 / classifiedFrames));
        }
    }

    /** False once following has been measured to cost as much as classifying. */
    boolean followingPays() {
        return !givenUp;
    }
}
