package io.fer.train;

import io.fer.core.Recognizer;
import io.fer.core.face.CropSettings;
import io.fer.core.face.FaceCrop;
import io.fer.core.face.FaceCropper;
import io.fer.core.image.RgbImage;
import io.fer.core.image.UnreadableImageException;
import io.fer.core.internal.RecognizerAccess;
import io.fer.train.internal.data.CropCache;
import io.fer.train.data.Dataset;
import io.fer.train.data.Sample;
import io.fer.train.eval.ConfusionMatrix;
import io.fer.train.eval.SamplePrediction;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Evaluates a saved model directory on a labelled data set through {@link Recognizer}, exactly as an application
 * would run it: each sample is cropped as the model's crop settings say (a data set of face crops is only resized;
 * image files go through the crop cache when one is given), then classified in batches of {@value #BATCH}.
 * {@link FerModel#evaluate} does the same for a model still in memory.
 */
public final class RecognizerEvaluation {
    /** Crops per forward pass. */
    public static final int BATCH = 32;

    private RecognizerEvaluation() {}

    /** Hears how far an evaluation has come, after every batch but the last. */
    @FunctionalInterface
    public interface Progress {
        /** Says nothing. */
        Progress NONE = (done, total) -> {};

        /** {@code done} of {@code total} samples are classified. */
        void classified(int done, int total);
    }

    /**
     * Classifies every sample of {@code data}. A sample labelled with a class the model does not know is an error
     * naming it; one whose image cannot be decoded, or whose face is not found under the model's SKIP policy, is
     * listed in {@link Evaluation#skipped()} with the reason, and the others still run.
     *
     * @param cropCache the crop cache folder, or null for none
     * @throws IllegalArgumentException if a sample's label is not one of the model's
     * @throws IOException if the crop cache cannot be read or written
     */
    public static Evaluation evaluate(Recognizer recognizer, Dataset data, Path cropCache, Progress progress)
            throws IOException {
        Objects.requireNonNull(progress, "progress");
        List<String> labels = recognizer.labels();
        for (Sample s : data.samples()) {
            if (!labels.contains(s.label())) {
                throw new IllegalArgumentException("sample " + s.id() + " is labelled " + s.label()
                        + ", which the model does not know (its classes: " + labels + ")");
            }
        }
        List<SamplePrediction> predictions = new ArrayList<>();
        Map<String, BufferedImage> misclassified = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        // face crops (FER2013, CK+48) are only resized, as in training; whole images are cropped as the model says
        CropSettings settings = recognizer.cropSettings().forDataset(data.preCropped());
        try (FaceCropper cropper = new FaceCropper(settings)) {
            CropCache cache = cropCache == null ? null : new CropCache(cropCache, cropper);
            List<Sample> batch = new ArrayList<>();
            List<RgbImage> crops = new ArrayList<>();
            int done = 0;
            for (Sample s : data.samples()) {
                Optional<FaceCrop> crop;
                try {
                    crop = crop(s, cropper, cache);
                } catch (UnreadableImageException e) {
                    // one damaged image is listed, not allowed to end the evaluation
                    skipped.add(s.id() + ": unreadable: " + e.reason());
                    continue;
                }
                if (crop.isEmpty()) {
                    skipped.add(s.id() + ": no face found");
                    continue;
                }
                batch.add(s);
                crops.add(crop.get().image());
                if (batch.size() == BATCH) {
                    classify(recognizer, batch, crops, predictions, misclassified);
                    done += batch.size();
                    progress.classified(done, data.samples().size());
                    batch.clear();
                    crops.clear();
                }
            }
            classify(recognizer, batch, crops, predictions, misclassified);
        }
        return new Evaluation(ConfusionMatrix.of(labels, predictions), predictions, misclassified, skipped);
    }

    private static Optional<FaceCrop> crop(Sample s, FaceCropper cropper, CropCache cache) throws IOException {
        if (s.file() != null && cache != null) {
            return cache.crop(s.file());
        }
        return cropper.crop(s.loadRgb(), s.file() != null ? s.file().toString() : s.id());
    }

    private static void classify(Recognizer recognizer, List<Sample> samples, List<RgbImage> crops,
            List<SamplePrediction> predictions, Map<String, BufferedImage> misclassified) {
        if (samples.isEmpty()) {
            return;
        }
        List<String> labels = recognizer.labels();
        int classes = labels.size();
        float[] probabilities = RecognizerAccess.probabilities(recognizer, crops);
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            SamplePrediction prediction = SamplePrediction.ofProbabilities(s.id(), s.file() == null ? null : s.file().toString(),
                    null, labels.indexOf(s.label()), probabilities, i * classes, classes);
            predictions.add(prediction);
            if (!prediction.correct()) {
                misclassified.put(s.id(), crops.get(i).toBufferedImage());
            }
        }
    }
}
