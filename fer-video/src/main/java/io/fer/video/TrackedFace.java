package io.fer.video;

import io.fer.core.Prediction;

/**
 * A face of one frame with its track.
 *
 * @param trackId the face's identity across frames, from 1 in order of appearance
 * @param prediction the classifier's answer for this frame alone
 * @param newTrack whether the face started its track in this frame
 */
record TrackedFace(int trackId, Prediction prediction, boolean newTrack) {}
