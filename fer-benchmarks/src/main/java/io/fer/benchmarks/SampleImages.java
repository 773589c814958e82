package io.fer.benchmarks;

import io.fer.core.face.DetectorSettings;
import io.fer.core.face.FaceDetector;
import io.fer.core.image.RgbImage;
import io.fer.train.data.Dataset;
import io.fer.train.data.Sample;
import io.fer.train.data.synthetic.SyntheticFaces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** Benchmark inputs drawn from fer's synthetic faces: face crops of a given size and scene files with a face. */
public final class SampleImages {
    /** The smallest and largest crop {@link SyntheticFaces} renders. */
    private static final int MIN_RENDER = 32;
    private static final int MAX_RENDER = 1024;

    private SampleImages() {}

    /** The size to render a crop at so that it can be resized to {@code size} (SyntheticFaces draws 32..1024 px). */
    static int renderableSize(int size) {
        return Math.max(MIN_RENDER, Math.min(MAX_RENDER, size));
    }

    /**
     * {@code count} face crops of {@code size x size} pixels: different people and expressions, repeating after 16.
     */
    public static List<RgbImage> crops(int count, int size) {
        Dataset faces = SyntheticFaces.builder().identities(2).imagesPerClass(1).imageSize(renderableSize(size))
                .seed(11).build();
        List<RgbImage> distinct = new ArrayList<>();
        for (Sample s : faces.samples()) {
            distinct.add(load(s).resize(size, size));
        }
        List<RgbImage> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(distinct.get(i % distinct.size()));
        }
        return out;
    }

    /** The crops as one NHWC block of 0..255 floats, the network's input. */
    public static float[] floats(List<RgbImage> crops) {
        int per = crops.get(0).width() * crops.get(0).height() * 3;
        float[] x = new float[crops.size() * per];
        for (int i = 0; i < crops.size(); i++) {
            crops.get(i).toFloats(x, i * per);
        }
        return x;
    }

    /**
     * Writes a {@code width x height} scene with one synthetic face, in which both YuNet and the Haar cascade find
     * the face, as {@code folder/scene.<format>}.
     *
     * @param format an Image I/O format name: {@code jpg} or {@code png}
     * @throws IllegalStateException if none of the first 32 scenes has a detectable face (Haar finds ~93%)
     */
    public static Path writeScene(Path folder, int width, int height, String format) {
        int face = Math.max(MIN_RENDER, Math.min(width, height) / 3);
        Dataset scenes = SyntheticFaces.builder().identities(4).imagesPerClass(1).imageSize(face)
                .scene(width, height).seed(3).build();
        try (FaceDetector yunet = DetectorSettings.yunet().create();
                FaceDetector haar = DetectorSettings.haar().create()) {
            for (Sample s : scenes.samples()) {
                RgbImage scene = load(s);
                if (!yunet.detect(scene).isEmpty() && !haar.detect(scene).isEmpty()) {
                    Path file = folder.resolve("scene." + format.toLowerCase(Locale.ROOT));
                    Files.createDirectories(folder);
                    if (!ImageIO.write(scene.toBufferedImage(), format, file.toFile())) {
                        throw new IllegalArgumentException("No Image I/O writer for format " + format);
                    }
                    return file;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a scene into " + folder, e);
        }
        throw new IllegalStateException("No detectable face in the first " + scenes.samples().size()
                + " synthetic scenes of " + width + "x" + height);
    }

    private static RgbImage load(Sample s) {
        try {
            return RgbImage.fromBufferedImage(s.load());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot render synthetic sample " + s.id(), e);
        }
    }
}
