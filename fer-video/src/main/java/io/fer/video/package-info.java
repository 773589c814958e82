/**
 * Expressions in video: frames from a file, a camera or the application ({@link io.fer.video.VideoSource}), faces
 * followed across frames (by box overlap and landmarks), probabilities smoothed over seconds
 * ({@link io.fer.video.Smoothing}), boxes followed between detections ({@link io.fer.video.FaceFollower}), and a
 * timeline, its chart and an annotated video written as it goes ({@link io.fer.video.VideoAnalyzer}).
 */
package io.fer.video;
