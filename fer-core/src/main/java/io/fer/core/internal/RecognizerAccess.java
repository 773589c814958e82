package io.fer.core.internal;

import io.fer.core.Recognizer;
import io.fer.core.image.RgbImage;
import java.util.List;
import java.util.Objects;

/**
 * Not API: the raw forward passes of a {@link Recognizer}, for fer's own modules (evaluation of pre-cropped data
 * sets, benchmarks). Applications classify through {@code Recognizer.predict}, which crops as training did; these
 * take crops that already are the network's input and skip every check of how they were made.
 *
 * <p>Java has no friend packages: {@code Recognizer} hands its implementation to this class when it is initialised,
 * which has happened by the time any {@code Recognizer} can be passed here.
 */
public final class RecognizerAccess {
    /** The passes, as {@code Recognizer} implements them. */
    public interface Forward {
        /** See {@link RecognizerAccess#probabilities}. */
        float[] probabilities(Recognizer recognizer, List<RgbImage> crops);

        /** See {@link RecognizerAccess#run}. */
        float[] run(Recognizer recognizer, float[] images, int n);
    }

    private static volatile Forward forward;

    private RecognizerAccess() {}

    /** Called once, by {@code Recognizer}'s static initialiser. */
    public static synchronized void install(Forward implementation) {
        if (forward != null) {
            throw new IllegalStateException("Recognizer's forward passes are already installed");
        }
        forward = Objects.requireNonNull(implementation, "implementation");
    }

    /**
     * Class probabilities of crops that are already the model's input size, in one forward pass: row-major,
     * {@code crops.size() x recognizer.labels().size()}.
     *
     * @throws IllegalArgumentException if a crop is not the model's input size
     */
    public static float[] probabilities(Recognizer recognizer, List<RgbImage> crops) {
        return forward.probabilities(Objects.requireNonNull(recognizer, "recognizer"), crops);
    }

    /** Runs the network on {@code n} images given as NHWC floats 0..255 at the model's input size. */
    public static float[] run(Recognizer recognizer, float[] images, int n) {
        return forward.run(Objects.requireNonNull(recognizer, "recognizer"), images, n);
    }
}
