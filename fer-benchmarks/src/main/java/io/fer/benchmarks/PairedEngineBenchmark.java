package io.fer.benchmarks;

import io.fer.core.Recognizer;
import io.fer.core.image.RgbImage;
import io.fer.core.internal.RecognizerAccess;
import io.fer.core.runtime.EngineThreads;
import io.fer.core.runtime.ServingEngine;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The Recognizer against its engine in pairs: each operation is one {@link RecognizerAccess#probabilities} call
 * and one call of the same network on the engine directly (or, with {@code against=session}, on ONNX Runtime used
 * plainly) ({@link RawEngine}, what {@link EngineBenchmark}'s
 * {@code through=engine} runs), in alternating order, in the same JVM, on the same crops and threads. Each call is
 * timed on its own and summed per iteration into the {@link Times} counters, so that every iteration gives one
 * ratio of the two sums measured under the same conditions.
 *
 * <p>Why a benchmark of its own: {@link EngineBenchmark} times the two in separate forks, and on a 2-core host the
 * fork-to-fork spread (up to 20 % at batch 32 between two forks of one configuration) hides a 5 % difference;
 * alternating the two calls inside one fork cancels what drifts between forks and over time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 6, time = 3)
public class PairedEngineBenchmark {
    /** {@code b0} .. {@code b7}. */
    @Param({"b0"})
    public String backbone;
    /** Input side in pixels; 0 takes the backbone's default. */
    @Param("0")
    public int inputSize;
    /** Crops per forward pass. */
    @Param({"1", "32"})
    public int batch;
    /** As {@link EngineBenchmark#serving}. */
    @Param({"auto", "tensorflow-folded"})
    public String serving;
    /**
     * What the Recognizer is paired with: {@code engine}, the network on its engine as fer schedules it (for the
     * Recognizer's own cost), or {@code session}, ONNX Runtime used plainly with fer's session options, the whole
     * batch in one session call ({@link OnnxSessionBenchmark}'s {@code options=fer}; ONNX Runtime servings only).
     * Not ONNX Runtime's stock options: their pool threads spin on after a call and would slow the Recognizer's call
     * that follows.
     */
    @Param({"engine"})
    public String against;

    private ModelFixture fixture;
    private Recognizer recognizer;
    private RawEngine raw;
    private List<RgbImage> crops;
    private boolean recognizerFirst;

    /** Nanoseconds spent in each of the pair's calls during one iteration, and the pairs run. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Times {
        /** Nanoseconds in the engine's calls this iteration. */
        public long engineNanos;
        /** Nanoseconds in the Recognizer's calls this iteration. */
        public long recognizerNanos;
        /** Pairs run this iteration. */
        public long pairs;

        @Setup(Level.Iteration)
        public void clear() {
            engineNanos = 0;
            recognizerNanos = 0;
            pairs = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        fixture = ModelFixture.build(backbone, inputSize, EngineBenchmark.form(serving));
        crops = SampleImages.crops(batch, fixture.inputSize());
        EngineThreads threads = EngineBenchmark.threads(serving);
        recognizer = Recognizer.builder(fixture.modelDirectory()).engine(EngineBenchmark.engine(serving))
                .threads(threads).load();
        ServingEngine chosen = recognizer.engine();
        float[] images = SampleImages.floats(crops);
        raw = switch (against) {
            case "engine" -> RawEngine.open(chosen, fixture.modelDirectory(), fixture.inputSize(), threads, images,
                    batch);
            case "session" -> {
                if (chosen != ServingEngine.ONNX_RUNTIME) {
                    throw new IllegalArgumentException("against=session pairs with ONNX Runtime, but serving "
                            + serving + " runs on " + chosen);
                }
                yield RawEngine.openOnnxSession(fixture.modelDirectory(), fixture.inputSize(), threads, images,
                        batch);
            }
            default -> throw new IllegalArgumentException("against must be engine or session, got " + against);
        };
    }

    /** One Recognizer call and one engine call, the order alternating from one operation to the next. */
    @Benchmark
    public void pair(Times times, Blackhole sink) {
        recognizerFirst = !recognizerFirst;
        if (recognizerFirst) {
            times.recognizerNanos += timeRecognizer(sink);
            times.engineNanos += timeEngine(sink);
        } else {
            times.engineNanos += timeEngine(sink);
            times.recognizerNanos += timeRecognizer(sink);
        }
        times.pairs++;
    }

    private long timeRecognizer(Blackhole sink) {
        long start = System.nanoTime();
        sink.consume(RecognizerAccess.probabilities(recognizer, crops));
        return System.nanoTime() - start;
    }

    private long timeEngine(Blackhole sink) {
        long start = System.nanoTime();
        sink.consume(raw.probabilities());
        return System.nanoTime() - start;
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
