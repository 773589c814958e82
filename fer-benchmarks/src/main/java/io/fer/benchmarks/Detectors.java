package io.fer.benchmarks;

import io.fer.core.face.DetectorSettings;
import io.fer.core.face.FaceDetector;
import io.fer.core.face.YuNetBackend;
import io.fer.core.face.YuNetFaceDetector;

/**
 * The face detectors a benchmark parameter names: {@code yunet-ort} (YuNet on ONNX Runtime with fer's default
 * threads, {@link YuNetFaceDetector#DEFAULT_ORT_THREADS}), {@code yunet-ort-1} and {@code yunet-ort-2} (one and two
 * threads), {@code yunet-opencv} (OpenCV's {@code FaceDetectorYN}), {@code haar}; {@code yunet} is the default
 * YuNet.
 */
final class Detectors {
    private Detectors() {}

    /** The detector settings behind a name: YuNet's or Haar's defaults. */
    static DetectorSettings settings(String name) {
        return switch (name) {
            case "yunet", "yunet-ort", "yunet-ort-1", "yunet-ort-2", "yunet-opencv" -> DetectorSettings.yunet();
            case "haar" -> DetectorSettings.haar();
            default -> throw new IllegalArgumentException("detector must be yunet, yunet-ort, yunet-ort-1, yunet-ort-2,"
                    + " yunet-opencv or haar, got " + name);
        };
    }

    /** A new detector of that name; close it when done. */
    static FaceDetector create(String name) {
        DetectorSettings settings = settings(name);
        return switch (name) {
            case "yunet-ort" -> new YuNetFaceDetector(settings, null, YuNetBackend.ONNX_RUNTIME);
            case "yunet-ort-1" -> new YuNetFaceDetector(settings, null, YuNetBackend.ONNX_RUNTIME, 1);
            case "yunet-ort-2" -> new YuNetFaceDetector(settings, null, YuNetBackend.ONNX_RUNTIME, 2);
            case "yunet-opencv" -> new YuNetFaceDetector(settings, null, YuNetBackend.OPENCV);
            default -> settings.create();
        };
    }
}
