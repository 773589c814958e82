package io.fer.core;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.onnxruntime.engine.OrtNDArray;
import ai.djl.onnxruntime.engine.OrtNDManager;
import ai.djl.onnxruntime.engine.OrtSymbolBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.fer.core.internal.OnnxBatchSlicer;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Optional;

/**
 * DJL's ONNX Runtime block for a fer model, which runs a batch larger than one slice through
 * {@link OnnxBatchSlicer} (slices side by side on the recognizer's threads) instead of one session call; a batch of
 * one slice takes DJL's own path. Owns the session's options and the slicer's threads, closed with the model.
 */
final class SlicingOrtBlock extends OrtSymbolBlock {
    private final OnnxBatchSlicer slicer;
    private final OrtSession.SessionOptions options;
    private final int pixelsPerSlice;
    private final int threads;

    SlicingOrtBlock(OrtSession session, OrtNDManager manager, OrtSession.SessionOptions options, String inputName,
            int threads) {
        super(session, manager);
        this.slicer = new OnnxBatchSlicer(session, inputName, threads);
        this.options = options;
        this.pixelsPerSlice = OnnxBatchSlicer.PIXELS_PER_SLICE;
        this.threads = threads;
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray input = inputs.size() == 1 ? inputs.head() : null;
        Shape shape = input == null ? null : input.getShape();
        if (input == null || shape.dimension() != 4 || input.getDataType() != DataType.FLOAT32
                || OnnxBatchSlicer.sliceStarts(Math.toIntExact(Math.max(1, shape.get(0))), (int) shape.get(1),
                        (int) shape.get(2), pixelsPerSlice, threads).length == 2) {
            return super.forwardInternal(parameterStore, inputs, training, params);
        }
        try {
            OnnxBatchSlicer.Output out = slicer.run(floats(input), shape.getShape());
            NDList result = new NDList(input.getManager().create(out.values(), new Shape(out.shape())));
            return result;
        } catch (OrtException e) {
            throw new EngineException(e);
        }
    }

    /** The input's floats as a direct, native-order buffer: the tensor's own when it wraps one, else a copy. */
    private static FloatBuffer floats(NDArray input) {
        if (input instanceof OrtNDArray ort) {
            OnnxTensor tensor = ort.getTensor();
            Optional<Buffer> ref = tensor.getBufferRef();
            if (ref.isPresent() && ref.get().isDirect()) {
                Buffer b = ref.get();
                if (b instanceof FloatBuffer fb && fb.order() == ByteOrder.nativeOrder()) {
                    return fb.duplicate().rewind();
                }
                if (b instanceof ByteBuffer bb) {
                    return bb.duplicate().order(ByteOrder.nativeOrder()).rewind().asFloatBuffer();
                }
            }
        }
        ByteBuffer bytes = input.toByteBuffer();
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.remaining()).order(ByteOrder.nativeOrder());
        direct.put(bytes.duplicate().order(bytes.order())).flip();
        return direct.asFloatBuffer();
    }

    @Override
    public void close() {
        try {
            slicer.close();
            super.close();
        } finally {
            options.close();
        }
    }
}
