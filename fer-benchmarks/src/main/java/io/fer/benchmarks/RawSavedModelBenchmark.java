package io.fer.benchmarks;

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
import org.tensorflow.types.TFloat32;

/**
 * The baseline: the exported SavedModel run directly through TF Java's session, on an input tensor made once in
 * setup. Nothing of fer runs per call, so the {@link RecognizerBenchmark} at the same parameters shows fer's overhead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 3)
public class RawSavedModelBenchmark {
    /** {@code b0} .. {@code b7}. */
    @Param("b0")
    public String backbone;
    /** Input side in pixels; 0 takes the backbone's default. */
    @Param("0")
    public int inputSize;
    /** Images per forward pass. */
    @Param({"1", "8", "32"})
    public int batch;

    private ModelFixture fixture;
    private RawSavedModel model;
    private TFloat32 images;

    @Setup(Level.Trial)
    public void setUp() {
        fixture = ModelFixture.build(backbone, inputSize);
        model = new RawSavedModel(fixture.savedModel(), fixture.inputSize());
        images = model.tensor(SampleImages.floats(SampleImages.crops(batch, fixture.inputSize())), batch);
    }

    /** One forward pass of {@code batch} images; returns the first probability so that nothing is optimised away. */
    @Benchmark
    public float forwardPass() {
        return model.forward(images);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (images != null) {
            images.close();
        }
        if (model != null) {
            model.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }
}
