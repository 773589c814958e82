package io.fer.train.data.synthetic;

import io.fer.core.Expression;
import io.fer.train.data.Dataset;
import io.fer.train.data.Sample;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * A generated dataset of <em>synthetic</em>, procedurally drawn faces that ships with the library, for demos and
 * tests. It is not real data and must never be reported as such: its {@link Dataset#name()} always starts with
 * {@code "synthetic"}.
 *
 * <p>Each identity ({@code "syn000"}, {@code "syn001"} …) has its own head shape, skin tone, hair, light and position
 * in the frame; each image varies these slightly and shows one of the eight {@link Expression}s at an intensity
 * between 65% and 100% of its apex (like the later frames of a posed sequence). Expressions differ the way real ones
 * do: brows, eye opening, mouth shape, wrinkles and folds. Pixels are regenerated from the seed whenever
 * {@link Sample#load()} is called, are identical on every run and machine, and are not kept in memory.
 *
 * <pre>{@code
 * Dataset faces = SyntheticFaces.builder().identities(20).imagesPerClass(3).imageSize(96).seed(42).build();
 * Dataset scenes = SyntheticFaces.builder().identities(4).scene(320, 240).build();   // faces to detect
 * SyntheticFaces.writeImageFolder(faces, Path.of("faces"));                          // faces/happy/syn000_happy_0.png
 * }</pre>
 */
public final class SyntheticFaces {

    /** The name of a dataset of face crops. */
    public static final String NAME = "synthetic";
    /** The name of a dataset of scenes. */
    public static final String SCENE_NAME = "synthetic-scenes";

    private SyntheticFaces() {}

    /** A builder with defaults: 20 identities, 3 images per class, 96 px crops, all eight classes, seed 42. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes every sample of {@code dataset} as a PNG into one folder per class label under {@code root}
     * ({@code root/happy/syn003_happy_1.png}), creating folders as needed and replacing files of the same name.
     *
     * @return the files written, in sample order
     * @throws IllegalArgumentException if two samples would get the same file name
     * @throws IOException naming the file that could not be written
     */
    public static List<Path> writeImageFolder(Dataset dataset, Path root) throws IOException {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(root, "root");
        Map<Path, String> owners = new HashMap<>();
        List<Path> targets = new ArrayList<>();
        for (Sample sample : dataset.samples()) {
            Path target = root.resolve(sample.label()).resolve(fileName(sample.id()));
            String previous = owners.putIfAbsent(target, sample.id());
            if (previous != null) {
                throw new IllegalArgumentException(
                        "samples '" + previous + "' and '" + sample.id() + "' would both be written to " + target);
            }
            targets.add(target);
        }
        for (int i = 0; i < targets.size(); i++) {
            Path target = targets.get(i);
            Sample sample = dataset.samples().get(i);
            BufferedImage image = sample.load();
            Files.createDirectories(target.getParent());
            if (!ImageIO.write(image, "png", target.toFile())) {
                throw new IOException("no PNG writer available for " + target);
            }
        }
        return List.copyOf(targets);
    }

    /** The sample id as a safe file name ending in {@code .png}. */
    private static String fileName(String id) {
        String base = id.replaceAll("[^A-Za-z0-9._-]", "_");
        return base.toLowerCase(Locale.ROOT).endsWith(".png") ? base : base + ".png";
    }

    /** The subject id of identity {@code index}, e.g. {@code "syn007"}. */
    public static String subjectId(int index) {
        return String.format(Locale.ROOT, "syn%03d", index);
    }

    /** Configures and builds a synthetic {@link Dataset}. */
    public static final class Builder {

        private int identities = 20;
        private int imagesPerClass = 3;
        private int imageSize = 96;
        private List<Expression> classes = List.of(Expression.values());
        private long seed = 42;
        private int sceneWidth;
        private int sceneHeight;

        private Builder() {}

        /** How many different people (at least 1). */
        public Builder identities(int count) {
            this.identities = atLeast(1, count, "identities");
            return this;
        }

        /** Images per person and class, stepping in intensity towards the apex like a sequence (at least 1). */
        public Builder imagesPerClass(int count) {
            this.imagesPerClass = atLeast(1, count, "imagesPerClass");
            return this;
        }

        /** Side of the square face crop in pixels (32..1024); in scene mode, the size of the face's crop region. */
        public Builder imageSize(int pixels) {
            if (pixels < 32 || pixels > 1024) {
                throw new IllegalArgumentException("imageSize must be within 32..1024 pixels, got " + pixels);
            }
            this.imageSize = pixels;
            return this;
        }

        /** The classes to generate, in the order the dataset lists them (no duplicates, at least one). */
        public Builder classes(Expression... expressions) {
            return classes(Arrays.asList(Objects.requireNonNull(expressions, "expressions")));
        }

        /** The classes to generate, in the order the dataset lists them (no duplicates, at least one). */
        public Builder classes(Collection<Expression> expressions) {
            Objects.requireNonNull(expressions, "expressions");
            if (expressions.isEmpty()) {
                throw new IllegalArgumentException("classes must name at least one expression");
            }
            Set<Expression> unique = new LinkedHashSet<>();
            for (Expression e : expressions) {
                if (!unique.add(Objects.requireNonNull(e, "classes must not contain null"))) {
                    throw new IllegalArgumentException("class " + e.label() + " is listed twice in " + expressions);
                }
            }
            this.classes = List.copyOf(unique);
            return this;
        }

        /** The seed every image derives from. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * Draw each face, at the size it has in an {@link #imageSize} crop, somewhere inside a larger
         * {@code width} x {@code height} indoor scene (for face-detection demos); the dataset is then not
         * pre-cropped. Both sides must be at least twice the image size.
         */
        public Builder scene(int width, int height) {
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("scene size must be positive, got " + width + "x" + height);
            }
            this.sceneWidth = width;
            this.sceneHeight = height;
            return this;
        }

        /** Face-centred crops (the default); undoes {@link #scene}. */
        public Builder crops() {
            this.sceneWidth = 0;
            this.sceneHeight = 0;
            return this;
        }

        /**
         * The dataset: samples ordered by identity, then class, then frame; id {@code "syn003_happy_1"}, subject
         * {@code "syn003"}, sequence {@code "syn003_happy"}, no file. Nothing is rendered until a sample is loaded.
         */
        public Dataset build() {
            boolean scenes = sceneWidth > 0;
            if (scenes && (sceneWidth < 2 * imageSize || sceneHeight < 2 * imageSize)) {
                throw new IllegalArgumentException("scene " + sceneWidth + "x" + sceneHeight
                        + " must be at least twice the image size " + imageSize + " on each side");
            }
            FaceRenderer renderer = new FaceRenderer(seed, imageSize, sceneWidth, sceneHeight);
            int frames = imagesPerClass;
            List<Sample> samples = new ArrayList<>(identities * classes.size() * frames);
            for (int person = 0; person < identities; person++) {
                String subject = subjectId(person);
                for (Expression expression : classes) {
                    String sequence = subject + "_" + expression.label();
                    for (int frame = 0; frame < frames; frame++) {
                        int p = person;
                        int f = frame;
                        samples.add(new Sample(sequence + "_" + frame, expression.label(), subject, sequence, null,
                                () -> renderer.render(p, expression, f, frames)));
                    }
                }
            }
            return new Dataset(scenes ? SCENE_NAME : NAME, classes.stream().map(Expression::label).toList(), samples, List.of(), !scenes);
        }

        private static int atLeast(int min, int value, String what) {
            if (value < min) {
                throw new IllegalArgumentException(what + " must be at least " + min + ", got " + value);
            }
            return value;
        }
    }
}
