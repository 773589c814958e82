package io.fer.video;

import java.util.Map;

/**
 * One track over the whole video.
 *
 * @param trackId the track
 * @param firstSeconds when its face was first seen
 * @param lastSeconds when it was last seen
 * @param frames how many analysed frames it was seen in
 * @param share each label's share of the track's time (by its smoothed label; the time from one sighting to the
 *     next counts for the first), summing to 1
 * @param dominant the label with the largest share
 */
public record TrackSummary(int trackId, double firstSeconds, double lastSeconds, long frames, Map<String, Double> share,
        String dominant) {}
