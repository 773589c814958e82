package io.fer.core;

import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.ZooModel;
import io.fer.core.face.CropSettings;
import io.fer.core.face.DetectorSettings;
import io.fer.core.face.FaceCrop;
import io.fer.core.face.FaceCropper;
import io.fer.core.face.FaceDetector;
import io.fer.core.image.Frames;
import io.fer.core.image.RgbImage;
import io.fer.core.image.UnreadableImageException;
import io.fer.core.internal.RecognizerAccess;
import io.fer.core.internal.image.ImageDecoding;
import io.fer.core.internal.model.ModelDirectory;
import io.fer.core.internal.model.PretrainedModel;
import io.fer.core.model.ModelFormatException;
import io.fer.core.model.ModelManifest;
import io.fer.core.runtime.EngineThreads;
import io.fer.core.runtime.ServingEngine;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Recognises facial expressions with a saved fer model: finds faces, crops them exactly as training did, and
 * classifies them in one forward pass through ONNX Runtime or TensorFlow (DJL engines; see {@link Builder#engine}).
 *
 * <pre>{@code
 * try (Recognizer recognizer = Recognizer.load(Path.of("models/ckplus-b0"))) {
 *     Optional<Prediction> p = recognizer.predict(Path.of("photo.jpg"));
 *     System.out.println(p.isEmpty() ? "no face" : p.get().label() + " " + p.get().confidence());
 * }
 * }</pre>
 *
 * <p>Images are read upright (EXIF orientation), faces found by the detector the model directory records (YuNet by
 * default; {@link Builder#detector} plugs in another), cropped and aligned as in training, and classified; every
 * {@link Prediction} carries the face's box, landmarks and detector score. Inputs: files, encoded bytes,
 * {@link BufferedImage}s, {@link RgbImage}s, OpenCV {@link Mat}s, DJL {@link Image}s, raw BGR/RGB frames, and batches
 * of images in one forward pass. A DJL application can also run a fer model through DJL's own {@code Criteria} and
 * {@code Predictor} with {@link FerTranslator}.
 *
 * <p>Thread-safe: DJL predictors are not, so each call borrows one from a pool (one per concurrent caller), together
 * with the direct buffer its input tensor is filled from, which is reused from call to call. {@link #close()} waits
 * for calls in flight; calls after it throw {@link IllegalStateException}.
 * When an image has no detectable face, the model's {@link CropSettings.NoFacePolicy} decides: by default
 * ({@code SKIP}) the result is empty; with {@code CENTER_CROP} the centre of the image stands in for the face
 * ({@link Prediction#faceDetected()} is false; model directories written before fer recorded detectors say so); with
 * {@code FAIL} a {@link io.fer.core.face.NoFaceException} is thrown. With a confidence threshold
 * ({@link Builder#minConfidence}) answers below it are marked {@link Prediction#uncertain()}.
 */
public final class Recognizer implements AutoCloseable {
    static {
        RecognizerAccess.install(new RecognizerAccess.Forward() {
            @Override
            public float[] probabilities(Recognizer recognizer, List<RgbImage> crops) {
                return recognizer.pool.probabilities(crops);
            }

            @Override
            public float[] run(Recognizer recognizer, float[] images, int n) {
                return recognizer.pool.run(images, n);
            }
        });
    }

    private final ModelManifest manifest;
    private final CropSettings crop;
    private final ServingEngine engine;
    private final FaceCropper cropper;
    private final PredictorPool pool;
    private final double minConfidence;
    private final boolean mirrorAveraging;

    private Recognizer(ModelManifest manifest, ZooModel<NDList, NDList> model, ServingEngine engine,
            CropSettings crop, FaceDetector detector, double minConfidence, boolean mirrorAveraging) {
        this.manifest = manifest;
        this.engine = engine;
        this.crop = crop;
        this.cropper = detector != null ? new FaceCropper(crop, detector) : new FaceCropper(crop);
        this.pool = new PredictorPool(model, manifest.inputSize(), mirrorAveraging, cropper::close);
        this.minConfidence = minConfidence;
        this.mirrorAveraging = mirrorAveraging;
    }

    /**
     * Loads fer's own expression model (EfficientNet-B0 trained on FER2013), shipped in the {@code fer-zoo} artifact:
     * unpacked into {@code FER_HOME/zoo} on first use and verified, never downloaded. It holds the ONNX form only, so
     * it runs on ONNX Runtime and needs none of TensorFlow's natives.
     *
     * @throws ModelFormatException if {@code fer-zoo} is not on the classpath (the message says what to add)
     */
    public static Recognizer pretrained() {
        return pretrainedBuilder().load();
    }

    /**
     * A builder for fer's own model ({@link #pretrained()}), to load it with another engine, detector, no-face policy
     * or confidence threshold.
     *
     * @throws ModelFormatException if {@code fer-zoo} is not on the classpath (the message says what to add)
     */
    public static Builder pretrainedBuilder() {
        return builder(PretrainedModel.fer2013().modelDirectory());
    }

    /**
     * Loads a model directory written by {@code FerModel.save}. Its checksums are verified first: an altered,
     * incomplete or incompatible directory is refused with {@link ModelFormatException}.
     */
    public static Recognizer load(Path modelDirectory) {
        return builder(modelDirectory).load();
    }

    /**
     * Like {@link #load(Path)}, with another answer to images without a detectable face than the one the model was
     * trained with (null keeps the model's).
     */
    public static Recognizer load(Path modelDirectory, CropSettings.NoFacePolicy noFacePolicy) {
        return builder(modelDirectory).noFacePolicy(noFacePolicy).load();
    }

    /** A builder to load {@code modelDirectory} with another detector, no-face policy or confidence threshold. */
    public static Builder builder(Path modelDirectory) {
        return new Builder(modelDirectory);
    }

    /** Loads a model directory with choices of its own; see {@link Recognizer#builder(Path)}. */
    public static final class Builder {
        private final Path directory;
        private CropSettings.NoFacePolicy noFacePolicy;
        private FaceDetector detector;
        private DetectorSettings detectorSettings;
        private double minConfidence;
        private ServingEngine engine = ServingEngine.AUTO;
        private EngineThreads threads = EngineThreads.defaults();
        private Boolean mirrorAveraging;

        private Builder(Path directory) {
            this.directory = Objects.requireNonNull(directory, "modelDirectory");
        }

        /** What to answer for an image without a detectable face (null: the model's policy). */
        public Builder noFacePolicy(CropSettings.NoFacePolicy value) {
            noFacePolicy = value;
            return this;
        }

        /**
         * Finds faces with the application's own detector instead of the one the model records (it stays open when
         * the recognizer closes). Needed for a model trained with a custom detector.
         */
        public Builder detector(FaceDetector value) {
            detector = value;
            return this;
        }

        /**
         * Finds faces with another of fer's detectors or other settings than the model records, e.g.
         * {@code DetectorSettings.yunet().withScoreThreshold(0.8)}, or {@code DetectorSettings.haar()}.
         */
        public Builder detectorSettings(DetectorSettings value) {
            detectorSettings = value;
            return this;
        }

        /**
         * Answers whose confidence is below {@code value} (0..1) are marked {@link Prediction#uncertain()} (default
         * 0: never).
         */
        public Builder minConfidence(double value) {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException("minConfidence must be 0..1, got " + value);
            }
            minConfidence = value;
            return this;
        }

        /**
         * The engine that runs the network (default {@link ServingEngine#AUTO}: ONNX Runtime when the directory has
         * its ONNX form and no GPU is visible or no SavedModel, TensorFlow otherwise).
         */
        public Builder engine(ServingEngine value) {
            engine = Objects.requireNonNull(value, "engine");
            return this;
        }

        /**
         * Whether each face is classified together with its left-right mirror image and answered with the mean of
         * the two (default: as the model directory says, {@link ModelManifest#mirrorAveraging()}). Off halves the
         * network's work per face; on is usually more accurate for models trained with flips.
         */
        public Builder mirrorAveraging(boolean value) {
            mirrorAveraging = value;
            return this;
        }

        /** The engine's threads (default {@link EngineThreads#defaults()}: every core inside an op, one across). */
        public Builder threads(EngineThreads value) {
            threads = Objects.requireNonNull(value, "threads");
            return this;
        }

        /**
         * Verifies and loads the model.
         *
         * @throws ModelFormatException if the directory is altered, incomplete or unusable
         */
        public Recognizer load() {
            return Recognizer.load(this);
        }
    }

    private static Recognizer load(Builder b) {
        Path modelDirectory = b.directory;
        ModelManifest manifest = ModelDirectory.verify(modelDirectory);
        CropSettings crop = cropSettings(manifest, b.noFacePolicy);
        if (b.detectorSettings != null) {
            crop = crop.toBuilder().detector(b.detectorSettings).build();
        }
        if (crop.detectFaces() && b.detector == null && crop.detector().kind() == DetectorSettings.Kind.CUSTOM) {
            throw new ModelFormatException(modelDirectory.resolve(ModelDirectory.MANIFEST) + " was trained with the "
                    + "application's own face detector " + crop.detector().customId() + "; pass it with "
                    + "Recognizer.builder(dir).detector(...)");
        }
        if (crop.detectFaces()) {
            FaceDetector.preload(); // OpenCV loads while TensorFlow starts and reads the model
        }
        ServingEngine engine = EngineLoader.resolve(modelDirectory, manifest, b.engine);
        ZooModel<NDList, NDList> model = EngineLoader.load(modelDirectory, engine, b.threads);
        try {
            GraphCheck.verify(modelDirectory, manifest, model, engine); // the manifest must describe this graph
            boolean mirror = b.mirrorAveraging != null ? b.mirrorAveraging : manifest.mirrorAveraging();
            return new Recognizer(manifest, model, engine, crop, b.detector, b.minConfidence, mirror);
        } catch (RuntimeException | Error e) {
            model.close(); // e.g. OpenCV could not load: the TensorFlow model must not leak
            throw e;
        }
    }

    /** The manifest's crop settings (checked when it was read), with the caller's no-face policy if given. */
    private static CropSettings cropSettings(ModelManifest manifest, CropSettings.NoFacePolicy policy) {
        CropSettings trained = manifest.crop();
        return policy == null ? trained : trained.toBuilder().noFacePolicy(policy).build();
    }

    /** The engine that runs the network ({@link ServingEngine#AUTO} resolved). */
    public ServingEngine engine() {
        return engine;
    }

    /** The model's manifest: labels, input size, backbone, training summary. */
    public ModelManifest manifest() {
        return manifest;
    }

    /** Class labels in output order. */
    public List<String> labels() {
        return manifest.labels();
    }

    /** How images are cropped before classification. */
    public CropSettings cropSettings() {
        return crop;
    }

    /** The detector that finds faces, or null when the model's crop settings do not detect faces. */
    public FaceDetector detector() {
        return cropper.detector();
    }

    /** Whether each face is classified with its mirror image and the two answers averaged. */
    public boolean mirrorAveraging() {
        return mirrorAveraging;
    }

    /** Answers below this confidence are {@link Prediction#uncertain()}; 0 when no threshold is set. */
    public double minConfidence() {
        return minConfidence;
    }

    /**
     * The expression of the largest face in an image file, read upright by its EXIF orientation; empty when no face
     * is found (and the no-face policy is {@code SKIP}, the default).
     *
     * @throws UnreadableImageException if the file is missing, not an image, or damaged (the message names it)
     */
    public Optional<Prediction> predict(Path image) throws UnreadableImageException {
        return predict(ImageDecoding.read(image));
    }

    /** The expression of the largest face in encoded image bytes (PNG, JPEG, TIFF, BMP …), read upright. */
    public Optional<Prediction> predict(byte[] encodedImage) throws UnreadableImageException {
        return predict(ImageDecoding.read(encodedImage));
    }

    /** The expression of the largest face in an image. */
    public Optional<Prediction> predict(BufferedImage image) {
        return predict(ImageDecoding.fromBufferedImage(image));
    }

    /** The expression of the largest face in an OpenCV image: 8-bit BGR, BGRA or grey ({@link Frames#fromMat}). */
    public Optional<Prediction> predict(Mat image) {
        return predict(Frames.fromMat(image));
    }

    /**
     * The expression of the largest face in a DJL image (from {@code ImageFactory.getInstance()}), so that fer fits
     * into a DJL pipeline; no DJL engine is started for it.
     */
    public Optional<Prediction> predict(Image image) {
        return predict(DjlImages.toRgb(image));
    }

    /** The expression of the largest face in a raw frame of 3-byte pixels ({@link Frames#fromRaw}). */
    public Optional<Prediction> predict(byte[] pixels, int width, int height, int stride, Frames.PixelOrder order) {
        return predict(Frames.fromRaw(pixels, width, height, stride, order));
    }

    /** The expression of the largest face in an image. */
    public Optional<Prediction> predict(RgbImage image) {
        return pool.whileOpen(() -> cropper.crop(image).map(c -> classify(List.of(c)).get(0)));
    }

    /** One prediction per face found in an image file, largest face first. */
    public List<Prediction> predictAll(Path image) throws UnreadableImageException {
        return predictAll(ImageDecoding.read(image));
    }

    /** One prediction per face found in encoded image bytes, largest face first. */
    public List<Prediction> predictAll(byte[] encodedImage) throws UnreadableImageException {
        return predictAll(ImageDecoding.read(encodedImage));
    }

    /** One prediction per face found in an image, largest face first. */
    public List<Prediction> predictAll(BufferedImage image) {
        return predictAll(ImageDecoding.fromBufferedImage(image));
    }

    /** One prediction per face found in an OpenCV image, largest face first. */
    public List<Prediction> predictAll(Mat image) {
        return predictAll(Frames.fromMat(image));
    }

    /** One prediction per face found in a DJL image, largest face first. */
    public List<Prediction> predictAll(Image image) {
        return predictAll(DjlImages.toRgb(image));
    }

    /** One prediction per face found in a raw frame, largest face first. */
    public List<Prediction> predictAll(byte[] pixels, int width, int height, int stride, Frames.PixelOrder order) {
        return predictAll(Frames.fromRaw(pixels, width, height, stride, order));
    }

    /**
     * One prediction per face found, largest first, in one forward pass. With none found the no-face policy
     * decides: none (the default), one prediction for the centre crop, or {@link io.fer.core.face.NoFaceException}.
     */
    public List<Prediction> predictAll(RgbImage image) {
        return pool.whileOpen(() -> {
            List<FaceCrop> crops = cropper.cropAll(image);
            return crops.isEmpty() ? List.<Prediction>of() : classify(crops);
        });
    }

    /**
     * Every face of every image, in one forward pass for all of them (a batch of video frames, a folder of photos):
     * one list per image, in order, each as {@link #predictAll(RgbImage)} gives it.
     */
    public List<List<Prediction>> predictBatch(List<RgbImage> images) {
        return pool.whileOpen(() -> {
            List<FaceCrop> all = new ArrayList<>();
            int[] counts = new int[images.size()];
            for (int i = 0; i < images.size(); i++) {
                List<FaceCrop> crops = cropper.cropAll(images.get(i));
                counts[i] = crops.size();
                all.addAll(crops);
            }
            List<Prediction> flat = classify(all);
            List<List<Prediction>> out = new ArrayList<>(images.size());
            int at = 0;
            for (int c : counts) {
                out.add(List.copyOf(flat.subList(at, at + c)));
                at += c;
            }
            return List.copyOf(out);
        });
    }

    /**
     * Classifies many crops in one forward pass (for example every face of a video frame), with their landmarks and
     * detector scores, marked uncertain below the confidence threshold.
     */
    private List<Prediction> classify(List<FaceCrop> crops) {
        List<RgbImage> images = new ArrayList<>(crops.size());
        crops.forEach(c -> images.add(c.image()));
        float[] probs = pool.probabilities(images);
        List<Prediction> out = new ArrayList<>(crops.size());
        int classes = manifest.labels().size();
        for (int i = 0; i < crops.size(); i++) {
            out.add(Prediction.of(manifest.labels(), probs, i * classes, crops.get(i), minConfidence));
        }
        return out;
    }

    /** Releases the network's native memory and the detector it made, after the calls in flight. */
    @Override
    public void close() {
        pool.close();
    }
}
