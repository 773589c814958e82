package io.fer.benchmarks;

import io.fer.core.Recognizer;
import io.fer.core.image.RgbImage;
import io.fer.core.runtime.ServingEngine;
import io.fer.train.graph.Exports;
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

/**
 * {@link Recognizer#probabilities} on input-size crops with each serving engine, in one JMH run: ONNX Runtime on
 * the (always folded) ONNX form, TensorFlow on the folded and on the unfolded SavedModel. {@code auto} is what an
 * application gets by default.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 3)
public class EngineBenchmark {
    /** {@code b0} .. {@code b7}. */
    @Param({"b0", "b3"})
    public String backbone;
    /** Input side in pixels; 0 takes the backbone's default. */
    @Param("0")
    public int inputSize;
    /** Crops per forward pass. */
    @Param({"1", "8", "32"})
    public int batch;
    /** {@code auto}, {@code onnxruntime}, {@code tensorflow-folded} or {@code tensorflow-unfolded}. */
    @Param({"auto", "onnxruntime", "tensorflow-folded", "tensorflow-unfolded"})
    public String serving;

    private ModelFixture fixture;
    private Recognizer recognizer;
    private List<RgbImage> crops;

    @Setup(Level.Trial)
    public void setUp() {
        Exports.Form form = serving.equals("tensorflow-unfolded") ? Exports.Form.UNFOLDED : Exports.Form.FOLDED;
        fixture = ModelFixture.build(backbone, inputSize, form);
        recognizer = Recognizer.builder(fixture.modelDirectory()).engine(engine(serving)).load();
        crops = SampleImages.crops(batch, fixture.inputSize());
    }

    static ServingEngine engine(String serving) {
        return switch (serving) {
            case "auto" -> ServingEngine.AUTO;
            case "onnxruntime" -> ServingEngine.ONNX_RUNTIME;
            case "tensorflow-folded", "tensorflow-unfolded" -> ServingEngine.TENSORFLOW;
            default -> throw new IllegalArgumentException("serving must be auto, onnxruntime, tensorflow-folded or"
                    + " tensorflow-unfolded, got " + serving);
        };
    }

    /** Class probabilities of {@code batch} crops in one forward pass. */
    @Benchmark
    public float[] probabilities() {
        return recognizer.probabilities(crops);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (recognizer != null) {
            recognizer.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }
}
