package io.fer.models.internal.efficientnet;

import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** Small tensor helpers shared by the EfficientNet tests. */
final class TensorSupport {
    private TensorSupport() {}

    /** The reference input of {@code b0_reference_outputs.json}: pixel (h, w, c) = (h*31 + w*17 + c*101) mod 256. */
    static float[] referenceImage(int size) {
        float[] px = new float[size * size * 3];
        for (int h = 0; h < size; h++) {
            for (int w = 0; w < size; w++) {
                for (int c = 0; c < 3; c++) {
                    px[(h * size + w) * 3 + c] = (h * 31 + w * 17 + c * 101) % 256;
                }
            }
        }
        return px;
    }

    /** A placeholder for NHWC RGB images; batch -1 leaves it open. */
    static Placeholder<TFloat32> images(Ops tf, long batch, int size) {
        return tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(batch, size, size, 3)));
    }

    static TFloat32 tensor(float[] values, long... shape) {
        return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
    }

    static float[] floats(Tensor t) {
        TFloat32 f = (TFloat32) t;
        float[] out = new float[Math.toIntExact(f.size())];
        f.copyTo(DataBuffers.of(out, false, false));
        return out;
    }
}
