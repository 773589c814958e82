package io.fer.train.graph;

import io.fer.train.augment.Augmenter;
import java.util.SplittableRandom;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * The frozen backbone's pooled output for every training image under a fixed number of augmentation variants,
 * computed once. Phase 1 only trains the head, and the backbone (in inference mode, its weights frozen) maps the
 * same input to the same features every time, so recomputing it every epoch is wasted work: each step instead
 * feeds a cached vector into the head, picking one of the image's variants at random.
 */
final class FeatureCache {
    private final int variants;
    private final int width;
    private final float[] vectors;

    private FeatureCache(int variants, int width, float[] vectors) {
        this.variants = variants;
        this.width = width;
        this.vectors = vectors;
    }

    /** How many variants fit in {@code budgetBytes} for {@code images} images, at most {@code wanted}; 0 if none. */
    static int affordableVariants(int wanted, long images, long width, long budgetBytes) {
        long perVariant = images * width * Float.BYTES;
        return (int) Math.max(0, Math.min(wanted, perVariant == 0 ? wanted : budgetBytes / perVariant));
    }

    /**
     * Runs the backbone over {@code data}: variant {@code v} of image {@code i} is the image transformed by
     * {@link #transform} — the identity when {@code augmenter} is null.
     */
    static FeatureCache build(TrainingGraph graph, LabelledImages data, int variants, Augmenter augmenter, long seed,
            int batchSize) {
        long[] pooledShape = graph.pooled().shape().asArray();
        int width = (int) pooledShape[1];
        int size = data.size();
        int imageFloats = size * size * 3;
        float[] vectors = new float[Math.multiplyExact(Math.multiplyExact(data.count(), variants), width)];
        float[] raw = new float[imageFloats];
        int total = data.count() * variants;
        for (int from = 0; from < total; from += batchSize) {
            int n = Math.min(batchSize, total - from);
            float[] x = new float[n * imageFloats];
            for (int k = 0; k < n; k++) {
                int item = from + k;
                int image = item / variants;
                data.copyAsFloats(image, raw, 0);
                Augmenter.apply(transform(augmenter, seed, image, item % variants), raw, 0, size, x, k * imageFloats);
            }
            try (TFloat32 images = TFloat32.tensorOf(Shape.of(n, size, size, 3), DataBuffers.of(x, true, false));
                    Result r = graph.session().runner().feed(graph.images(), images).fetch(graph.pooled()).run()) {
                ((TFloat32) r.get(0)).copyTo(DataBuffers.of(vectors, false, false)
                        .slice((long) from * width, (long) n * width));
            }
        }
        return new FeatureCache(variants, width, vectors);
    }

    /** The augmentation of variant {@code variant} of image {@code image}: the same for a given seed. */
    static Augmenter.Transform transform(Augmenter augmenter, long seed, int image, int variant) {
        if (augmenter == null) {
            return Augmenter.Transform.identity();
        }
        return augmenter.draw(new SplittableRandom(seed * 7_919L + image * 104_729L + variant));
    }

    int variants() {
        return variants;
    }

    /** Length of one pooled vector. */
    int width() {
        return width;
    }

    /** Copies the vector of {@code image}'s {@code variant} into {@code dst} at row {@code row}. */
    void copy(int image, int variant, float[] dst, int row) {
        System.arraycopy(vectors, (image * variants + variant) * width, dst, row * width, width);
    }
}
