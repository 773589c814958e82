package io.fer.train;

import io.fer.core.face.CropSettings;
import io.fer.core.face.FaceCrop;
import io.fer.core.face.FaceCropper;
import io.fer.core.image.UnreadableImageException;
import io.fer.core.internal.image.ImageDecoding;
import io.fer.train.internal.data.CropCache;
import io.fer.train.data.Dataset;
import io.fer.train.data.Sample;
import io.fer.train.internal.graph.LabelledImages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a dataset's samples into network inputs with the same {@link FaceCropper} the recognizer uses at run time;
 * crops of files go through a {@link CropCache}, so a second run does not detect faces again. A sample whose image
 * cannot be decoded is skipped and listed with the reason, like one without a face.
 */
final class CropPipeline implements AutoCloseable {
    private final FaceCropper cropper;
    private final CropCache cache;

    /** Crops per {@code settings}; {@code cacheFolder} null disables the disk cache. */
    CropPipeline(CropSettings settings, Path cacheFolder) {
        this.cropper = new FaceCropper(settings);
        try {
            this.cache = cacheFolder == null ? null : new CropCache(cacheFolder, cropper);
        } catch (IOException e) {
            cropper.close();
            throw new UncheckedIOException("Cannot use the crop cache in " + cacheFolder + ": " + e.getMessage(), e);
        }
    }

    /** Crops with their labels (class indices in {@code dataset.classes()}), and the samples left out. */
    record Prepared(LabelledImages images, List<String> skipped, List<Sample> samples) {}

    Prepared prepare(Dataset dataset) {
        int size = cropper.settings().inputSize();
        List<byte[]> pixels = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<Sample> kept = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int[] labels = new int[dataset.samples().size()];
        for (Sample s : dataset.samples()) {
            int label = dataset.classIndex(s.label());
            if (label < 0) {
                throw new IllegalArgumentException("Sample " + s.id() + " is labelled " + s.label()
                        + ", which is not one of the dataset's classes " + dataset.classes());
            }
            Optional<FaceCrop> crop;
            try {
                crop = crop(s);
            } catch (UnreadableImageException e) {
                // one damaged file (e.g. truncated after a valid header) must not lose the whole run
                skipped.add(s.id() + ": unreadable: " + e.reason());
                continue;
            }
            if (crop.isEmpty()) {
                skipped.add(s.id() + ": no face found");
                continue;
            }
            labels[kept.size()] = label;
            pixels.add(crop.get().image().toBytes());
            ids.add(s.id());
            kept.add(s);
        }
        return new Prepared(new LabelledImages(size, pixels, java.util.Arrays.copyOf(labels, kept.size()), ids),
                skipped, kept);
    }

    /**
     * The crop of one sample, the no-face policy applied.
     *
     * @throws UnreadableImageException if the sample's image cannot be decoded (the message names it)
     */
    Optional<FaceCrop> crop(Sample s) throws UnreadableImageException {
        try {
            if (s.file() != null && cache != null) {
                return cache.crop(s.file());
            }
            String name = s.file() != null ? s.file().toString() : s.id();
            return cropper.crop(s.file() != null ? ImageDecoding.read(s.file())
                    : ImageDecoding.fromBufferedImage(s.load()), name);
        } catch (UnreadableImageException e) {
            throw e;
        } catch (IOException e) {
            // not the image's fault (e.g. the crop cache cannot be written): the run cannot go on
            throw new UncheckedIOException("Cannot read " + (s.file() != null ? s.file() : s.id()) + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        cropper.close();
    }
}
