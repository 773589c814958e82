package io.fer.benchmarks;

import io.fer.core.face.CropSettings;
import io.fer.core.face.FaceCrop;
import io.fer.core.face.FaceCropper;
import io.fer.core.image.RgbImage;
import io.fer.core.internal.image.ImageDecoding;
import io.fer.core.internal.image.ImageLimits;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Peak memory for the largest image fer accepts: writes a JPEG of just under the pixel budget
 * ({@link ImageLimits#maxPixels()}, 50 megapixels by default), then decodes it and finds and crops its face as
 * {@code Recognizer.predict} does (Haar detection, on the image shrunk to {@link ImageLimits#DETECTION_MAX_PIXELS}).
 * Prints the process's peak resident memory ({@code VmHWM}) before and after, and the time taken.
 *
 * <pre>
 * java -Xmx2g … io.fer.benchmarks.LargeImageMemory [--width 8660] [--height 5773] [--repeat 3]
 * </pre>
 */
public final class LargeImageMemory {
    private LargeImageMemory() {}

    public static void main(String[] args) throws IOException {
        Args a = new Args(args, Set.of("width", "height", "repeat"));
        int w = a.integer("width", 8660);
        int h = a.integer("height", 5773);
        int repeat = a.integer("repeat", 3);
        Path file = Files.createTempFile("fer-large-", ".jpg");
        try {
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            java.awt.Graphics2D g = img.createGraphics();
            g.setPaint(new java.awt.GradientPaint(0, 0, java.awt.Color.DARK_GRAY, w, h, java.awt.Color.LIGHT_GRAY));
            g.fillRect(0, 0, w, h);
            g.dispose();
            ImageIO.write(img, "jpeg", file.toFile());
            img = null;
            System.gc();
            long before = peakKiB();
            System.out.printf(Locale.ROOT, "image: %dx%d = %.1f MP (budget %.1f MP), %d KiB JPEG%n", w, h,
                    (long) w * h / 1e6, ImageLimits.maxPixels() / 1e6, Files.size(file) / 1024);
            System.out.printf(Locale.ROOT, "peak RSS before: %d MiB (max heap %d MiB)%n", before / 1024,
                    Runtime.getRuntime().maxMemory() >> 20);
            try (FaceCropper cropper = new FaceCropper(CropSettings.defaults())) {
                for (int i = 0; i < repeat; i++) {
                    long t = System.nanoTime();
                    RgbImage decoded = ImageDecoding.read(file);
                    FaceCrop crop = cropper.cropLargestOrCenter(decoded);
                    System.out.printf(Locale.ROOT, "run %d: %.2f s, crop %s, peak RSS %d MiB%n", i + 1,
                            (System.nanoTime() - t) / 1e9, crop.origin(), peakKiB() / 1024);
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The process's peak resident memory, KiB ({@code VmHWM}); -1 where /proc is missing. */
    static long peakKiB() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
