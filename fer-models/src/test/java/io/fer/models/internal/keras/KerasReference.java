package io.fer.models.internal.keras;

import io.fer.testdata.KerasReferenceFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Keras EfficientNet reference data (fer-testdata, see its README) parsed for tests. */
public final class KerasReference {
    private KerasReference() {}

    /** The reference folder, shipped by the test-only module fer-testdata. */
    public static Path dir() {
        return KerasReferenceFiles.dir();
    }

    /** The B0 weights file fixture: Keras' exact layout, random values. */
    static Path b0Fixture() {
        return dir().resolve("efficientnetb0_notop.layout.h5");
    }

    /** A backbone's layers ("B0" …) as layers.tsv lists them, weights in Keras' order. */
    static List<LayerSpec> layers(String backbone) {
        Map<Integer, String[]> layerRows = new LinkedHashMap<>();
        Map<Integer, List<WeightSpec>> weights = new LinkedHashMap<>();
        for (String line : lines("layers.tsv")) {
            String[] f = line.split("\t", -1);
            if (!f[0].equals(backbone)) {
                continue;
            }
            int index = Integer.parseInt(f[1]);
            layerRows.putIfAbsent(index, f);
            List<WeightSpec> list = weights.computeIfAbsent(index, i -> new ArrayList<>());
            if (!f[4].isEmpty()) {
                long[] shape = f[5].equals("scalar") ? new long[0]
                        : Arrays.stream(f[5].split("x")).mapToLong(Long::parseLong).toArray();
                boolean int64 = f[3].equals("Normalization") && f[4].equals("count");
                list.add(new WeightSpec(f[4], shape, int64));
            }
        }
        List<LayerSpec> layers = new ArrayList<>();
        layerRows.forEach((index, f) -> layers.add(new LayerSpec(index, f[2], f[3], weights.get(index))));
        return layers;
    }

    /** A value of summary.tsv, e.g. {@code summary("B0", "total_params")}. */
    static String summary(String backbone, String column) {
        List<String> lines = lines("summary.tsv");
        List<String> header = List.of(lines.get(0).split("\t"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            if (f[0].equals(backbone)) {
                return f[header.indexOf(column)];
            }
        }
        throw new IllegalArgumentException("no " + backbone + " in summary.tsv");
    }

    /** The file's lines without comments; the first is the column header. */
    private static List<String> lines(String name) {
        try {
            return Files.readAllLines(dir().resolve(name)).stream()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
