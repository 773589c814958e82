package io.fer.benchmarks;

import io.fer.core.image.RgbImage;
import io.fer.core.runtime.EngineThreads;
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
 * ONNX Runtime used plainly, for {@link EngineBenchmark}'s comparison (issue 15: the default path at least as fast
 * as the best ONNX Runtime configuration measured): the fixture's {@code model.onnx} on ONNX Runtime's Java API, the
 * whole batch in one session call, either with fer's session options ({@code options=fer}) or with ONNX Runtime's
 * defaults but for the threads ({@code options=stock}: idle pool threads spin, every graph optimiser runs). Same
 * crops, same threads ({@link EngineThreads#defaults()}) and same input tensor made before timing as
 * {@code EngineBenchmark}'s {@code through=engine}, which runs the batch in fer's slices instead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 3)
public class OnnxSessionBenchmark {
    /** {@code b0} .. {@code b7}. */
    @Param({"b0", "b3"})
    public String backbone;
    /** Input side in pixels; 0 takes the backbone's default. */
    @Param("0")
    public int inputSize;
    /** Crops per forward pass. */
    @Param({"1", "8", "32"})
    public int batch;
    /** {@code fer}: fer's session options; {@code stock}: ONNX Runtime's defaults but for the threads. */
    @Param({"fer", "stock"})
    public String options;

    private ModelFixture fixture;
    private RawEngine raw;

    @Setup(Level.Trial)
    public void setUp() {
        if (!options.equals("fer") && !options.equals("stock")) {
            throw new IllegalArgumentException("options must be fer or stock, got " + options);
        }
        fixture = ModelFixture.build(backbone, inputSize);
        List<RgbImage> crops = SampleImages.crops(batch, fixture.inputSize());
        EngineThreads threads = EngineThreads.defaults();
        float[] images = SampleImages.floats(crops);
        raw = options.equals("fer")
                ? RawEngine.openOnnxSession(fixture.modelDirectory(), fixture.inputSize(), threads, images, batch)
                : RawEngine.openOnnxStock(fixture.modelDirectory(), fixture.inputSize(), threads, images, batch);
    }

    /** Class probabilities of {@code batch} crops in one session call. */
    @Benchmark
    public float[] probabilities() {
        return raw.probabilities();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
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
