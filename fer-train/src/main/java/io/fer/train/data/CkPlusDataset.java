package io.fer.train.data;

import io.fer.core.Expression;
import io.fer.core.internal.image.ImageDecoding;
import io.fer.train.data.Dataset.Skipped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The extended Cohn-Kanade data set (CK+) in its full layout, read with the protocol of its paper.
 *
 * <p>Layout under the root folder: frames {@code cohn-kanade-images/S005/001/S005_001_00000001.png} and labels
 * {@code Emotion/S005/001/S005_001_00000011_emotion.txt} (or under {@code Emotion_labels/Emotion}), each holding one
 * CK+ code such as {@code "   3.0000000e+00"} (0 neutral … 7 surprise, {@link Expression#fromCkPlusCode}).
 *
 * <p>Protocol: each labelled sequence runs from a neutral face to the peak expression, so its last three frames
 * take its label and its first frame is neutral: 327 labelled sequences give 1308 images in 8 classes. The frames in
 * between are not used (by design, so they are not listed). Unlabelled sequences are skipped and listed, one entry
 * per sequence; a sequence with a single frame, a label without frames and an unreadable chosen frame are skipped
 * and listed too; other files are listed as ignored. A label file that cannot be read or holds no valid code is an
 * error (a {@link DatasetException} naming it), not a skip: labels are the ground truth, and a damaged one means the
 * copy of the data set is damaged.
 *
 * <p>Samples carry subject ({@code S005}) and sequence ({@code S005_001}) ids, for subject-independent splits.
 */
public final class CkPlusDataset {
    /** The frames folder under the root. */
    public static final String IMAGES = "cohn-kanade-images";
    /** The labels folder under the root. */
    public static final String EMOTION = "Emotion";
    /** Frames per labelled sequence that take its label in the paper's protocol. */
    public static final int PEAK_FRAMES = 3;

    private static final Pattern FRAME = Pattern.compile(".*_(\\d+)\\.[A-Za-z]+");

    private CkPlusDataset() {}

    /** Reads CK+ with the paper's protocol: last three frames labelled, first frame neutral. */
    public static Dataset load(Path root) throws IOException {
        return load(root, PEAK_FRAMES, true);
    }

    /**
     * Reads CK+ with a protocol of one's own.
     *
     * @param peakFrames how many of the last frames of a labelled sequence take its label
     * @param firstFrameNeutral whether the first frame of a labelled sequence is added as neutral
     * @throws DatasetException if a folder is missing or a label file is unreadable or holds no valid code
     */
    public static Dataset load(Path root, int peakFrames, boolean firstFrameNeutral) throws IOException {
        if (peakFrames < 1) {
            throw new IllegalArgumentException("peakFrames must be at least 1, got " + peakFrames);
        }
        DatasetFiles.requireFolder(root, "The CK+ folder");
        Path images = root.resolve(IMAGES);
        if (!Files.isDirectory(images)) {
            throw new DatasetException("The CK+ folder " + root.toAbsolutePath() + " has no " + IMAGES
                    + " folder (expected " + IMAGES + "/S005/001/S005_001_00000001.png)");
        }
        Path labels = root.resolve(EMOTION);
        if (!Files.isDirectory(labels)) {
            labels = root.resolve("Emotion_labels").resolve(EMOTION);
        }
        if (!Files.isDirectory(labels)) {
            throw new DatasetException("The CK+ folder " + root.toAbsolutePath() + " has no " + EMOTION
                    + " folder (expected " + EMOTION + "/S005/001/S005_001_00000011_emotion.txt)");
        }
        List<Skipped> skipped = new ArrayList<>();
        Map<String, Expression> labelOf = readLabels(root, labels, skipped);
        List<Sample> samples = new ArrayList<>();
        for (Path subject : DatasetFiles.list(images)) {
            if (!Files.isDirectory(subject)) {
                skipped.add(Skipped.ignored(DatasetFiles.relative(root, subject), "not a subject folder"));
                continue;
            }
            for (Path sequence : DatasetFiles.list(subject)) {
                String seqId = DatasetFiles.relative(root, sequence);
                if (!Files.isDirectory(sequence)) {
                    skipped.add(Skipped.ignored(seqId, "not a sequence folder"));
                    continue;
                }
                String key = subject.getFileName() + "/" + sequence.getFileName();
                Expression label = labelOf.remove(key);
                List<Path> frames = frames(root, sequence, skipped);
                if (label == null) {
                    skipped.add(new Skipped(seqId, "sequence has no emotion label; CK+'s protocol leaves it out"));
                } else if (frames.size() < 2) {
                    skipped.add(new Skipped(seqId, "labelled sequence has " + frames.size()
                            + " frame(s); it needs a neutral first frame and a peak"));
                } else {
                    addSequence(root, subject.getFileName().toString(),
                            subject.getFileName() + "_" + sequence.getFileName(), label, frames, peakFrames,
                            firstFrameNeutral, samples, skipped);
                }
            }
        }
        for (String orphan : labelOf.keySet()) {
            skipped.add(new Skipped(DatasetFiles.relative(root, labels.resolve(orphan)),
                    "emotion label without a sequence folder in " + IMAGES));
        }
        if (samples.isEmpty()) {
            throw new DatasetException("No labelled CK+ sequence in " + root.toAbsolutePath());
        }
        return new Dataset("ckplus", DatasetFiles.classesOf(samples), samples, skipped, false);
    }

    private static void addSequence(Path root, String subject, String sequence, Expression label, List<Path> frames,
            int peakFrames, boolean firstFrameNeutral, List<Sample> samples, List<Skipped> skipped) {
        int n = frames.size();
        // with fewer frames than the protocol wants, the first stays neutral and the rest take the label
        int peak = Math.min(peakFrames, n - 1);
        if (firstFrameNeutral) {
            add(root, frames.get(0), Expression.NEUTRAL, subject, sequence, samples, skipped);
        }
        for (Path frame : frames.subList(n - peak, n)) {
            add(root, frame, label, subject, sequence, samples, skipped);
        }
    }

    private static void add(Path root, Path frame, Expression label, String subject, String sequence,
            List<Sample> samples, List<Skipped> skipped) {
        String id = DatasetFiles.relative(root, frame);
        if (DatasetFiles.headerReadable(frame, id, skipped)) {
            samples.add(Sample.ofFile(id, label, subject, sequence, frame));
        }
    }

    /** A sequence's image files in frame order; other files are listed as ignored. */
    private static List<Path> frames(Path root, Path sequence, List<Skipped> skipped) throws IOException {
        List<Path> frames = new ArrayList<>();
        for (Path f : DatasetFiles.list(sequence)) {
            if (Files.isRegularFile(f) && ImageDecoding.hasImageExtension(f.getFileName().toString())) {
                frames.add(f);
            } else {
                skipped.add(Skipped.ignored(DatasetFiles.relative(root, f), "not a frame image"));
            }
        }
        frames.sort(Comparator.comparingLong(CkPlusDataset::frameNumber)
                .thenComparing(f -> f.getFileName().toString()));
        return frames;
    }

    private static long frameNumber(Path frame) {
        Matcher m = FRAME.matcher(frame.getFileName().toString());
        return m.matches() && m.group(1).length() < 18 ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
    }

    /** Labels by {@code "S005/001"}; folders without a label file stay out (their sequences are unlabelled). */
    private static Map<String, Expression> readLabels(Path root, Path labels, List<Skipped> skipped)
            throws IOException {
        Map<String, Expression> labelOf = new LinkedHashMap<>();
        for (Path subject : DatasetFiles.list(labels)) {
            if (!Files.isDirectory(subject)) {
                skipped.add(Skipped.ignored(DatasetFiles.relative(root, subject), "not a subject folder"));
                continue;
            }
            for (Path sequence : DatasetFiles.list(subject)) {
                if (!Files.isDirectory(sequence)) {
                    skipped.add(Skipped.ignored(DatasetFiles.relative(root, sequence), "not a sequence folder"));
                    continue;
                }
                Path labelFile = null;
                for (Path f : DatasetFiles.list(sequence)) {
                    if (!f.getFileName().toString().endsWith("_emotion.txt")) {
                        skipped.add(Skipped.ignored(DatasetFiles.relative(root, f), "not an emotion label file"));
                    } else if (labelFile != null) {
                        throw new DatasetException("CK+ sequence folder " + sequence.toAbsolutePath()
                                + " has two emotion label files: " + labelFile.getFileName() + " and "
                                + f.getFileName());
                    } else {
                        labelFile = f;
                    }
                }
                if (labelFile != null) {
                    labelOf.put(subject.getFileName() + "/" + sequence.getFileName(), readLabel(labelFile));
                }
            }
        }
        return labelOf;
    }

    /** Parses a label file such as {@code "   3.0000000e+00"}. */
    static Expression readLabel(Path file) throws DatasetException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1).trim();
        } catch (IOException e) {
            throw new DatasetException("Cannot read CK+ label file " + file.toAbsolutePath() + ": " + e, e);
        }
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
            throw new DatasetException("CK+ label file " + file.toAbsolutePath()
                    + " does not hold an emotion code (a number such as 3.0000000e+00) but \"" + shown + "\"", e);
        }
        if (value != Math.rint(value) || Math.abs(value) > 1000) {
            throw new DatasetException("CK+ label file " + file.toAbsolutePath() + " holds " + text
                    + ", not a whole emotion code 0..7");
        }
        int code = (int) value;
        return Expression.fromCkPlusCode(code).orElseThrow(() -> new DatasetException("CK+ label file "
                + file.toAbsolutePath() + " holds code " + code + "; CK+ codes are 0 neutral, 1 anger, 2 contempt, "
                + "3 disgust, 4 fear, 5 happy, 6 sadness, 7 surprise"));
    }
}
