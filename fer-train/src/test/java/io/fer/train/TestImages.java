package io.fer.train;

import io.fer.core.Expression;
import io.fer.train.data.Dataset;
import io.fer.train.data.Sample;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small generated datasets for training tests: each class is a different brightness pattern plus noise. */
final class TestImages {
    private TestImages() {}

    /** {@code perClass} images of {@code size} px for each of {@code classes}, pre-cropped, subjects s0..s3. */
    static Dataset patterns(List<Expression> classes, int perClass, int size, long seed) {
        List<Sample> samples = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            for (int i = 0; i < perClass; i++) {
                int cls = c;
                long s = seed * 1000 + c * 100 + i;
                samples.add(new Sample("c" + c + "_" + i, classes.get(c).label(), "s" + (i % 4), null, null,
                        () -> pattern(cls, size, s)));
            }
        }
        return new Dataset("patterns", classes.stream().map(Expression::label).toList(), samples, List.of(), true);
    }

    /** Class 0: bright left half; 1: bright top half; 2: bright centre; others: stripes; noise on top. */
    static BufferedImage pattern(int cls, int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                boolean on = switch (cls) {
                    case 0 -> x < size / 2;
                    case 1 -> y < size / 2;
                    case 2 -> Math.abs(x - size / 2) < size / 4 && Math.abs(y - size / 2) < size / 4;
                    default -> ((x / 4) + cls) % 2 == 0;
                };
                int v = Math.max(0, Math.min(255, (on ? 200 : 50) + r.nextInt(-30, 31)));
                img.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        return img;
    }

    /** The Keras reference folder, shipped by the test-only module fer-testdata. */
    static Path kerasReference() {
        return io.fer.testdata.KerasReferenceFiles.dir();
    }
}
