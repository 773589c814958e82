package io.fer.train.data.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import io.fer.core.Expression;
import io.fer.train.data.Dataset;
import io.fer.train.data.Sample;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Expressions must be learnable across people: a nearest-centroid classifier on raw, downscaled pixels, fitted on
 * some identities, must beat chance clearly on identities it has never seen. (Pixel centroids cannot undo the
 * per-person variation of position, light, skin and hair, so this is a floor; a small CNN does far better.)
 */
@Tag("slow")
class SyntheticFacesLearnabilityTest {

    private static final int SIDE = 24;
    private static final int TRAIN_IDENTITIES = 20;
    private static final int TEST_IDENTITIES = 10;

    @Test
    void nearestCentroidOnPixelsBeatsChanceOnHeldOutIdentities() throws IOException {
        Dataset d = SyntheticFaces.builder().identities(TRAIN_IDENTITIES + TEST_IDENTITIES).imagesPerClass(3)
                .imageSize(96).seed(7).build();
        int classes = d.classes().size();
        double[][] centroids = new double[classes][SIDE * SIDE];
        int[] counts = new int[classes];
        List<double[]> testFeatures = new ArrayList<>();
        List<Integer> testLabels = new ArrayList<>();
        for (Sample s : d.samples()) {
            double[] f = features(s.load());
            int label = d.classIndex(s.label());
            if (identity(s) < TRAIN_IDENTITIES) {
                for (int i = 0; i < f.length; i++) {
                    centroids[label][i] += f[i];
                }
                counts[label]++;
            } else {
                testFeatures.add(f);
                testLabels.add(label);
            }
        }
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < centroids[c].length; i++) {
                centroids[c][i] /= counts[c];
            }
        }
        int correct = 0;
        for (int t = 0; t < testFeatures.size(); t++) {
            if (nearest(centroids, testFeatures.get(t)) == testLabels.get(t)) {
                correct++;
            }
        }
        double accuracy = (double) correct / testFeatures.size();
        System.out.printf(Locale.ROOT, "synthetic faces: nearest-centroid accuracy on %d held-out identities: "
                + "%.3f (%d/%d), chance %.3f%n", TEST_IDENTITIES, accuracy, correct, testFeatures.size(),
                1.0 / classes);
        assertThat(testFeatures).hasSize(TEST_IDENTITIES * classes * 3);
        assertThat(accuracy).isGreaterThan(2.0 / Expression.values().length);
    }

    private static int identity(Sample s) {
        return Integer.parseInt(s.subject().substring("syn".length()));
    }

    private static int nearest(double[][] centroids, double[] f) {
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < centroids.length; c++) {
            double distance = 0;
            for (int i = 0; i < f.length; i++) {
                double e = f[i] - centroids[c][i];
                distance += e * e;
            }
            if (distance < bestDistance) {
                bestDistance = distance;
                best = c;
            }
        }
        return best;
    }

    /** Grayscale, downscaled to 24x24, standardised to zero mean and unit variance. */
    private static double[] features(BufferedImage image) {
        BufferedImage small = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = small.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, SIDE, SIDE, null);
        } finally {
            g.dispose();
        }
        double[] f = new double[SIDE * SIDE];
        small.getRaster().getPixels(0, 0, SIDE, SIDE, f);
        double mean = 0;
        for (double x : f) {
            mean += x / f.length;
        }
        double variance = 0;
        for (double x : f) {
            variance += (x - mean) * (x - mean) / f.length;
        }
        double sd = Math.sqrt(variance) + 1e-9;
        for (int i = 0; i < f.length; i++) {
            f[i] = (f[i] - mean) / sd;
        }
        return f;
    }
}
