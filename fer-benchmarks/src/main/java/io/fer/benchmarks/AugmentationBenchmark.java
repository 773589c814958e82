package io.fer.benchmarks;

import io.fer.train.augment.Augmentation;
import io.fer.train.internal.augment.Augmenter;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.Warmup;

/** The paper's augmentation (flip, rotation, zoom, shift) of one training batch, as the training loop runs it. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
public class AugmentationBenchmark {
    /** Image side in pixels. */
    @Param("224")
    public int inputSize;
    /** Images per batch. */
    @Param("32")
    public int batch;

    private float[] images;
    private float[] augmented;
    private Augmenter augmenter;
    private SplittableRandom random;

    @Setup(Level.Trial)
    public void setUp() {
        images = SampleImages.floats(SampleImages.crops(batch, inputSize));
        augmented = new float[images.length];
        augmenter = new Augmenter(Augmentation.paper());
        random = new SplittableRandom(42);
    }

    /** Draws a transform for each image of the batch and applies it. */
    @Benchmark
    public float[] augmentBatch() {
        int per = inputSize * inputSize * 3;
        for (int i = 0; i < batch; i++) {
            Augmenter.apply(augmenter.draw(random), images, i * per, inputSize, augmented, i * per);
        }
        return augmented;
    }
}
