package io.fer.core;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import com.google.gson.Gson;
import io.fer.core.face.CropSettings;
import io.fer.core.face.FaceCrop;
import io.fer.core.face.FaceCropper;
import io.fer.core.face.FaceDetector;
import io.fer.core.image.ImageDecoding;
import io.fer.core.image.RgbImage;
import io.fer.core.image.UnreadableImageException;
import io.fer.core.model.ModelDirectory;
import io.fer.core.model.ModelFormatException;
import io.fer.core.model.ModelManifest;
import io.fer.core.runtime.TensorFlowRuntime;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Recognises facial expressions with a saved fer model: finds faces, crops them exactly as training did, and
 * classifies them in one forward pass through DJL's TensorFlow engine.
 *
 * <pre>{@code
 * try (Recognizer recognizer = Recognizer.load(Path.of("models/ckplus-b0"))) {
 *     recognizer.predict(Path.of("photo.jpg"))
 *             .ifPresent(p -> System.out.println(p.label() + " " + p.confidence()));
 * }
 * }</pre>
 *
 * <p>Thread-safe: DJL predictors are not, so each call borrows one from a pool (one per concurrent caller), together
 * with the direct buffer its input tensor is filled from, which is reused from call to call. {@link #close()} waits
 * for calls in flight; calls after it throw {@link IllegalStateException}.
 * When an image has no detectable face, the model's {@link CropSettings.NoFacePolicy} decides: by default the centre
 * of the image stands in for the face ({@link Prediction#faceDetected()} is false); with {@code SKIP} the result is
 * empty; with {@code FAIL} a {@link io.fer.core.face.NoFaceException} is thrown.
 */
public final class Recognizer implements AutoCloseable {
    private static final Gson GSON = new Gson();
    /**
     * Input buffers larger than this are not kept between calls (a batch of 32 at 224 px takes 19 MiB, at 380 px
     * 53 MiB), so that one huge batch does not pin its memory for the recognizer's lifetime.
     */
    private static final int MAX_KEPT_INPUT_BYTES = 64 << 20;

    private final ModelManifest manifest;
    private final CropSettings crop;
    private final ZooModel<NDList, NDList> model;
    private final FaceCropper cropper;
    private final ConcurrentLinkedQueue<Lane> lanes = new ConcurrentLinkedQueue<>();
    private final List<Lane> allLanes = new ArrayList<>();
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private volatile boolean closed;

    private Recognizer(ModelManifest manifest, ZooModel<NDList, NDList> model, CropSettings crop) {
        this.manifest = manifest;
        this.crop = crop;
        this.model = model;
        this.cropper = new FaceCropper(crop);
    }

    /**
     * Loads a model directory written by {@code FerModel.save}. Its checksums are verified first: an altered,
     * incomplete or incompatible directory is refused with {@link ModelFormatException}.
     */
    public static Recognizer load(Path modelDirectory) {
        return load(modelDirectory, null);
    }

    /**
     * Like {@link #load(Path)}, with another answer to images without a detectable face than the one the model was
     * trained with (null keeps the model's).
     */
    public static Recognizer load(Path modelDirectory, CropSettings.NoFacePolicy noFacePolicy) {
        ModelManifest manifest = ModelDirectory.verify(modelDirectory);
        CropSettings crop = cropSettings(modelDirectory, manifest, noFacePolicy);
        if (crop.detectFaces()) {
            FaceDetector.preload(); // OpenCV loads while TensorFlow starts and reads the model
        }
        TensorFlowRuntime.engine();
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(modelDirectory.resolve(ModelDirectory.SAVED_MODEL))
                .optEngine("TensorFlow")
                .optOption("Tags", "serve")
                .optOption("SignatureDefKey", "serving_default")
                .optTranslator(new NoopTranslator())
                .build();
        ZooModel<NDList, NDList> model;
        try {
            model = criteria.loadModel();
        } catch (ModelNotFoundException | MalformedModelException | IOException e) {
            throw new ModelFormatException("Cannot load the SavedModel in " + modelDirectory + ": " + e.getMessage(), e);
        }
        try {
            return new Recognizer(manifest, model, crop);
        } catch (RuntimeException | Error e) {
            model.close(); // e.g. OpenCV could not load: the TensorFlow model must not leak
            throw e;
        }
    }

    /** The manifest's crop settings, checked against its input size, with the caller's no-face policy if given. */
    private static CropSettings cropSettings(Path dir, ModelManifest manifest, CropSettings.NoFacePolicy policy) {
        CropSettings trained;
        try {
            trained = manifest.crop() == null ? CropSettings.defaults().withInputSize(manifest.inputSize())
                    : GSON.fromJson(manifest.crop(), CropSettings.class);
        } catch (RuntimeException e) {
            throw new ModelFormatException(dir.resolve(ModelDirectory.MANIFEST) + " has unusable crop settings: "
                    + e.getMessage(), e);
        }
        if (trained.inputSize() != manifest.inputSize()) {
            throw new ModelFormatException(dir.resolve(ModelDirectory.MANIFEST) + " crops to " + trained.inputSize()
                    + " px but the network takes " + manifest.inputSize() + " px");
        }
        return policy == null ? trained : trained.toBuilder().noFacePolicy(policy).build();
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

    /**
     * The expression of the largest face in an image file.
     *
     * @throws UnreadableImageException if the file is missing, not an image, or damaged (the message names it)
     */
    public Optional<Prediction> predict(Path image) throws UnreadableImageException {
        return predict(ImageDecoding.read(image));
    }

    /** The expression of the largest face in encoded image bytes (PNG, JPEG, TIFF, BMP …). */
    public Optional<Prediction> predict(byte[] encodedImage) throws UnreadableImageException {
        return predict(ImageDecoding.read(encodedImage));
    }

    /** The expression of the largest face in an image. */
    public Optional<Prediction> predict(BufferedImage image) {
        return predict(ImageDecoding.fromBufferedImage(image));
    }

    /** The expression of the largest face in an image. */
    public Optional<Prediction> predict(RgbImage image) {
        return whileOpen(() -> cropper.crop(image).map(c -> classify(List.of(c)).get(0)));
    }

    /** One prediction per face found in an image file, largest face first. */
    public List<Prediction> predictAll(Path image) throws UnreadableImageException {
        return predictAll(ImageDecoding.read(image));
    }

    /**
     * One prediction per face found, largest first. With none found the no-face policy decides: one prediction for
     * the centre crop (the default), none, or {@link io.fer.core.face.NoFaceException}.
     */
    public List<Prediction> predictAll(RgbImage image) {
        return whileOpen(() -> {
            List<FaceCrop> crops = cropper.cropAll(image);
            return crops.isEmpty() ? List.<Prediction>of() : classify(crops);
        });
    }

    /** Classifies many crops in one forward pass (for example every face of a video frame). */
    public List<Prediction> classify(List<FaceCrop> crops) {
        List<RgbImage> images = new ArrayList<>(crops.size());
        crops.forEach(c -> images.add(c.image()));
        float[] probs = probabilities(images);
        List<Prediction> out = new ArrayList<>(crops.size());
        int classes = manifest.labels().size();
        for (int i = 0; i < crops.size(); i++) {
            out.add(Prediction.of(manifest.labels(), probs, i * classes, crops.get(i).face(), crops.get(i).detected()));
        }
        return out;
    }

    /**
     * Class probabilities of face crops that are already the model's input size, in one forward pass: row-major,
     * {@code crops.size() x labels().size()}.
     */
    public float[] probabilities(List<RgbImage> crops) {
        int s = manifest.inputSize();
        for (int i = 0; i < crops.size(); i++) {
            RgbImage c = crops.get(i);
            if (c.width() != s || c.height() != s) {
                throw new IllegalArgumentException("Crop " + i + " is " + c.width() + "x" + c.height()
                        + " but the model takes " + s + "x" + s);
            }
        }
        int n = crops.size();
        if (n == 0) {
            ensureOpenNow();
            return new float[0];
        }
        int perImage = s * s * 3;
        Lane lane = borrow();
        try {
            // pixels go straight into the direct buffer DJL copies into the tensor: no n-image float[] per call
            FloatBuffer input = lane.input(n * perImage);
            float[] image = lane.image(perImage);
            for (RgbImage c : crops) {
                c.toFloats(image, 0);
                input.put(image, 0, perImage);
            }
            return forward(lane, n);
        } finally {
            giveBack(lane);
        }
    }

    /** Runs the network on {@code n} images given as NHWC floats 0..255. */
    public float[] run(float[] images, int n) {
        if (n == 0) {
            ensureOpenNow();
            return new float[0];
        }
        int s = manifest.inputSize();
        int floats = n * s * s * 3;
        Objects.checkFromIndexSize(0, floats, images.length);
        Lane lane = borrow();
        try {
            lane.input(floats).put(images, 0, floats);
            return forward(lane, n);
        } finally {
            giveBack(lane);
        }
    }

    /** Runs {@code body} holding the read side of the lifecycle lock, so that {@link #close()} waits for it. */
    private <T> T whileOpen(java.util.function.Supplier<T> body) {
        lifecycle.readLock().lock();
        try {
            ensureOpenNow();
            return body.get();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    private void ensureOpenNow() {
        if (closed) {
            throw new IllegalStateException("This recognizer is closed");
        }
    }

    /** One forward pass of the {@code n} images that {@code lane}'s input buffer holds. */
    private float[] forward(Lane lane, int n) {
        int s = manifest.inputSize();
        try (NDManager manager = model.getNDManager().newSubManager()) {
            // a direct buffer is copied once into the tensor; a heap one would first be copied into a new direct one
            NDArray input = manager.create(lane.takeInput(), new Shape(n, s, s, 3), DataType.FLOAT32);
            NDList out = lane.predictor.predict(new NDList(input));
            return out.singletonOrThrow().toFloatArray();
        } catch (TranslateException e) {
            throw new IllegalStateException("Inference failed: " + e.getMessage(), e);
        }
    }

    /**
     * A lane for one call, holding the read side of the lifecycle lock until {@link #giveBack}: {@link #close()}
     * takes the write side, so it waits for calls in flight and no call starts on a closed model.
     */
    private Lane borrow() {
        lifecycle.readLock().lock();
        try {
            ensureOpenNow();
            Lane lane = lanes.poll();
            if (lane == null) {
                lane = new Lane(model.newPredictor());
                synchronized (allLanes) {
                    allLanes.add(lane);
                }
            }
            return lane;
        } catch (RuntimeException | Error e) {
            lifecycle.readLock().unlock();
            throw e;
        }
    }

    private void giveBack(Lane lane) {
        lanes.add(lane);
        lifecycle.readLock().unlock();
    }

    /** A DJL predictor and its reusable input buffers; one caller at a time holds it. */
    private static final class Lane {
        final Predictor<NDList, NDList> predictor;
        /** Direct, native byte order; kept from call to call up to {@link #MAX_KEPT_INPUT_BYTES}. */
        private ByteBuffer kept;
        /** The input of the call in progress: {@link #kept}, or a one-off buffer for a huge batch. */
        private ByteBuffer current;
        private float[] image = new float[0];

        Lane(Predictor<NDList, NDList> predictor) {
            this.predictor = predictor;
        }

        /** Starts a call: an empty float view of a direct buffer with room for exactly {@code count} floats. */
        FloatBuffer input(int count) {
            int bytes = Math.multiplyExact(count, Float.BYTES);
            if (bytes > MAX_KEPT_INPUT_BYTES) {
                current = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
            } else {
                if (kept == null || kept.capacity() < bytes) {
                    kept = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
                }
                current = kept;
            }
            current.clear().limit(bytes);
            return current.asFloatBuffer();
        }

        /** The bytes written through {@link #input}'s view (writing through the view leaves them positioned at 0). */
        ByteBuffer takeInput() {
            ByteBuffer b = current;
            current = null;
            return b;
        }

        /** Scratch room for one image's floats. */
        float[] image(int count) {
            if (image.length < count) {
                image = new float[count];
            }
            return image;
        }
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            synchronized (allLanes) {
                allLanes.forEach(l -> l.predictor.close());
            }
            model.close();
            cropper.close();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }
}
