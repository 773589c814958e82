package io.fer.benchmarks;

import io.fer.core.Recognizer;
import io.fer.core.image.RgbImage;
import io.fer.core.internal.RecognizerAccess;
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
 * {@link RecognizerAccess#probabilities} on face crops that already have the model's input size: pixels to floats,
 * tensor, DJL predictor, forward pass, probabilities back. Compare with {@link RawSavedModelBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 3)
public class RecognizerBenchmark {
    /** {@code b0} .. {@code b7}. */
    @Param("b0")
    public String backbone;
    /** Input side in pixels; 0 takes the backbone's default. */
    @Param("0")
    public int inputSize;
    /** Crops per forward pass. */
    @Param({"1", "8", "32"})
    public int batch;

    private ModelFixture fixture;
    private Recognizer recognizer;
    private List<RgbImage> crops;

    @Setup(Level.Trial)
    public void setUp() {
        fixture = ModelFixture.build(backbone, inputSize);
        recognizer = Recognizer.load(fixture.modelDirectory());
        crops = SampleImages.crops(batch, fixture.inputSize());
    }

    /** Class probabilities of {@code batch} crops in one forward pass. */
    @Benchmark
    public float[] probabilities() {
        return RecognizerAccess.probabilities(recognizer, crops);
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
