package io.fer.benchmarks;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.fer.core.runtime.EngineThreads;
import io.fer.core.runtime.TensorFlowRuntime;
import java.util.Map;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * The machine's float32 matrix-product peak on the engines fer serves with: one {@code n x n} times {@code n x n}
 * product (2 n³ floating-point operations; n = 4096 as issue 15 measured it) per operation, on ONNX Runtime (a
 * one-node {@code MatMul} model written with ONNX's protobuf classes, session options as fer serves) or on
 * TensorFlow (one {@code MatMul} op built with {@code Ops}, the session's threads set). The inputs are random
 * tensors made before timing. {@link EngineReport} turns the time into GFLOP/s and the EfficientNet rows of the same
 * run into a share of it, taking the faster engine's figure as the machine's peak (the stricter one).
 *
 * <p>Why TensorFlow's figure is the peak to hold fer to: on the 2-vCPU Intel Xeon (AVX-512, 2.3 GHz base clock by
 * its TSC) it reached 287 GFLOP/s, 98 % of 2 cores x 2 FMA units x 16 floats x 2 operations x 2.3 GHz = 294 GFLOP/s,
 * so it measures the hardware; ONNX Runtime's MLAS {@code MatMul} reached 172 in the same run, which says more about
 * MLAS's large-matrix kernel on 2 threads than about the machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 3)
@Measurement(iterations = 3, time = 3)
public class MatMulPeakBenchmark {
    /** {@code onnxruntime} or {@code tensorflow}. */
    @Param({"onnxruntime", "tensorflow"})
    public String engine;
    /** Side of the square matrices. */
    @Param("4096")
    public int n;
    /** Threads inside the product (and one across operations). */
    @Param("2")
    public int threads;

    private OrtSession.SessionOptions ortOptions;
    private OrtSession ortSession;
    private OnnxTensor ortA;
    private OnnxTensor ortB;
    private Graph graph;
    private Session tfSession;
    private TFloat32 tfA;
    private TFloat32 tfB;
    private Placeholder<TFloat32> a;
    private Placeholder<TFloat32> b;
    private MatMul<TFloat32> product;

    /** Floating-point operations of one product: {@code 2 n³} (a multiply and an add per term). */
    public static double flop(int n) {
        return 2.0 * n * n * n;
    }

    @Setup(Level.Trial)
    public void setUp() throws OrtException {
        if (n < 1) {
            throw new IllegalArgumentException("n must be positive, got " + n);
        }
        EngineThreads t = new EngineThreads(threads, 1);
        float[] x = random(n, 1);
        float[] y = random(n, 2);
        switch (engine) {
            case "onnxruntime" -> {
                OrtEnvironment env = io.fer.core.internal.OnnxRuntimeEnvironment.get();
                ortOptions = RawEngine.ortOptions(t);
                ortSession = env.createSession(matMulModel(n).toByteArray(), ortOptions);
                long[] shape = {n, n};
                ortA = OnnxTensor.createTensor(env, RawEngine.directFloats(x), shape);
                ortB = OnnxTensor.createTensor(env, RawEngine.directFloats(y), shape);
            }
            case "tensorflow" -> {
                TensorFlowRuntime.ensureLoaded();
                graph = new Graph();
                Ops tf = Ops.create(graph);
                a = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, n)));
                b = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, n)));
                product = tf.linalg.matMul(a, b);
                tfSession = new Session(graph, ConfigProto.newBuilder().setIntraOpParallelismThreads(t.intraOp())
                        .setInterOpParallelismThreads(t.interOp()).build());
                tfA = TFloat32.tensorOf(Shape.of(n, n), DataBuffers.of(x, true, false));
                tfB = TFloat32.tensorOf(Shape.of(n, n), DataBuffers.of(y, true, false));
            }
            default -> throw new IllegalArgumentException("engine must be onnxruntime or tensorflow, got " + engine);
        }
    }

    /** One product; returns one element of it, so that the work is consumed. */
    @Benchmark
    public float multiply() throws OrtException {
        if (ortSession != null) {
            try (OrtSession.Result r = ortSession.run(Map.of("a", ortA, "b", ortB))) {
                return ((OnnxTensor) r.get(0)).getFloatBuffer().get(0);
            }
        }
        try (Result r = tfSession.runner().feed(a, tfA).feed(b, tfB).fetch(product).run()) {
            return ((TFloat32) r.get(0)).getFloat(0, 0);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
        if (ortSession != null) {
            ortA.close();
            ortB.close();
            ortSession.close();
            ortOptions.close();
        }
        if (tfSession != null) {
            tfA.close();
            tfB.close();
            tfSession.close();
            graph.close();
        }
    }

    /** The ONNX model {@code c = MatMul(a, b)} of two {@code n x n} float inputs (opset 13). */
    static ModelProto matMulModel(int n) {
        GraphProto graph = GraphProto.newBuilder().setName("matmul")
                .addInput(matrix("a", n)).addInput(matrix("b", n)).addOutput(matrix("c", n))
                .addNode(NodeProto.newBuilder().setOpType("MatMul").setName("c").addInput("a").addInput("b")
                        .addOutput("c"))
                .build();
        return ModelProto.newBuilder().setIrVersion(7).setProducerName("fer-benchmarks")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .setGraph(graph).build();
    }

    private static ValueInfoProto matrix(String name, int n) {
        TensorShapeProto.Dimension d = TensorShapeProto.Dimension.newBuilder().setDimValue(n).build();
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE)
                        .setShape(TensorShapeProto.newBuilder().addDim(d).addDim(d)))).build();
    }

    /** Element (0, 0) of the product of this benchmark's inputs, summed in double in Java: the check of both engines. */
    static float firstElement(int n) {
        float[] x = random(n, 1);
        float[] y = random(n, 2);
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += (double) x[k] * y[k * n];
        }
        return (float) sum;
    }

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[Math.multiplyExact(n, n)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return x;
    }
}
