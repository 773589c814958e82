package io.fer.benchmarks;

import io.fer.core.face.CropSettings;
import io.fer.core.face.DetectorSettings;
import io.fer.core.face.FaceCrop;
import io.fer.core.face.FaceCropper;
import io.fer.core.face.FaceDetector;
import io.fer.core.image.RgbImage;
import io.fer.core.internal.image.ImageDecoding;
import io.fer.train.internal.data.FramingMeter.Framing;
import io.fer.train.internal.data.FramingMeter;
import io.fer.train.data.Sample;
import io.fer.train.data.synthetic.SyntheticFaces;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * Dev tool, not library code: measures how FER2013 frames its faces and how fer's aligned crops frame faces cut from
 * photographs, with the same measurement ({@link FramingMeter}: YuNet on the crop enlarged and padded with grey), so
 * that the shipped model's crop settings can be chosen to match (see fer-zoo/FRAMING.md).
 *
 * <pre>
 * java -cp fer-benchmarks/target/classes:$(cat fer-benchmarks/target/classpath.txt) io.fer.benchmarks.FramingProbe \
 *     --data ../shared/datasets/fer2013 --per-class 72 \
 *     --astronaut fer-core/src/test/resources/io/fer/core/face/astronaut-256.jpg
 * </pre>
 *
 * Options: {@code --split train}, {@code --scaled 192} (side the 48-pixel crops are enlarged to),
 * {@code --margins 0,0.05,0.1,0.2}, {@code --scenes 16} (synthetic scenes), {@code --data none} (skip FER2013).
 */
public final class FramingProbe {
    private static final Map<String, ToDoubleFunction<Framing>> FIGURES = new LinkedHashMap<>();

    static {
        FIGURES.put("eye midpoint x", Framing::eyeX);
        FIGURES.put("eye midpoint y", Framing::eyeY);
        FIGURES.put("inter-ocular / side", Framing::interocular);
        FIGURES.put("mouth midpoint y", Framing::mouthY);
        FIGURES.put("eye-to-mouth / side", Framing::eyeToMouth);
        FIGURES.put("eyes-mouth centre y", f -> (f.eyeY() + f.mouthY()) / 2);
        FIGURES.put("eye-to-mouth / IOD", f -> f.eyeToMouth() / f.interocular());
        FIGURES.put("box width / side", Framing::boxWidth);
        FIGURES.put("box height / side", Framing::boxHeight);
        FIGURES.put("box centre x", Framing::boxCenterX);
        FIGURES.put("box centre y", Framing::boxCenterY);
        FIGURES.put("box top y", Framing::boxTop);
        FIGURES.put("box bottom y", Framing::boxBottom);
    }

    private FramingProbe() {}

    public static void main(String[] args) throws IOException {
        Args a = new Args(args, Set.of("data", "split", "per-class", "scaled", "astronaut", "margins", "scenes"));
        int scaled = a.integer("scaled", 192);
        try (FaceDetector yunet = DetectorSettings.yunet().withMinFaceSize(10).create()) {
            FramingMeter meter = new FramingMeter(yunet, scaled);
            String data = a.text("data", "none");
            if (!data.equals("none")) {
                fer2013(meter, Path.of(data).resolve(a.text("split", "train")), a.integer("per-class", 72));
            }
            Map<String, List<RgbImage>> sets = new LinkedHashMap<>();
            if (a.text("astronaut", null) != null) {
                sets.put("astronaut", astronautScenes(Path.of(a.text("astronaut", null))));
            }
            sets.put("synthetic", syntheticScenes(a.integer("scenes", 16)));
            for (Map.Entry<String, List<RgbImage>> set : sets.entrySet()) {
                for (String m : a.text("margins", "0,0.05,0.1,0.2").split(",")) {
                    CropSettings settings = CropSettings.builder().inputSize(64)
                            .margin(Double.parseDouble(m.trim())).build();
                    crops(set.getKey() + ", aligned crop, margin " + m.trim(), settings, set.getValue(), meter);
                }
                crops(set.getKey() + ", CropSettings.fer2013Framing(64)", CropSettings.fer2013Framing(64),
                        set.getValue(), meter);
            }
        }
    }

