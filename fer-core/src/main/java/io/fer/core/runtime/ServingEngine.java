package io.fer.core.runtime;

import io.fer.core.Recognizer;

/**
 * Which engine runs a model directory's network in a {@code Recognizer}. TensorFlow stays the training engine and
 * the GPU path; ONNX Runtime serves the ONNX form ({@code model.onnx}) that fer writes beside the SavedModel, or
 * alone in an ONNX-only directory (which needs no TensorFlow natives at all).
 */
public enum ServingEngine {
    /**
     * ONNX Runtime when the directory has the ONNX form and no CUDA GPU is visible, or has no SavedModel; TensorFlow
     * otherwise. On CPU
     * ONNX Runtime was measured faster on the folded network (issue 15: 0.23x TensorFlow's time at batch 1, 0.29x
     * at batch 32 on a 2-core AMD EPYC; fer-benchmarks/RESULTS.md); TensorFlow is the engine that uses a GPU.
     */
    AUTO,
    /** DJL's TensorFlow engine on {@code saved_model/}; a directory without it (ONNX only) is refused. */
    TENSORFLOW,
    /** DJL's ONNX Runtime engine on {@code model.onnx}; a directory without it is refused. */
    ONNX_RUNTIME;

    /**
     * The engine {@code AUTO} stands for, given whether the directory has the ONNX form and a GPU is visible (a
     * directory with a SavedModel).
     */
    public ServingEngine resolve(boolean hasOnnxForm, boolean gpu) {
        return resolve(hasOnnxForm, true, gpu);
    }

    /**
     * The engine {@code AUTO} stands for, given the forms the directory has and whether a GPU is visible: without a
     * SavedModel only ONNX Runtime can serve it, GPU or not.
     */
    public ServingEngine resolve(boolean hasOnnxForm, boolean hasSavedModel, boolean gpu) {
        if (this != AUTO) {
            return this;
        }
        return hasOnnxForm && (!gpu || !hasSavedModel) ? ONNX_RUNTIME : TENSORFLOW;
    }
}
