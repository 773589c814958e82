package io.fer.core;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.util.cuda.CudaUtils;
import ai.djl.onnxruntime.engine.OrtNDManager;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.fer.core.internal.OnnxRuntimeEnvironment;
import io.fer.core.internal.model.ModelDirectory;
import io.fer.core.model.ModelForm;
import io.fer.core.model.ModelFormatException;
import io.fer.core.model.ModelManifest;
import io.fer.core.runtime.EngineThreads;
import io.fer.core.runtime.ServingEngine;
import io.fer.core.runtime.TensorFlowRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.proto.ConfigProto;

/** Loads a verified model directory's network into the serving engine chosen for it, offline, threads set. */
final class EngineLoader {
    private static final Logger LOG = LoggerFactory.getLogger(EngineLoader.class);
    private static final String ONNX_RUNTIME = "OnnxRuntime";

    private EngineLoader() {}

    /**
     * The engine {@code choice} means for {@code dir}, whose verified manifest says which forms it holds; an engine
     * whose form the directory lacks is refused, naming the directory and the fix.
     */
    static ServingEngine resolve(Path dir, ModelManifest manifest, ServingEngine choice) {
        Set<ModelForm> forms = ModelForm.of(manifest);
        boolean onnx = forms.contains(ModelForm.ONNX);
        boolean savedModel = forms.contains(ModelForm.SAVED_MODEL);
        if (choice == ServingEngine.ONNX_RUNTIME && !onnx) {
            throw new ModelFormatException(dir + " has no " + ModelDirectory.ONNX + " (saved before fer wrote the"
                    + " ONNX form, or not an EfficientNet): load it with ServingEngine.TENSORFLOW or AUTO");
        }
        if (choice == ServingEngine.TENSORFLOW && !savedModel) {
            throw new ModelFormatException(dir + " holds only the ONNX form (" + ModelDirectory.ONNX + ", no "
                    + ModelDirectory.SAVED_MODEL + "/), which TensorFlow cannot serve: load it with"
                    + " ServingEngine.ONNX_RUNTIME or AUTO, or save the model with its SavedModel (FerModel.save)");
        }
        // only AUTO with an ONNX form asks whether a GPU is there (the probe loads CUDA's runtime if present)
        boolean gpu = choice == ServingEngine.AUTO && onnx && CudaUtils.getGpuCount() > 0;
        if (gpu && !savedModel) {
            LOG.info("Serving {} on ONNX Runtime's CPU provider although a CUDA GPU is visible: it holds only {}, and"
                    + " fer's GPU engine, TensorFlow, needs {}/", dir, ModelDirectory.ONNX, ModelDirectory.SAVED_MODEL);
        }
        return choice.resolve(onnx, savedModel, gpu);
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

    private static ZooModel<NDList, NDList> onnxRuntime(Path dir, EngineThreads threads) throws OrtException {
        OnnxRuntimeEnvironment.prepareDjl();
        OrtSession.SessionOptions options = OnnxRuntimeEnvironment.sessionOptions(threads);
        Model model = null;
        OrtSession session = null;
        try {
            // the engine started offline, alone, CPU by default where ORT has no CUDA; then its environment
            OrtEnvironment env = OnnxRuntimeEnvironment.get();
            model = Model.newInstance("fer", Device.cpu(), ONNX_RUNTIME);
            // fer opens the session itself (as DJL's OrtModel.load would) to give the model a block that runs
            // large batches in slices on the recognizer's threads (SlicingOrtBlock, OnnxBatchSlicer)
            session = env.createSession(dir.resolve(ModelDirectory.ONNX).toString(), options);
            model.setBlock(new SlicingOrtBlock(session, (OrtNDManager) model.getNDManager(), options,
                    ModelDirectory.INPUT, threads.intraOp()));
        } catch (OrtException | RuntimeException e) {
            if (session != null) {
                try {
                    session.close();
                } catch (OrtException ignored) {
                    // only a session already closed fails to close: nothing left to free
                }
            }
            if (model != null) {
                model.close();
            }
            options.close();
            throw e;
        }
        LOG.debug("Serving {} on ONNX Runtime, {} intra-op / {} inter-op threads, {}, batches in slices",
                dir, threads.intraOp(), threads.interOp(),
                threads.spinDuringCalls() ? "spinning during calls" : "no spinning");
        return new ZooModel<>(model, new NoopTranslator());
    }
}
