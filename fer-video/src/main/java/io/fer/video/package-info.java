/**
 * Expressions in video: frames from a file, a camera or the application ({@link io.fer.video.VideoSource}), faces
 * followed across frames ({@link io.fer.video.FaceTracker}), probabilities smoothed over seconds
 * ({@link io.fer.video.Smoothing}) and a timeline written as it goes ({@link io.fer.video.VideoAnalyzer}).
 */
package io.fer.video;
