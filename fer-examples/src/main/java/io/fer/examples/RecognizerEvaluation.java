package io.fer.examples;

import io.fer.core.Recognizer;
import io.fer.core.face.CropCache;
import io.fer.core.face.FaceCrop;
import io.fer.core.face.FaceCropper;
import io.fer.core.image.RgbImage;
import io.fer.core.image.UnreadableImageException;
import io.fer.train.Evaluation;
import io.fer.train.data.Dataset;
import io.fer.train.data.Sample;
import io.fer.train.eval.ConfusionMatrix;
import io.fer.train.eval.Prediction;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates a saved model directory on a labelled data set through {@link Recognizer}, exactly as an application
 * would run it: each sample is cropped as the model's crop settings say (a data set of face crops is only resized) (through a crop cache for image files),
 * then classified in batches.
 */
final class RecognizerEvaluation {
    /** Crops per forward pass. */
    static final int BATCH = 32;

    private RecognizerEvaluation() {}

    /**
     * Classifies every sample of {@code data}. A sample labelled with a class the model does not know is an error
     * naming it; one whose image cannot be decoded, or whose face is not found under the model's SKIP policy, is
     * listed in {@link Evaluation#skipped()} with the reason.
     *
     * @param cropCache the crop cache folder, or null for none
     */
    static Evaluation evaluate(Recognizer recognizer, Dataset data, Path cropCache, Console console)
            throws IOException {
        List<String> labels = recognizer.labels();
        for (Sample s : data.samples()) {
            if (!labels.contains(s.label())) {
                throw new IllegalArgumentException("sample " + s.id() + " is labelled " + s.label()
                        + ", which the model does not know (its classes: " + labels + ")");
            }
        }
        List<Prediction> predictions = new ArrayList<>();
        Map<String, BufferedImage> misclassified = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        // face crops (FER2013, CK+48) are only resized, as in training; whole images are cropped as the model says
        io.fer.core.face.CropSettings settings = recognizer.cropSettings().forDataset(data.preCropped());
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
                    console.step("  %d of %d images", done, data.samples().size());
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
            List<Prediction> predictions, Map<String, BufferedImage> misclassified) {
        if (samples.isEmpty()) {
            return;
        }
        List<String> labels = recognizer.labels();
        int classes = labels.size();
        float[] probabilities = recognizer.probabilities(crops);
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            double[] p = new double[classes];
            int best = 0;
            for (int k = 0; k < classes; k++) {
                p[k] = probabilities[i * classes + k];
                if (p[k] > p[best]) {
                    best = k;
                }
            }
            Prediction prediction = new Prediction(s.id(), s.file() == null ? null : s.file().toString(), null,
                    labels.indexOf(s.label()), best, p);
            predictions.add(prediction);
            if (!prediction.correct()) {
                misclassified.put(s.id(), crops.get(i).toBufferedImage());
            }
        }
    }
}