    private static void fer2013(FramingMeter meter, Path split, int perClass) throws IOException {
        List<Path> classes;
        try (Stream<Path> s = Files.list(split)) {
            classes = s.filter(Files::isDirectory).sorted().toList();
        }
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("No class folders in " + split);
        }
        List<Framing> found = new ArrayList<>();
        int tried = 0;
        for (Path c : classes) {
            List<Path> files;
            try (Stream<Path> s = Files.list(c)) {
                files = s.filter(p -> p.getFileName().toString().endsWith(".png")).sorted().limit(perClass).toList();
            }
            int before = found.size();
            for (Path f : files) {
                tried++;
                meter.measure(ImageDecoding.read(f)).ifPresent(found::add);
            }
            System.out.printf(Locale.ROOT, "  %-9s %3d of %3d found%n", c.getFileName(), found.size() - before,
                    files.size());
        }
        report("FER2013 " + split + " (first " + perClass + " files of each class, sorted by name)", found, tried);
    }

    /** The astronaut photograph as it is and drawn at a few sizes, places and turns on grey. */
    private static List<RgbImage> astronautScenes(Path file) throws IOException {
        List<RgbImage> photos = new ArrayList<>();
        RgbImage photo = ImageDecoding.read(file);
        photos.add(photo);
        for (int[] xySide : new int[][] {{40, 30, 400}, {200, 120, 256}, {0, 0, 600}, {120, 60, 320}}) {
            for (double degrees : new double[] {0, 12, -12}) {
                photos.add(scene(640, 640, photo, xySide, degrees));
            }
        }
        return photos;
    }

    /** Synthetic scenes, each with one neutral face. */
    private static List<RgbImage> syntheticScenes(int scenes) throws IOException {
        List<RgbImage> photos = new ArrayList<>();
        for (Sample s : SyntheticFaces.builder().identities(scenes).imagesPerClass(1).imageSize(120)
                .scene(400, 300).classes(io.fer.core.Expression.NEUTRAL).seed(11).build().samples()) {
            photos.add(RgbImage.fromBufferedImage(s.load()));
        }
        return photos;
    }

    private static RgbImage scene(int w, int h, RgbImage photo, int[] xySide, double degrees) {
        BufferedImage canvas = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = canvas.createGraphics();
        g.setColor(Color.GRAY);
        g.fillRect(0, 0, w, h);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.rotate(Math.toRadians(degrees), xySide[0] + xySide[2] / 2.0, xySide[1] + xySide[2] / 2.0);
        g.drawImage(photo.toBufferedImage(), xySide[0], xySide[1], xySide[2], xySide[2], null);
        g.dispose();
        return RgbImage.fromBufferedImage(canvas);
    }

    private static void crops(String title, CropSettings settings, List<RgbImage> photos, FramingMeter meter) {
        List<Framing> found = new ArrayList<>();
        int cropped = 0;
        try (FaceCropper cropper = new FaceCropper(settings)) {
            for (RgbImage photo : photos) {
                Optional<FaceCrop> crop = cropper.crop(photo);
                if (crop.isPresent()) {
                    cropped++;
                    // measured at FER2013's own 48 pixels, like its faces
                    meter.measure(crop.get().image().resize(48, 48)).ifPresent(found::add);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%n%s: faces cropped in %d of %d photos (%s)%n", title, cropped,
                photos.size(), settings.pixelKey());
        report(title, found, cropped);
    }

    private static void report(String title, List<Framing> found, int tried) {
        System.out.printf(Locale.ROOT, "%n== %s%ndetected in %d of %d (%.1f %%)%n", title, found.size(), tried,
                100.0 * found.size() / Math.max(1, tried));
        if (found.isEmpty()) {
            return;
        }
        System.out.printf(Locale.ROOT, "%-22s %7s %7s %7s %7s%n", "figure (x side)", "median", "q1", "q3", "IQR");
        for (Map.Entry<String, ToDoubleFunction<Framing>> e : FIGURES.entrySet()) {
            double q1 = FramingMeter.quantile(found, e.getValue(), 0.25);
            double q3 = FramingMeter.quantile(found, e.getValue(), 0.75);
            System.out.printf(Locale.ROOT, "%-22s %7.3f %7.3f %7.3f %7.3f%n", e.getKey(),
                    FramingMeter.median(found, e.getValue()), q1, q3, q3 - q1);
        }
    }
}
