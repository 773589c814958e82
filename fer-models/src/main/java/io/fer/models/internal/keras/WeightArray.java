package io.fer.models.internal.keras;

/**
 * The values of one weight as read from or written to a Keras file: row-major (C order), the layout HDF5 and
 * TensorFlow share. Exactly one of {@code floats} and {@code longs} is non-null.
 */
public record WeightArray(String name, long[] shape, float[] floats, long[] longs) {

    /** A float32 weight. */
    public static WeightArray ofFloats(String name, long[] shape, float[] values) {
        return new WeightArray(name, shape.clone(), values, null);
    }

    /** An int64 weight (Keras' {@code Normalization/count}). */
    public static WeightArray ofLongs(String name, long[] shape, long[] values) {
        return new WeightArray(name, shape.clone(), null, values);
    }

    /** The declaration this array satisfies. */
    public WeightSpec spec() {
        return new WeightSpec(name, shape, longs != null);
    }
}
