package io.fer.core.face;

/**
 * What runs YuNet's network for a {@link YuNetFaceDetector}. Both run the same bundled model and decode its outputs
 * the same way (OpenCV's {@code FaceDetectorYN}: input padded to a multiple of 32, candidates from strides 8, 16 and
 * 32, non-maximum suppression at overlap 0.3), so they find the same faces; boxes and landmarks agree within a
 * fraction of a pixel and scores within about 1e-4 (tested).
 */
public enum YuNetBackend {
    /** ONNX Runtime, in a session of fer's own (the default: the faster of the two in fer's measurements). */
    ONNX_RUNTIME,
    /** OpenCV's {@code FaceDetectorYN}, the DNN module of the OpenCV natives fer-core already ships. */
    OPENCV;

    /** The backend a detector gets when none is named. */
    public static YuNetBackend defaultBackend() {
        return ONNX_RUNTIME;
    }
}
