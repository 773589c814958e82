package io.fer.core;

import ai.djl.Device;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.fer.core.face.CropSettings;
import io.fer.core.face.FaceCropper;
import io.fer.core.internal.OnnxRuntimeEnvironment;
import io.fer.core.internal.model.ModelDirectory;
import io.fer.core.model.ModelForm;
import io.fer.core.model.ModelFormatException;
import io.fer.core.model.ModelManifest;
import io.fer.core.runtime.TensorFlowRuntime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs a fer model through DJL's own {@link Criteria} and {@code Predictor}: a DJL {@link Translator} from an
 * {@link Image} of one face to the model's {@link Classifications}, for applications that already work with DJL
 * (and, for example, find faces with a DJL model of their own).
 *
 * <pre>{@code
 * try (ZooModel<Image, Classifications> model = FerTranslator.criteria(Path.of("models/my-b0")).loadModel();
 *         Predictor<Image, Classifications> predictor = model.newPredictor()) {
 *     Classifications c = predictor.predict(ImageFactory.getInstance().fromFile(Path.of("face.jpg")));
 *     System.out.println(c.best());
 * }
 * }</pre>
 *
 * <p>It does not look for faces: the image is taken as the face, cut and resized exactly as a {@link Recognizer}
 * cuts an image when the model's crop settings do not detect faces (the largest centred square, or the whole image
 * when the model's crops are not square, resized to the model's input size), so the probabilities are those a
 * Recognizer gives for that crop (with the model's {@linkplain ModelManifest#mirrorAveraging() mirror averaging}
 * when it has it). A Recognizer is the way to detect, align and classify in one call. Batches
 * ({@code Predictor.batchPredict}) run in one forward pass. Stateless and thread-safe.
 */
public final class FerTranslator implements Translator<Image, Classifications> {
    private final List<String> labels;
    private final CropSettings crop;
    private final boolean mirrorAveraging;

    private FerTranslator(ModelManifest manifest) {
        this.labels = manifest.labels();
        this.mirrorAveraging = manifest.mirrorAveraging();
        this.crop = manifest.crop().toBuilder().detectFaces(false).build();
    }

    /**
     * The translator for the model in {@code modelDirectory}, whose manifest is read and its checksums verified.
     *
     * @throws ModelFormatException if the directory is altered, incomplete or unusable
     */
    public static FerTranslator of(Path modelDirectory) {
        return new FerTranslator(ModelDirectory.verify(modelDirectory));
    }

    /**
     * DJL criteria that load the model in {@code modelDirectory} with this translator, offline: its ONNX form on ONNX
     * Runtime (CPU) when it has one, else its SavedModel on TensorFlow, each with the engine's default threads.
     *
     * @throws ModelFormatException if the directory is altered, incomplete or unusable
     */
    public static Criteria<Image, Classifications> criteria(Path modelDirectory) {
        ModelManifest manifest = ModelDirectory.verify(modelDirectory);
        Criteria.Builder<Image, Classifications> b = Criteria.builder().setTypes(Image.class, Classifications.class)
                .optTranslator(new FerTranslator(manifest));
        if (ModelForm.of(manifest).contains(ModelForm.ONNX)) {
            OnnxRuntimeEnvironment.prepareDjl();
            OnnxRuntimeEnvironment.engine(); // started offline, as the Recognizer starts it
            String name = ModelDirectory.ONNX.substring(0, ModelDirectory.ONNX.length() - ".onnx".length());
            return b.optEngine("OnnxRuntime").optDevice(Device.cpu()).optModelPath(modelDirectory)
                    .optModelName(name).build();
        }
        TensorFlowRuntime.engine();
        return b.optEngine("TensorFlow").optModelPath(modelDirectory.resolve(ModelDirectory.SAVED_MODEL))
                .optOption("Tags", "serve").optOption("SignatureDefKey", "serving_default").build();
    }

    /** Class labels in output order. */
    public List<String> labels() {
        return labels;
    }

    /** The image cut and resized to the model's input: {@code [1, size, size, 3]} float RGB 0..255. */
    @Override
    public NDList processInput(TranslatorContext ctx, Image input) {
        return batchProcessInput(ctx, List.of(input));
    }

    /**
     * The images cut and resized to the model's input, as one {@code [n, size, size, 3]} tensor made from the pixels
     * here: DJL's stacking batchifier needs NDArray operations that ONNX Runtime's arrays lack.
     */
    @Override
    public NDList batchProcessInput(TranslatorContext ctx, List<Image> inputs) {
        int s = crop.inputSize();
        int perImage = s * s * 3;
        int copies = mirrorAveraging ? 2 : 1;
        float[] pixels = new float[Math.multiplyExact(copies * inputs.size(), perImage)];
        // a cropper without detection makes no detector and holds nothing native
        try (FaceCropper cropper = new FaceCropper(crop)) {
            for (int i = 0; i < inputs.size(); i++) {
                int at = copies * i * perImage;
                cropper.cropLargestOrCenter(DjlImages.toRgb(inputs.get(i))).image().toFloats(pixels, at);
                if (mirrorAveraging) {
                    MirrorAveraging.mirror(pixels, at, pixels, at + perImage, s);
                }
            }
        }
        NDArray array = ctx.getNDManager().create(pixels, new Shape(copies * inputs.size(), s, s, 3));
        return new NDList(array);
    }

    /** The network's probabilities for one image, one per label. */
    @Override
    public Classifications processOutput(TranslatorContext ctx, NDList list) {
        List<Classifications> one = batchProcessOutput(ctx, list);
        if (one.size() != 1) {
            throw new IllegalStateException("The network gave " + one.size() + " answers for one image");
        }
        return one.get(0);
    }

    /** The network's probabilities, one {@link Classifications} per image, in order. */
    @Override
    public List<Classifications> batchProcessOutput(TranslatorContext ctx, NDList list) {
        float[] p = list.singletonOrThrow().toFloatArray();
        int classes = labels.size();
        if (p.length % classes != 0) {
            throw new IllegalStateException("The network gave " + p.length + " outputs, not a multiple of the "
                    + classes + " labels");
        }
        if (mirrorAveraging) {
            p = MirrorAveraging.meanOfPairs(p, p.length / (2 * classes));
        }
        List<Classifications> out = new ArrayList<>(p.length / classes);
        for (int at = 0; at < p.length; at += classes) {
            List<Double> probabilities = new ArrayList<>(classes);
            for (int i = 0; i < classes; i++) {
                probabilities.add((double) p[at + i]);
            }
            out.add(new Classifications(labels, probabilities));
        }
        return out;
    }

    @Override
    public String toString() {
        return "FerTranslator" + Objects.toString(labels);
    }
}
