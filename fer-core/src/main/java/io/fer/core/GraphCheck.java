package io.fer.core;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SymbolBlock;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import ai.djl.util.PairList;
import io.fer.core.internal.model.ModelDirectory;
import io.fer.core.model.ModelFormatException;
import io.fer.core.model.ModelManifest;
import io.fer.core.runtime.ServingEngine;
import java.nio.file.Path;

/**
 * Checks a manifest against the graph it describes, so that a manifest cannot make the model lie: the graph must take
 * {@code inputSize x inputSize} RGB images and give one probability per label. Read from the serving signature's
 * shapes; where the signature leaves a size open, one forward pass of a black image settles it.
 */
final class GraphCheck {
    private GraphCheck() {}

    static void verify(Path dir, ModelManifest m, ZooModel<NDList, NDList> model, ServingEngine engine) {
        Path manifest = dir.resolve(ModelDirectory.MANIFEST);
        int s = m.inputSize();
        long classes = -1;
        try {
            PairList<String, Shape> in = model.getBlock().describeInput();
            PairList<String, Shape> out = model.getBlock() instanceof SymbolBlock b ? b.describeOutput() : null;
            if (in != null && in.size() == 1) {
                Shape shape = in.get(0).getValue();
                if (shape.dimension() != 4 || !fits(shape.get(1), s) || !fits(shape.get(2), s) || !fits(shape.get(3), 3)) {
                    throw new ModelFormatException(manifest + ": inputSize is " + s + " but the graph in "
                            + form(engine) + " takes images of shape " + shape
                            + "; it must match the graph");
                }
            }
            if (out != null && out.size() == 1 && out.get(0).getValue().dimension() == 2) {
                classes = out.get(0).getValue().get(1);
            }
        } catch (UnsupportedOperationException | IllegalStateException e) {
            // this engine does not describe its signature: the forward pass below decides
        }
        if (classes < 0) {
            classes = probe(model, s, manifest);
        }
        if (classes != m.labels().size()) {
            throw new ModelFormatException(manifest + ": labels lists " + m.labels().size() + " classes but the graph "
                    + "in " + form(engine) + " outputs " + classes + " probabilities; they must match");
        }
    }

    /** The file or folder {@code engine} read the graph from, for messages. */
    private static String form(ServingEngine engine) {
        return engine == ServingEngine.ONNX_RUNTIME ? ModelDirectory.ONNX : ModelDirectory.SAVED_MODEL + "/";
    }

    private static boolean fits(long dim, long expected) {
        return dim < 0 || dim == expected;
    }

    /** The number of outputs for one black image of the manifest's input size. */
    private static long probe(ZooModel<NDList, NDList> model, int s, Path manifest) {
        try (Predictor<NDList, NDList> p = model.newPredictor();
                NDManager manager = model.getNDManager().newSubManager()) {
            NDArray image = manager.zeros(new Shape(1, s, s, 3), DataType.FLOAT32);
            NDArray out = p.predict(new NDList(image)).singletonOrThrow();
            return out.getShape().dimension() == 2 ? out.getShape().get(1) : out.getShape().size();
        } catch (TranslateException | RuntimeException e) {
            throw new ModelFormatException(manifest + ": the graph does not run on " + s + "x" + s + " RGB images "
                    + "(inputSize " + s + "): " + e.getMessage(), e);
        }
    }
}
