package io.fer.benchmarks;

import io.fer.core.runtime.TensorFlowRuntime;
import io.fer.models.Backbone;
import io.fer.models.internal.Backbones;
import io.fer.models.internal.efficientnet.EfficientNetFolding;
import io.fer.models.internal.graph.BackboneGraph;
import io.fer.models.internal.graph.TowerMode;
import io.fer.models.internal.serving.TensorFlowServing;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * A measurement for issue 15's last point: would the feature cache of fer-train fill faster if the frozen backbone
 * ran folded? One TensorFlow session (default threads, as training's) holds the backbone's inference tower as
 * training runs it (unfolded: FusedBatchNorm with frozen statistics) and the same weights folded
 * ({@link EfficientNetFolding}); both pool the top activation as phase 1's cache does. Over {@code --images} crops in
 * batches of {@code --batch}, the two passes alternate for {@code --rounds} rounds; it prints the seconds of each
 * and the largest difference of the pooled features relative to the largest feature.
 *
 * <pre>java … io.fer.benchmarks.FrozenFoldingProbe [--backbone b0] [--input-size 224] [--images 256] [--batch 32] [--rounds 3]</pre>
 */
public final class FrozenFoldingProbe {
    private FrozenFoldingProbe() {}

    public static void main(String[] args) {
        Args a = new Args(args, Set.of("backbone", "input-size", "images", "batch", "rounds"));
        Backbone backbone = Backbone.parse(a.text("backbone", "b0"));
        int size = ModelFixture.resolveInputSize(backbone, a.integer("input-size", 0));
        int images = a.integer("images", 256);
        int batch = a.integer("batch", 32);
        int rounds = a.integer("rounds", 3);
        TensorFlowRuntime.ensureLoaded();
        float[] x = SampleImages.floats(SampleImages.crops(images, size));
        try (Graph g = new Graph(); Session s = new Session(g); Graph g2 = new Graph(); Session s2 = new Session(g2)) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> in = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, size, size, 3)));
            BackboneGraph net = Backbones.create(backbone, tf, size, 42);
            Operand<TFloat32> unfolded = pool(tf, net.tower(in, TowerMode.INFERENCE).output());
            s.initialize();
            // the same weights folded, in a graph of its own as Exports builds it
            Ops tf2 = Ops.create(g2);
            Placeholder<TFloat32> in2 = tf2.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, size, size, 3)));
            TensorFlowServing folding = TensorFlowServing.build(tf2,
                    EfficientNetFolding.backbone(backbone, size, net.readWeights(s)), in2);
            Operand<TFloat32> folded = pool(tf2, folding.output());
            s2.initialize();
            folding.assign(s2);
            double[] seconds = new double[2];
            float[][] features = new float[2][];
            for (int round = 0; round <= rounds; round++) {   // round 0 warms both up and is not counted
                for (int k = 0; k < 2; k++) {
                    int which = (round + k) % 2;   // alternate which goes first
                    long t0 = System.nanoTime();
                    float[] f = which == 0 ? run(s, in, unfolded, x, images, batch, size)
                            : run(s2, in2, folded, x, images, batch, size);
                    if (round > 0) {
                        seconds[which] += (System.nanoTime() - t0) / 1e9;
                    }
                    features[which] = f;
                }
            }
            double absMax = 0;
            double diff = 0;
            for (int i = 0; i < features[0].length; i++) {
                absMax = Math.max(absMax, Math.abs(features[0][i]));
                diff = Math.max(diff, Math.abs(features[0][i] - features[1][i]));
            }
            System.out.printf(Locale.ROOT, "%s %d px, %d crops in batches of %d, %d rounds:%n", backbone.displayName(),
                    size, images, batch, rounds);
            for (int k = 0; k < 2; k++) {
                System.out.printf(Locale.ROOT, "  %-8s %.2f s per pass, %.1f images/s%n", k == 0 ? "unfolded" : "folded",
                        seconds[k] / rounds, images * rounds / seconds[k]);
            }
            System.out.printf(Locale.ROOT, "  folded / unfolded time %.3f; largest pooled-feature difference %.3g of the"
                    + " largest feature (%.3g)%n", seconds[1] / seconds[0], diff / absMax, absMax);
        }
    }

    private static Operand<TFloat32> pool(Ops tf, Operand<TFloat32> map) {
        return tf.math.mean(map, tf.constant(new int[] {1, 2}));
    }

    private static float[] run(Session s, Placeholder<TFloat32> in, Operand<TFloat32> out, float[] x, int images,
            int batch, int size) {
        int per = size * size * 3;
        List<float[]> parts = new java.util.ArrayList<>();
        int width = 0;
        for (int from = 0; from < images; from += batch) {
            int n = Math.min(batch, images - from);
            try (TFloat32 t = TFloat32.tensorOf(Shape.of(n, size, size, 3),
                    DataBuffers.of(x, true, false).slice((long) from * per, (long) n * per));
                    Result r = s.runner().feed(in, t).fetch(out).run()) {
                TFloat32 f = (TFloat32) r.get(0);
                float[] values = new float[Math.toIntExact(f.shape().size())];
                f.copyTo(DataBuffers.of(values, false, false));
                width = values.length / n;
                parts.add(values);
            }
        }
        float[] all = new float[images * width];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
