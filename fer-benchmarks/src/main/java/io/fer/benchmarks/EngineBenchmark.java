package io.fer.benchmarks;

import io.fer.core.Recognizer;
import io.fer.core.image.RgbImage;
import io.fer.core.internal.RecognizerAccess;
import io.fer.core.runtime.EngineThreads;
import io.fer.core.runtime.ServingEngine;
import io.fer.train.internal.graph.Exports;
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
 * {@link RecognizerAccess#probabilities} on input-size crops with each serving engine, in one JMH run: ONNX Runtime on
 * the (always folded) ONNX form, TensorFlow on the folded and on the unfolded SavedModel. {@code auto} is what an
 * application gets by default.
 *
 * <p>{@code through=engine} runs the same model directory's network directly on the engine that {@code serving}
 * stands for ({@link RawEngine}: ONNX Runtime's Java API or a TF Java session, the same threads, the same crops as
 * one input tensor made before timing starts), so that the Recognizer's cost over its engine is measured in the
 * same run. {@code auto-spinning} is the default path with {@link EngineThreads#spinningDuringCalls()}, the opt-in
 * for machines given to inference. What the Recognizer does on top, per call: checks the crops' sizes, converts them to floats into its
 * reused direct buffer, hands that to DJL, which copies it into the engine's input tensor, and copies the output
 * into a {@code float[]} (the raw row does that last copy too).
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
    /**
     * {@code auto}, {@code auto-spinning}, {@code onnxruntime}, {@code tensorflow-folded} or
     * {@code tensorflow-unfolded}.
     */
    @Param({"auto", "auto-spinning", "onnxruntime", "tensorflow-folded", "tensorflow-unfolded"})
    public String serving;

    /** {@code recognizer}: {@link RecognizerAccess#probabilities}; {@code engine}: the network alone on its engine. */
    @Param({"recognizer", "engine"})
    public String through;

    private ModelFixture fixture;
    private Recognizer recognizer;
    private RawEngine raw;
    private List<RgbImage> crops;

    @Setup(Level.Trial)
    public void setUp() {
        if (!through.equals("recognizer") && !through.equals("engine")) {
            throw new IllegalArgumentException("through must be recognizer or engine, got " + through);
        }
        fixture = ModelFixture.build(backbone, inputSize, form(serving));
        crops = SampleImages.crops(batch, fixture.inputSize());
        EngineThreads threads = threads(serving);   // given to the Recognizer and to the raw engine alike
        recognizer = Recognizer.builder(fixture.modelDirectory()).engine(engine(serving)).threads(threads).load();
        if (through.equals("engine")) {
            // the engine AUTO chose for this directory, opened raw; the recognizer only told which
            ServingEngine chosen = recognizer.engine();
            recognizer.close();
            recognizer = null;
            raw = RawEngine.open(chosen, fixture.modelDirectory(), fixture.inputSize(), threads,
                    SampleImages.floats(crops), batch);
        }
    }

    /** The form of the model directory that {@code serving} runs: unfolded for {@code tensorflow-unfolded}. */
    static Exports.Form form(String serving) {
        return serving.equals("tensorflow-unfolded") ? Exports.Form.UNFOLDED : Exports.Form.FOLDED;
    }

    /** The Recognizer's default threads, spinning during calls for {@code auto-spinning}. */
    static EngineThreads threads(String serving) {
        return serving.equals("auto-spinning") ? EngineThreads.defaults().spinningDuringCalls()
                : EngineThreads.defaults();
    }

    static ServingEngine engine(String serving) {
        return switch (serving) {
            case "auto", "auto-spinning" -> ServingEngine.AUTO;
            case "onnxruntime" -> ServingEngine.ONNX_RUNTIME;
            case "tensorflow-folded", "tensorflow-unfolded" -> ServingEngine.TENSORFLOW;
            default -> throw new IllegalArgumentException("serving must be auto, auto-spinning, onnxruntime,"
                    + " tensorflow-folded or tensorflow-unfolded, got " + serving);
        };
    }

    /** Class probabilities of {@code batch} crops in one forward pass. */
    @Benchmark
    public float[] probabilities() {
        return raw != null ? raw.probabilities() : RecognizerAccess.probabilities(recognizer, crops);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (recognizer != null) {
            recognizer.close();
            recognizer = null;
        }
        if (raw != null) {
            raw.close();
            raw = null;
        }
        if (fixture != null) {
            fixture.close();
            fixture = null;
        }
    }
}
