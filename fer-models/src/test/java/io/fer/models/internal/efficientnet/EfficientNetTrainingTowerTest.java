package io.fer.models.internal.efficientnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fer.core.runtime.TensorFlowRuntime;
import io.fer.models.Backbone;
import io.fer.models.internal.graph.Tower;
import io.fer.models.internal.graph.TowerMode;
import io.fer.models.internal.keras.KerasWeights;
import io.fer.models.internal.keras.WeightArray;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Training-mode towers on B0 at 32 px: BatchNormalization statistics, stochastic depth, gradients. */
@Tag("slow")
class EfficientNetTrainingTowerTest {
    private static final int SIZE = 32;
    private static final long[] ONE_IMAGE = {1, SIZE, SIZE, 3};

    private Graph graph;
    private Session session;
    private Ops tf;
    private EfficientNetGraph net;
    private Placeholder<TFloat32> images;

    @BeforeAll
    static void load() {
        TensorFlowRuntime.ensureLoaded();
    }

    @BeforeEach
    void build() {
        graph = new Graph();
        session = new Session(graph);
        tf = Ops.create(graph);
        net = EfficientNetGraph.create(tf, Backbone.B0, SIZE, 11);
        images = TensorSupport.images(tf, -1, SIZE);
    }

    @AfterEach
    void close() {
        session.close();
        graph.close();
    }

