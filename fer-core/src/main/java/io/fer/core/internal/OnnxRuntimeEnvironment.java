package io.fer.core.internal;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import io.fer.core.runtime.EngineThreads;
import io.fer.core.runtime.TensorFlowRuntime;
import java.lang.reflect.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's one ONNX Runtime environment, shared by DJL's OnnxRuntime engine (which serves models) and fer's
 * own sessions (YuNet). ONNX Runtime allows one environment per process, and DJL's engine insists on creating it
 * with its thread options: a session made on {@link OrtEnvironment#getEnvironment()} first would make DJL's engine
 * fail to start later. So the environment is always taken after starting DJL's engine, offline and without its
 * "alternative" engine.
 */
public final class OnnxRuntimeEnvironment {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxRuntimeEnvironment.class);
    /** DJL's engine name for ONNX Runtime. */
    public static final String DJL_ENGINE = "OnnxRuntime";
    /** DJL's switch for a second engine that ONNX Runtime would fall back on. */
    static final String DISABLE_ALTERNATIVE = "ai.djl.onnx.disable_alternative";
    /** The ONNX Runtime graph optimiser fer turns off (see {@link #sessionOptions}). */
    static final String SWISH_FUSION = "QuickGeluFusion";
    /** ONNX Runtime's switch that stops its pool threads' spinning when the last running call returns. */
    static final String STOP_SPINNING = "session.force_spinning_stop";

    private OnnxRuntimeEnvironment() {}

    /** Makes DJL's OnnxRuntime engine start offline and alone; call before DJL first touches it. */
    public static void prepareDjl() {
        TensorFlowRuntime.keepOffline(); // DJL must not download or phone home when its engine starts
        // DJL's ONNX Runtime manager otherwise starts a second, "alternative" engine (TensorFlow here) for the
        // operations ONNX Runtime lacks; fer needs none, and in a fresh JVM that start would try to download
        // TensorFlow's natives instead of using fer's
        if (System.getProperty(DISABLE_ALTERNATIVE) == null) {
            System.setProperty(DISABLE_ALTERNATIVE, "true");
        }
    }

    /**
     * Session options as fer sets them for every ONNX Runtime session (served models, YuNet): these threads,
     * sequential execution, every graph optimisation but {@value #SWISH_FUSION}, and idle pool threads that sleep
     * instead of spinning on the cores the application needs, unless {@link EngineThreads#spinDuringCalls()} asks
     * for spinning; then the intra-op pool spins only while a call runs ({@value #STOP_SPINNING}). The caller
     * closes them.
     *
     * <p>{@value #SWISH_FUSION} (level 2) turns EfficientNet's swish, {@code x * sigmoid(x)}, into one
     * {@code QuickGelu} node, which the level-3 NCHWc layout transformer does not know: every swish then forced a
     * reorder out of and back into the blocked layout around it (123 reorders in B0, a third of its time). Without
     * that fusion, Sigmoid and Mul stay in the blocked layout (55 reorders), the outputs are the same bit for bit,
     * and B0 at 224 px used 0.89x the CPU time at batch 32 and 0.90x at batch 1 (fer-benchmarks
     * {@code OrtOptionsProbe}, under load; fer-benchmarks/RESULTS.md). Networks without swish are not affected.
     */
    public static OrtSession.SessionOptions sessionOptions(EngineThreads threads) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setIntraOpNumThreads(threads.intraOp());
            options.setInterOpNumThreads(threads.interOp());
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            String spin = threads.spinDuringCalls() ? "1" : "0";
            options.addConfigEntry("session.intra_op.allow_spinning", spin);
            options.addConfigEntry("session.inter_op.allow_spinning", spin);
            if (threads.spinDuringCalls()) {
                // without it, pool threads go on spinning after a call returns, on the application's cores
                options.addConfigEntry(STOP_SPINNING, "1");
            }
            options.addConfigEntry("optimization.disable_specified_optimizers", SWISH_FUSION);
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }

    /** The environment, created by DJL's engine if nothing has yet. */
    public static synchronized OrtEnvironment get() {
        engine();
        return OrtEnvironment.getEnvironment();
    }

    /**
     * DJL's OnnxRuntime engine, started offline and alone ({@link #prepareDjl()}), with the CPU as its default
     * device where ONNX Runtime has no CUDA provider.
     */
    public static synchronized Engine engine() {
        prepareDjl();
        Engine engine = Engine.getEngine(DJL_ENGINE);
        cpuByDefaultWithoutCuda(engine);
        return engine;
    }

    /**
     * DJL's ONNX Runtime engine finds its default device by trying to add ONNX Runtime's CUDA provider, which logs a
     * WARN on every CPU host ("CUDA is not supported OnnxRuntime engine"). Where ONNX Runtime has no CUDA provider
     * that probe can only answer "CPU", so fer gives the engine that answer first; with a CUDA build of ONNX Runtime
     * on the classpath the engine probes as before.
     */
    private static void cpuByDefaultWithoutCuda(Engine engine) {
        try {
            if (OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
                return;
            }
            Field device = Engine.class.getDeclaredField("defaultDevice");
            device.setAccessible(true);
            if (device.get(engine) == null) {
                device.set(engine, Device.cpu());
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Could not tell DJL's ONNX Runtime engine to default to the CPU: {}", e.toString());
        }
    }
}
