package io.fer.models.internal.keras;

import io.fer.models.WeightFileException;
import java.lang.reflect.Array;
import java.nio.file.Path;

/** Conversions between {@link WeightArray}'s flat row-major values and the nested Java arrays jHDF writes. */
final class WeightArrays {
    private WeightArrays() {}

    /** Number of scalars a shape holds (1 for a scalar). */
    static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /**
     * The value jHDF needs to write {@code array} with its shape: a boxed scalar, the flat array for rank 1, or a
     * nested array for higher ranks (jHDF takes the dataset's shape from the Java array's nesting).
     *
     * @throws WeightFileException naming {@code where} if the array is inconsistent with its shape
     */
    static Object toJavaArray(Path file, String where, WeightArray array) {
        boolean floats = array.floats() != null;
        if (floats == (array.longs() != null)) {
            throw new WeightFileException(file, where + " must hold either float32 or int64 values");
        }
        long[] shape = array.shape();
        int[] dims = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0 || shape[i] > Integer.MAX_VALUE) {
                throw new WeightFileException(file, where + " has an invalid dimension " + shape[i]);
            }
            dims[i] = (int) shape[i];
        }
        Object flat = floats ? array.floats() : array.longs();
        long expected = elementCount(shape);
        if (Array.getLength(flat) != expected) {
            throw new WeightFileException(file, where + " holds " + Array.getLength(flat) + " values but its shape "
                    + array.spec().shapeText() + " needs " + expected);
        }
        if (dims.length == 0) {
            return floats ? (Object) array.floats()[0] : (Object) array.longs()[0];
        }
        if (dims.length == 1) {
            return flat;
        }
        Object nested = Array.newInstance(floats ? float.class : long.class, dims);
        fill(nested, flat, dims, 0, 0);
        return nested;
    }

    private static int fill(Object target, Object flat, int[] dims, int depth, int offset) {
        if (depth == dims.length - 1) {
            System.arraycopy(flat, offset, target, 0, dims[depth]);
            return offset + dims[depth];
        }
        for (int i = 0; i < dims[depth]; i++) {
            offset = fill(Array.get(target, i), flat, dims, depth + 1, offset);
        }
        return offset;
    }
}