    /** Keras: moving = 0.99 * moving + 0.01 * batch statistic (TF's fused op uses the unbiased batch variance). */
    @Test
    void batchNormUpdatesMovingAveragesWithKerasMomentum() {
        Tower tower = net.tower(images, TowerMode.training(0, false));
        long batchNormLayers = net.layers().stream().filter(l -> l.kerasClass().equals("BatchNormalization")).count();
        assertThat(tower.batchNormUpdates()).hasSize((int) (2 * batchNormLayers));
        session.initialize();
        setMovingStatistics("stem_bn", 0.5f, 2f);
        float[][] before = read("stem_bn/moving_mean", "stem_bn/moving_variance", "top_bn/moving_mean");
        float[] conv;
        Session.Runner runner = session.runner().fetch(tower.layerOutput("stem_conv"));
        tower.batchNormUpdates().forEach(runner::addTarget);
        try (TFloat32 x = TensorSupport.tensor(randomImages(4, 1), 4, SIZE, SIZE, 3);
                Result r = runner.feed(images, x).run()) {
            conv = TensorSupport.floats(r.get(0));
        }
        float[][] after = read("stem_bn/moving_mean", "stem_bn/moving_variance", "top_bn/moving_mean");
        int channels = 32;
        long n = conv.length / channels;
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            double squares = 0;
            for (int i = c; i < conv.length; i += channels) {
                sum += conv[i];
                squares += (double) conv[i] * conv[i];
            }
            double mean = sum / n;
            double unbiasedVariance = (squares - n * mean * mean) / (n - 1);
            assertThat((double) after[0][c]).as("moving_mean[%d]", c)
                    .isCloseTo(0.99 * before[0][c] + 0.01 * mean, within(1e-5 * Math.max(1, Math.abs(mean))));
            assertThat((double) after[1][c]).as("moving_variance[%d]", c)
                    .isCloseTo(0.99 * before[1][c] + 0.01 * unbiasedVariance,
                            within(1e-4 * Math.max(1, unbiasedVariance)));
        }
        assertThat(after[2]).isNotEqualTo(before[2]);
    }

    @Test
    void frozenLayersKeepTheirStatistics() {
        Tower tower = net.tower(images, TowerMode.training(net.resolveIndex(-6), false));
        // of the last six layers of B0 only block7a_project_bn and top_bn are BatchNormalization
        assertThat(tower.batchNormUpdates()).hasSize(4);
        session.initialize();
        float[][] before = read("stem_bn/moving_mean", "block7a_bn/moving_variance", "block7a_project_bn/moving_mean",
                "top_bn/moving_variance");
        Session.Runner runner = session.runner();
        tower.batchNormUpdates().forEach(runner::addTarget);
        try (TFloat32 x = TensorSupport.tensor(randomImages(2, 2), 2, SIZE, SIZE, 3)) {
            runner.feed(images, x).run().close();
        }
        float[][] after = read("stem_bn/moving_mean", "block7a_bn/moving_variance", "block7a_project_bn/moving_mean",
                "top_bn/moving_variance");
        assertThat(after[0]).containsExactly(before[0]);
        assertThat(after[1]).containsExactly(before[1]);
        assertThat(after[2]).isNotEqualTo(before[2]);
        assertThat(after[3]).isNotEqualTo(before[3]);
    }

    @Test
    void inferenceTowerDoesNotDependOnTheRestOfTheBatch() {
        Tower inference = net.tower(images, TowerMode.INFERENCE);
        Tower training = net.tower(images, TowerMode.training(0, false));
        session.initialize();
        float[] first = randomImages(1, 3);
        float[] pair = Arrays.copyOf(first, first.length * 2);
        System.arraycopy(randomImages(1, 4), 0, pair, first.length, first.length);
        float[] aloneInference = run(inference, first, ONE_IMAGE);
        float[] pairedInference = firstImage(run(inference, pair, 2, SIZE, SIZE, 3), aloneInference.length);
        assertMaxDifference(aloneInference, pairedInference, 1e-5, true);
        // batch statistics: in training mode the same image gives another output next to another image
        float[] aloneTraining = run(training, first, ONE_IMAGE);
        float[] pairedTraining = firstImage(run(training, pair, 2, SIZE, SIZE, 3), aloneTraining.length);
        assertMaxDifference(aloneTraining, pairedTraining, 1e-3, false);
    }

    /** Each sample's residual branch is either dropped or scaled by 1 / (1 - rate), as Keras' noise_shape (N,1,1,1). */
    @Test
    void stochasticDepthDropsWholeSamplesWithKerasScaling() {
        Tower tower = net.tower(images, new TowerMode(Integer.MAX_VALUE, true));
        session.initialize();
        List<MbConvBlock> dropBlocks = net.blocks().stream().filter(MbConvBlock::hasDropout).toList();
        assertThat(dropBlocks).hasSize(9);
        int batch = 8;
        Session.Runner runner = session.runner();
        for (MbConvBlock b : dropBlocks) {
            runner.fetch(tower.layerOutput(b.layer("project_bn"))).fetch(tower.layerOutput(b.layer("drop")));
        }
        int dropped = 0;
        int kept = 0;
        try (TFloat32 x = TensorSupport.tensor(randomImages(batch, 5), batch, SIZE, SIZE, 3);
                Result r = runner.feed(images, x).run()) {
            for (int k = 0; k < dropBlocks.size(); k++) {
                float[] branch = TensorSupport.floats(r.get(2 * k));
                float[] out = TensorSupport.floats(r.get(2 * k + 1));
                double scale = 1 / (1 - dropBlocks.get(k).dropRate());
                int perSample = branch.length / batch;
                for (int n = 0; n < batch; n++) {
                    boolean isDropped = out[n * perSample] == 0 && branch[n * perSample] != 0;
                    for (int i = n * perSample; i < (n + 1) * perSample; i++) {
                        double expected = isDropped ? 0 : branch[i] * scale;
                        assertThat((double) out[i]).isCloseTo(expected, within(1e-5 * Math.max(1, Math.abs(expected))));
                    }
                    dropped += isDropped ? 1 : 0;
                    kept += isDropped ? 0 : 1;
                }
            }
        }
        // expected about 8 drops among 72 sample-branches (rates 0.025..0.175); the seed fixes the draw
        assertThat(dropped).isPositive();
        assertThat(kept).isGreaterThan(dropped);
    }

    /** Gradients through inference- and training-mode batch norms, depthwise convolutions, padding and dropout. */
    @Test
    void gradientsReachEveryTrainableVariable() {
        Tower tower = net.tower(images, TowerMode.training(net.layerIndex("block6a_expand_conv"), true));
        Operand<TFloat32> output = tower.output();
        Operand<TFloat32> loss = tf.sum(tf.math.mul(output, output), tf.constant(new int[] {0, 1, 2, 3}));
        List<Variable<TFloat32>> vars = net.trainableVariables(0, true);
        Gradients grads = tf.gradients(loss, vars);
        session.initialize();
        Session.Runner runner = session.runner();
        grads.dy().forEach(runner::fetch);
        try (TFloat32 x = TensorSupport.tensor(randomImages(2, 6), 2, SIZE, SIZE, 3);
                Result r = runner.feed(images, x).run()) {
            for (int i = 0; i < vars.size(); i++) {
                String name = vars.get(i).op().name();
                Output<?> dy = grads.dy(i);
                assertThat(r.get(i).shape()).as(name).isEqualTo(vars.get(i).shape());
                float[] g = TensorSupport.floats(r.get(i));
                double norm = 0;
                for (float v : g) {
                    assertThat(Float.isFinite(v)).as(name + " " + dy.op().name()).isTrue();
                    norm += v * (double) v;
                }
                assertThat(norm).as("gradient norm of " + name).isPositive();
            }
        }
    }

    private float[] run(Tower tower, float[] pixels, long... shape) {
        try (TFloat32 x = TensorSupport.tensor(pixels, shape);
                Result r = session.runner().feed(images, x).fetch(tower.output()).run()) {
            return TensorSupport.floats(r.get(0));
        }
    }

    private static float[] firstImage(float[] batch, int length) {
        return Arrays.copyOf(batch, length);
    }

    private static void assertMaxDifference(float[] a, float[] b, double bound, boolean below) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        if (below) {
            assertThat(max).isLessThan(bound);
        } else {
            assertThat(max).isGreaterThan(bound);
        }
    }

    private void setMovingStatistics(String layer, float mean, float variance) {
        KerasWeights w = net.readWeights(session);
        List<WeightArray> arrays = w.layer(layer).orElseThrow();
        long[] shape = arrays.get(2).shape();
        float[] m = new float[(int) shape[0]];
        float[] v = new float[(int) shape[0]];
        Arrays.fill(m, mean);
        Arrays.fill(v, variance);
        w.put(layer, List.of(arrays.get(0), arrays.get(1), WeightArray.ofFloats("moving_mean", shape, m),
                WeightArray.ofFloats("moving_variance", shape, v)));
        net.assignWeights(session, w);
    }

    private float[][] read(String... variableNames) {
        Session.Runner runner = session.runner();
        for (String name : variableNames) {
            runner.fetch(name);
        }
        try (Result r = runner.run()) {
            float[][] out = new float[variableNames.length][];
            for (int i = 0; i < out.length; i++) {
                out[i] = TensorSupport.floats(r.get(i));
            }
            return out;
        }
    }

    private static float[] randomImages(int n, long seed) {
        Random random = new Random(seed);
        float[] px = new float[n * SIZE * SIZE * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = random.nextInt(256);
        }
        return px;
    }
}
