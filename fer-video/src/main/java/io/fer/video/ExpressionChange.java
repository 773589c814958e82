package io.fer.video;

/**
 * A track's smoothed expression changed (or was first known: {@code from} is null).
 *
 * @param trackId the face's track
 * @param frame the frame's index in its source
 * @param timeSeconds the frame's time
 * @param from the label before, or null when the track starts
 * @param to the label now
 * @param confidence the smoothed probability of {@code to}
 */
public record ExpressionChange(int trackId, long frame, double timeSeconds, String from, String to, float confidence) {}
