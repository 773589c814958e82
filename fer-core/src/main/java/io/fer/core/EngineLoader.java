package io.fer.core;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.util.cuda.CudaUtils;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import io.fer.core.model.ModelDirectory;
import io.fer.core.model.ModelFormatException;
import io.fer.core.runtime.EngineThreads;
import io.fer.core.runtime.OnnxRuntimeEnvironment;
import io.fer.core.runtime.ServingEngine;
import io.fer.core.runtime.TensorFlowRuntime;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.proto.ConfigProto;

/** Loads a verified model directory's network into the serving engine chosen for it, offline, threads set. */
final class EngineLoader {
    private static final Logger LOG = LoggerFactory.getLogger(EngineLoader.class);
    private static final String ONNX_RUNTIME = "OnnxRuntime";

    private EngineLoader() {}

    /** The engine {@code choice} means for {@code dir}; ONNX Runtime on a directory without the ONNX form is refused. */
    static ServingEngine resolve(Path dir, ServingEngine choice) {
        boolean onnx = Files.isRegularFile(dir.resolve(ModelDirectory.ONNX));
        if (choice == ServingEngine.ONNX_RUNTIME && !onnx) {
            throw new ModelFormatException(dir + " has no " + ModelDirectory.ONNX + " (saved before fer wrote the"
                    + " ONNX form, or not an EfficientNet): load it with ServingEngine.TENSORFLOW or AUTO");
        }
        // only AUTO with an ONNX form asks whether a GPU is there (the probe loads CUDA's runtime if present)
        boolean gpu = choice == ServingEngine.AUTO && onnx && CudaUtils.getGpuCount() > 0;
        return choice.resolve(onnx, gpu);
    }

    static ZooModel<NDList, NDList> load(Path dir, ServingEngine engine, EngineThreads threads) {
        try {
            return engine == ServingEngine.ONNX_RUNTIME ? onnxRuntime(dir, threads) : tensorFlow(dir, threads);
        } catch (MalformedModelException | IOException | OrtException e) {
            throw new ModelFormatException("Cannot load the " + (engine == ServingEngine.ONNX_RUNTIME
                    ? ModelDirectory.ONNX : "SavedModel") + " in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static ZooModel<NDList, NDList> tensorFlow(Path dir, EngineThreads threads)
            throws IOException, MalformedModelException {
        TensorFlowRuntime.engine();
        ConfigProto config = ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(threads.intraOp())
                .setInterOpParallelismThreads(threads.interOp())
                .build();
        Model model = Model.newInstance("fer", "TensorFlow"); // the engine's default device: a GPU if it has one
        try {
            model.load(dir.resolve(ModelDirectory.SAVED_MODEL), null, Map.of("Tags", "serve",
                    "SignatureDefKey", "serving_default", "ConfigProto", config));
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw e;
        }
        LOG.debug("Serving {} on TensorFlow, {} intra-op / {} inter-op threads", dir, threads.intraOp(),
                threads.interOp());
        return new ZooModel<>(model, new NoopTranslator());
    }

    private static ZooModel<NDList, NDList> onnxRuntime(Path dir, EngineThreads threads)
            throws IOException, MalformedModelException, OrtException {
        OnnxRuntimeEnvironment.prepareDjl();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setIntraOpNumThreads(threads.intraOp());
            options.setInterOpNumThreads(threads.interOp());
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // idle pool threads sleep instead of spinning on the cores the application needs
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
        cpuByDefaultWithoutCuda(Engine.getEngine(ONNX_RUNTIME));
        Model model = Model.newInstance("fer", Device.cpu(), ONNX_RUNTIME);
        try {
            String name = ModelDirectory.ONNX.substring(0, ModelDirectory.ONNX.length() - ".onnx".length());
            model.load(dir, name, Map.of("sessionOptions", options));
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            options.close();
            throw e;
        }
        LOG.debug("Serving {} on ONNX Runtime, {} intra-op / {} inter-op threads, no spinning", dir,
                threads.intraOp(), threads.interOp());
        return new ZooModel<>(model, new NoopTranslator());
    }

    /**
     * DJL's ONNX Runtime engine finds its default device by trying to add ONNX Runtime's CUDA provider, which logs a
     * WARN on every CPU host ("CUDA is not supported OnnxRuntime engine"). Where ONNX Runtime has no CUDA provider
     * that probe can only answer "CPU", so fer gives the engine that answer first; with a CUDA build of ONNX Runtime
     * on the classpath the engine probes as before.
     */
    static void cpuByDefaultWithoutCuda(Engine engine) {
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
