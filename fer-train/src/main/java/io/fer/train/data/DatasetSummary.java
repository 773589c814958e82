package io.fer.train.data;

import io.fer.core.image.RgbImage;
import io.fer.core.image.UnreadableImageException;
import io.fer.core.internal.image.ImageDecoding;
import io.fer.core.internal.image.ImageInfo;
import io.fer.train.internal.Printable;
import io.fer.train.data.Dataset.Skipped;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a data set holds: images per class, subjects, image sizes, and every file left out and why. {@link #render()}
 * is the plain text that {@code fer dataset} prints.
 *
 * @param name the data set's name
 * @param preCropped whether its images are face crops already
 * @param imagesPerClass sample count per class, in the data set's class order
 * @param subjects distinct subject ids (0 when the layout has none)
 * @param samplesWithoutSubject samples whose subject is unknown
 * @param sequences distinct sequence ids (0 when the layout has none)
 * @param imageSizes how many images have each size ({@code "640x490"}), most common first
 * @param minWidth smallest width, 0 when no size could be read
 * @param maxWidth largest width
 * @param minHeight smallest height
 * @param maxHeight largest height
 * @param skipped data files left out, with the reason
 * @param ignored files that are not part of the layout (a README), with the reason
 * @param unreadable samples whose image could not be read when summarising, with the reason
 */
public record DatasetSummary(String name, boolean preCropped, Map<String, Integer> imagesPerClass, int subjects,
        int samplesWithoutSubject, int sequences, Map<String, Integer> imageSizes, int minWidth, int maxWidth,
        int minHeight, int maxHeight, List<Skipped> skipped, List<Skipped> ignored, List<Skipped> unreadable) {

    /** At most this many files are listed one by one under a heading before they are grouped by reason. */
    static final int LIST_LIMIT = 20;

    public DatasetSummary {
        imagesPerClass = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(imagesPerClass));
        imageSizes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(imageSizes));
        skipped = List.copyOf(skipped);
        ignored = List.copyOf(ignored);
        unreadable = List.copyOf(unreadable);
    }

    /**
     * Summarises a data set, reading each sample's image header for its size (file samples) or the image itself
     * (generated samples). A sample that cannot be read is listed in {@link #unreadable()}, not thrown.
     */
    public static DatasetSummary of(Dataset dataset) {
        return of(dataset, false);
    }

    /**
     * Like {@link #of(Dataset)}; with {@code decodeEveryImage} each image file is decoded in full, not only its
     * header, so that a file truncated after a valid header (which training would skip) is found and listed in
     * {@link #unreadable()} before a long run.
     */
    public static DatasetSummary of(Dataset dataset, boolean decodeEveryImage) {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        List<Skipped> unreadable = new ArrayList<>();
        int minW = Integer.MAX_VALUE;
        int maxW = 0;
        int minH = Integer.MAX_VALUE;
        int maxH = 0;
        Set<String> subjects = new HashSet<>();
        Set<String> sequences = new HashSet<>();
        int withoutSubject = 0;
        for (Sample s : dataset.samples()) {
            if (s.subject() != null) {
                subjects.add(s.subject());
            } else {
                withoutSubject++;
            }
            if (s.sequence() != null) {
                sequences.add(s.sequence());
            }
            int w;
            int h;
            try {
                if (s.file() != null && decodeEveryImage) {
                    RgbImage img = ImageDecoding.read(s.file());
                    w = img.width();
                    h = img.height();
                } else if (s.file() != null) {
                    ImageInfo info = ImageDecoding.readInfo(s.file());
                    w = info.width();
                    h = info.height();
                } else {
                    BufferedImage img = s.load();
                    w = img.getWidth();
                    h = img.getHeight();
                }
            } catch (IOException | RuntimeException e) {
                unreadable.add(new Skipped(s.id(), e instanceof UnreadableImageException u ? u.reason()
                        : String.valueOf(e.getMessage())));
                continue;
            }
            sizes.merge(w + "x" + h, 1, Integer::sum);
            minW = Math.min(minW, w);
            maxW = Math.max(maxW, w);
            minH = Math.min(minH, h);
            maxH = Math.max(maxH, h);
        }
        Map<String, Integer> sortedSizes = new LinkedHashMap<>();
        sizes.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sortedSizes.put(e.getKey(), e.getValue()));
        boolean none = sortedSizes.isEmpty();
        return new DatasetSummary(dataset.name(), dataset.preCropped(), dataset.countsPerClass(), subjects.size(),
                withoutSubject, sequences.size(), sortedSizes, none ? 0 : minW, maxW, none ? 0 : minH, maxH,
                dataset.skipped().stream().filter(k -> !k.isIgnored()).toList(),
                dataset.skipped().stream().filter(Skipped::isIgnored).toList(), unreadable);
    }

    /** Total number of images. */
    public int images() {
        return imagesPerClass.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The summary as plain text, one fact a line. */
    public String render() {
        StringBuilder b = new StringBuilder();
        b.append("Data set ").append(name).append(": ").append(images()).append(" images, ")
                .append(imagesPerClass.size()).append(" classes");
        if (subjects > 0) {
            b.append(", ").append(subjects).append(" subjects");
        }
        if (sequences > 0) {
            b.append(", ").append(sequences).append(" sequences");
        }
        b.append(preCropped ? " (face crops)" : "").append('\n');
        int width = imagesPerClass.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Map.Entry<String, Integer> e : imagesPerClass.entrySet()) {
            b.append(String.format(Locale.ROOT, "  %-" + width + "s %6d%s%n", e.getKey(), e.getValue(),
                    ClassLabels.isExpression(e.getKey()) ? "" : "  (not one of fer's expressions)"));
        }
        if (subjects > 0 && samplesWithoutSubject > 0) {
            b.append(samplesWithoutSubject).append(" images have no subject id\n");
        }
        if (!imageSizes.isEmpty()) {
            b.append("Image sizes: ");
            List<String> shown = new ArrayList<>();
            imageSizes.entrySet().stream().limit(5).forEach(e -> shown.add(e.getKey() + " (" + e.getValue() + ")"));
            b.append(String.join(", ", shown));
            if (imageSizes.size() > 5) {
                b.append(", ").append(imageSizes.size() - 5).append(" more sizes");
            }
            b.append("; width ").append(minWidth).append("..").append(maxWidth).append(", height ")
                    .append(minHeight).append("..").append(maxHeight).append('\n');
        }
        list(b, "Skipped", skipped);
        list(b, "Unreadable", unreadable);
        list(b, "Ignored", ignored);
        return b.toString();
    }

    private static void list(StringBuilder b, String heading, List<Skipped> files) {
        if (files.isEmpty()) {
            return;
        }
        b.append(heading).append(" (").append(files.size()).append("):\n");
        if (files.size() <= LIST_LIMIT) {
            for (Skipped s : files) {
                b.append("  ").append(Printable.escape(s.file())).append(": ").append(Printable.escape(reasonOf(s)))
                        .append('\n');
            }
            return;
        }
        // many files: one line per reason, with a few examples
        Map<String, List<String>> byReason = new TreeMap<>();
        for (Skipped s : files) {
            byReason.computeIfAbsent(reasonOf(s), r -> new ArrayList<>()).add(s.file());
        }
        byReason.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, List<String>> e) -> -e.getValue().size()))
                .forEach(e -> {
                    List<String> f = e.getValue();
                    b.append("  ").append(f.size()).append(" x ").append(Printable.escape(e.getKey())).append(", e.g. ")
                            .append(Printable.escape(String.join(", ", f.subList(0, Math.min(3, f.size())))))
                            .append(f.size() > 3 ? ", …" : "").append('\n');
                });
    }

    private static String reasonOf(Skipped s) {
        return s.isIgnored() ? s.reason().substring(Skipped.IGNORED.length()) : s.reason();
    }
}
