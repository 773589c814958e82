package io.fer.train.internal.graph;

import io.fer.train.internal.augment.Augmenter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * Outputs of the frozen part of the network for every training image under a fixed number of augmentation
 * variants, computed once. Frozen layers run in inference mode with weights that never change, so they map the same
 * input to the same output every epoch: recomputing them is wasted work. A training step instead feeds the cached
 * tensors where the trainable part begins (the head's pooled input in phase 1, the freeze point's boundary in
 * phase 2), picking one of each image's variants at random.
 */
final class FeatureCache {
    private final int variants;
    private final List<Operand<TFloat32>> feeds;
    private final long[][] sampleShapes;
    private final int[] widths;
    private final float[][] values;

    private FeatureCache(int variants, List<Operand<TFloat32>> feeds, long[][] sampleShapes, int[] widths,
            float[][] values) {
        this.variants = variants;
        this.feeds = feeds;
        this.sampleShapes = sampleShapes;
        this.widths = widths;
        this.values = values;
    }

    /** Floats per image of the given tensors (their static shapes without the batch dimension). */
    static long floatsPerImage(List<? extends Operand<TFloat32>> tensors) {
        long total = 0;
        for (Operand<TFloat32> t : tensors) {
            total += width(t);
        }
        return total;
    }

    private static int width(Operand<TFloat32> t) {
        long[] s = t.shape().asArray();
        long w = 1;
        for (int i = 1; i < s.length; i++) {
            if (s[i] < 0) {
                throw new IllegalStateException("Cannot cache " + t + ": its shape " + t.shape() + " is not static");
            }
            w *= s[i];
        }
        return Math.toIntExact(w);
    }

    /** How many variants fit in {@code budgetBytes} for {@code images} images, at most {@code wanted}; 0 if none. */
    static int affordableVariants(int wanted, long images, long floatsPerImage, long budgetBytes) {
        long perVariant = images * floatsPerImage * Float.BYTES;
        return (int) Math.max(0, Math.min(wanted, perVariant == 0 ? wanted : budgetBytes / perVariant));
    }

    /**
     * Runs the network over {@code data} and keeps {@code fetch}'s values, to be fed later into {@code feeds} (the
     * same tensors, or their twins in another tower). Variant {@code v} of image {@code i} is the image transformed
     * by {@link #transform} — the identity when {@code augmenter} is null.
     */
    static FeatureCache build(TrainingGraph graph, LabelledImages data, int variants, Augmenter augmenter, long seed,
            int batchSize, List<Operand<TFloat32>> fetch, List<Operand<TFloat32>> feeds) {
        int tensors = fetch.size();
        long[][] shapes = new long[tensors][];
        int[] widths = new int[tensors];
        float[][] values = new float[tensors][];
        for (int t = 0; t < tensors; t++) {
            long[] s = fetch.get(t).shape().asArray();
            shapes[t] = java.util.Arrays.copyOfRange(s, 1, s.length);
            widths[t] = width(fetch.get(t));
            values[t] = new float[Math.multiplyExact(Math.multiplyExact(data.count(), variants), widths[t])];
        }
        int size = data.size();
        int imageFloats = size * size * 3;
        float[] raw = new float[imageFloats];
        int total = data.count() * variants;
        float[] x = new float[Math.min(batchSize, total) * imageFloats];
        for (int from = 0; from < total; from += batchSize) {
            int n = Math.min(batchSize, total - from);
            for (int k = 0; k < n; k++) {
                int item = from + k;
                int image = item / variants;
                data.copyAsFloats(image, raw, 0);
                Augmenter.apply(transform(augmenter, seed, image, item % variants), raw, 0, size, x, k * imageFloats);
            }
            Session.Runner runner = graph.session().runner();
            fetch.forEach(runner::fetch);
            try (TFloat32 images = TFloat32.tensorOf(Shape.of(n, size, size, 3),
                    DataBuffers.of(x, true, false).slice(0, (long) n * imageFloats));
                    Result r = runner.feed(graph.images(), images).run()) {
                for (int t = 0; t < tensors; t++) {
                    ((TFloat32) r.get(t)).copyTo(DataBuffers.of(values[t], false, false)
                            .slice((long) from * widths[t], (long) n * widths[t]));
                }
            }
        }
        return new FeatureCache(variants, List.copyOf(feeds), shapes, widths, values);
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

    /** The cached tensors {@code from} (inclusive) to {@code to} (exclusive), sharing this cache's memory. */
    FeatureCache select(int from, int to) {
        return new FeatureCache(variants, feeds.subList(from, to), java.util.Arrays.copyOfRange(sampleShapes, from, to),
                java.util.Arrays.copyOfRange(widths, from, to), java.util.Arrays.copyOfRange(values, from, to));
    }

    /**
     * What to feed for a batch: image {@code batch[i]} in a random variant ({@code random} null: variant 0), one
     * {@link TrainingLoop.Feed} per cached tensor.
     */
    List<TrainingLoop.Feed> feeds(int[] batch, SplittableRandom random) {
        int[] variant = new int[batch.length];
        for (int i = 0; i < batch.length; i++) {
            variant[i] = random == null || variants == 1 ? 0 : random.nextInt(variants);
        }
        return feeds(batch, variant);
    }

    /** What to feed for image {@code batch[i]} in variant {@code variant[i]}. */
    List<TrainingLoop.Feed> feeds(int[] batch, int[] variant) {
        List<TrainingLoop.Feed> out = new ArrayList<>(feeds.size());
        for (int t = 0; t < feeds.size(); t++) {
            int w = widths[t];
            float[] x = new float[batch.length * w];
            for (int i = 0; i < batch.length; i++) {
                System.arraycopy(values[t], (batch[i] * variants + variant[i]) * w, x, i * w, w);
            }
            long[] shape = new long[sampleShapes[t].length + 1];
            shape[0] = batch.length;
            System.arraycopy(sampleShapes[t], 0, shape, 1, sampleShapes[t].length);
            out.add(new TrainingLoop.Feed(feeds.get(t), x, Shape.of(shape)));
        }
        return out;
    }
}
