package io.fer.core;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import io.fer.core.image.RgbImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The loaded network and the raw forward passes through it, for any number of concurrent callers: DJL predictors
 * are not thread-safe, so each call borrows one from a pool (one per concurrent caller), together with the direct
 * buffer its input tensor is filled from, which is reused from call to call. {@link #close()} waits for calls in
 * flight; calls after it throw {@link IllegalStateException}.
 */
final class PredictorPool implements AutoCloseable {
    /**
     * Input buffers larger than this are not kept between calls (a batch of 32 at 224 px takes 19 MiB, at 380 px
     * 53 MiB), so that one huge batch does not pin its memory for the recognizer's lifetime.
     */
    private static final int MAX_KEPT_INPUT_BYTES = 64 << 20;

    private final ZooModel<NDList, NDList> model;
    private final int inputSize;
    private final boolean mirrorAveraging;
    private final ConcurrentLinkedQueue<Lane> lanes = new ConcurrentLinkedQueue<>();
    private final List<Lane> allLanes = new ArrayList<>();
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final Runnable alsoClose;
    private volatile boolean closed;

    /**
     * Serves {@code model}, whose input is {@code inputSize} square; with {@code mirrorAveraging}, {@link
     * #probabilities} runs each image and its mirror image and averages them; {@code alsoClose} runs when it closes.
     */
    PredictorPool(ZooModel<NDList, NDList> model, int inputSize, boolean mirrorAveraging, Runnable alsoClose) {
        this.model = model;
        this.inputSize = inputSize;
        this.mirrorAveraging = mirrorAveraging;
        this.alsoClose = alsoClose;
    }

    /**
     * Class probabilities of images that are already the network's input size, in one forward pass: row-major,
     * {@code crops.size() x classes}. With mirror averaging the pass holds each image followed by its mirror image,
     * and each row is the mean of the pair's two.
     */
    float[] probabilities(List<RgbImage> crops) {
        int s = inputSize;
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
        int copies = mirrorAveraging ? 2 : 1;
        Lane lane = borrow();
        try {
            // pixels go straight into the direct buffer DJL copies into the tensor: no n-image float[] per call
            FloatBuffer input = lane.input(copies * n * perImage);
            float[] image = lane.image(copies * perImage);
            for (RgbImage c : crops) {
                c.toFloats(image, 0);
                if (mirrorAveraging) {
                    MirrorAveraging.mirror(image, 0, image, perImage, s);
                }
                input.put(image, 0, copies * perImage);
            }
            float[] out = forward(lane, copies * n);
            return mirrorAveraging ? MirrorAveraging.meanOfPairs(out, n) : out;
        } finally {
            giveBack(lane);
        }
    }

    /** Runs the network on {@code n} images given as NHWC floats 0..255 (as they are: no mirror averaging). */
    float[] run(float[] images, int n) {
        if (n == 0) {
            ensureOpenNow();
            return new float[0];
        }
        int s = inputSize;
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
    <T> T whileOpen(Supplier<T> body) {
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
        int s = inputSize;
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

        /** Scratch room for one image's floats (two with mirror averaging). */
        float[] image(int count) {
            if (image.length < count) {
                image = new float[count];
            }
            return image;
        }
    }

    /** Closes the predictors, the model, then runs {@code alsoClose}, after the calls in flight; again: nothing. */
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
            alsoClose.run();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }
}
