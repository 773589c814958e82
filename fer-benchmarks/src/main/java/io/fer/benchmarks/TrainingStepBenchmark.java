package io.fer.benchmarks;

import io.fer.models.Backbone;
import io.fer.train.FreezePoint;
import io.fer.train.Head;
import io.fer.train.internal.graph.HeadShape;
import io.fer.train.internal.graph.TrainingGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * One Adam step of each training phase on one batch, as {@code TrainingLoop} runs it, through fer's public
 * {@link TrainingGraph}. Phase 1 trains the head on the frozen backbone; phase 2 also trains the layers from the
 * freeze point on. Each phase is measured twice: fed with images (the whole network runs: no feature cache), and
 * fed where training begins with values cached from the frozen layers (the head's pooled input in phase 1, the
 * freeze point's boundary in phase 2), which is what a step costs once {@code featureCache} has been filled.
 * Images per second are {@code batch} divided by the time per step.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 3)
public class TrainingStepBenchmark {
    /** {@code b0} .. {@code b7}. */
    @Param("b0")
    public String backbone;
    /** Input side in pixels; 0 takes the backbone's default. */
    @Param("0")
    public int inputSize;
    /** Images per step. */
    @Param("32")
    public int batch;
    /** Keras index of the first layer phase 2 trains (the paper's -6). */
    @Param("-6")
    public int freezeUntil;

    private static final int CLASSES = 8;

    private TrainingGraph graph;
    private TFloat32 images;
    private TFloat32 labels;
    private TFloat32 weights;
    private TFloat32 pooled;
    private List<TFloat32> boundary;

    @Setup(Level.Trial)
    public void setUp() {
        Backbone b = Backbone.parse(backbone);
        int s = io.fer.benchmarks.ModelFixture.resolveInputSize(b, inputSize);
        // Head.standard(): average pooling (flatten for the CNN), no hidden layer, dropout 0.2
        HeadShape head = new HeadShape(!b.isEfficientNet(), List.of(), 0.2);
        TrainingGraph.Spec spec = new TrainingGraph.Spec(b, s, CLASSES, head, false, false, 1e-3, 1e-4, 42);
        FreezePoint freeze = FreezePoint.index(freezeUntil);
        graph = new TrainingGraph(spec, freeze.resolve(b));
        images = TFloat32.tensorOf(Shape.of(batch, s, s, 3),
                DataBuffers.of(SampleImages.floats(SampleImages.crops(batch, s)), true, false));
        float[] y = new float[batch * CLASSES];
        float[] w = new float[batch];
        for (int i = 0; i < batch; i++) {
            y[i * CLASSES + i % CLASSES] = 1;
            w[i] = 1;
        }
        labels = TFloat32.tensorOf(Shape.of(batch, CLASSES), DataBuffers.of(y, true, false));
        weights = TFloat32.tensorOf(Shape.of(batch), DataBuffers.of(w, true, false));
        pooled = compute(List.of(graph.pooled())).get(0);
        boundary = graph.frozenBoundaryInputs().isEmpty() ? List.of() : compute(graph.frozenBoundaryOutputs());
    }

    /** Runs the inference tower on the batch and keeps copies of {@code fetch}'s values. */
    private List<TFloat32> compute(List<Operand<TFloat32>> fetch) {
        Session.Runner r = graph.session().runner().feed(graph.images(), images);
        fetch.forEach(r::fetch);
        List<TFloat32> out = new ArrayList<>();
        try (Result res = r.run()) {
            for (int i = 0; i < fetch.size(); i++) {
                TFloat32 t = (TFloat32) res.get(i);
                float[] v = new float[Math.toIntExact(t.shape().size())];
                t.copyTo(DataBuffers.of(v, false, false));
                out.add(TFloat32.tensorOf(t.shape(), DataBuffers.of(v, true, false)));
            }
        }
        return out;
    }

    /** Phase 1 from images: the frozen backbone runs forward, the head trains. */
    @Benchmark
    public float phase1FromImages() {
        return step(graph.phase1(), List.of(graph.images()), List.of(images));
    }

    /** Phase 1 from cached pooled features: only the head runs. */
    @Benchmark
    public float phase1FromCachedFeatures() {
        return step(graph.phase1(), List.of(graph.pooled()), List.of(pooled));
    }

    /** Phase 2 from images: the whole backbone runs forward, the layers from the freeze point on train. */
    @Benchmark
    public float phase2FromImages() {
        return step(graph.phase2(), List.of(graph.images()), List.of(images));
    }

    /** Phase 2 from cached frozen-boundary values: only the layers from the freeze point on run. */
    @Benchmark
    public float phase2FromCachedBoundary() {
        if (boundary.isEmpty()) {
            throw new IllegalStateException("Freeze point " + freezeUntil + " leaves nothing frozen to cache");
        }
        return step(graph.phase2(), graph.frozenBoundaryInputs(), boundary);
    }

    /** One Adam step; returns the batch loss. */
    private float step(TrainingGraph.PhaseOps ops, List<Operand<TFloat32>> targets, List<TFloat32> values) {
        Session.Runner r = graph.session().runner();
        for (int i = 0; i < targets.size(); i++) {
            r.feed(targets.get(i), values.get(i));
        }
        r.feed(graph.labels(), labels).feed(graph.sampleWeights(), weights).addTarget(ops.step())
                .fetch(ops.loss()).fetch(ops.correct());
        try (Result res = r.run()) {
            return ((TFloat32) res.get(0)).getFloat();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        List<Tensor> tensors = new ArrayList<>();
        for (Tensor t : new Tensor[] {images, labels, weights, pooled}) {
            if (t != null) {
                tensors.add(t);
            }
        }
        if (boundary != null) {
            tensors.addAll(boundary);
        }
        tensors.forEach(Tensor::close);
        if (graph != null) {
            graph.close();
        }
    }
}
