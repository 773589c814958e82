package io.fer.models.internal.keras;

import java.util.Arrays;

/**
 * One weight of a Keras layer as the network declares it: its short name ({@code kernel}, {@code gamma},
 * {@code moving_mean}, {@code count} …), its shape, and whether Keras stores it as int64 rather than float32.
 */
public record WeightSpec(String name, long[] shape, boolean int64) {

    public WeightSpec {
        shape = shape.clone();
    }

    /** A float32 weight. */
    public static WeightSpec of(String name, long... shape) {
        return new WeightSpec(name, shape, false);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of scalars. */
    public long size() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** Shape as Keras' tables write it, e.g. {@code 3x3x3x32}, or {@code scalar}. */
    public String shapeText() {
        return shape.length == 0 ? "scalar"
                : String.join("x", Arrays.stream(shape).mapToObj(Long::toString).toArray(String[]::new));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightSpec w && w.name.equals(name) && Arrays.equals(w.shape, shape) && w.int64 == int64;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + "[" + shapeText() + (int64 ? ", int64" : "") + "]";
    }
}
