package io.fer.models.internal.efficientnet;

import io.fer.models.Backbone;
import io.fer.models.internal.keras.WeightSpec;
import io.fer.testdata.KerasReferenceFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the Keras EfficientNet reference data (module fer-testdata, see its README) for tests. */
final class KerasReferenceData {
    /** One row group of {@code layers.tsv}: a layer with its weights and the note on its attributes. */
    record ExpectedLayer(int index, String name, String kerasClass, List<WeightSpec> weights, String note) {}

    /** One row of {@code summary.tsv}. */
    record Summary(Backbone variant, int resolution, double topDropout, int layers, long totalParams,
            long nonTrainableParams, List<String> last6Layers, long trainableParamsLast6BnFrozen) {}

    private KerasReferenceData() {}

    /** The reference folder, shipped by the test-only module fer-testdata. */
    static Path dir() {
        return KerasReferenceFiles.dir();
    }

    static Path file(String name) {
        return dir().resolve(name);
    }

    static Map<Backbone, List<ExpectedLayer>> layers() {
        Map<Backbone, Map<Integer, ExpectedLayer>> byVariant = new EnumMap<>(Backbone.class);
        for (String[] row : rows("layers.tsv", 7)) {
            Backbone v = Backbone.parse(row[0]);
            int index = Integer.parseInt(row[1]);
            Map<Integer, ExpectedLayer> layers = byVariant.computeIfAbsent(v, k -> new LinkedHashMap<>());
            ExpectedLayer layer = layers.computeIfAbsent(index,
                    i -> new ExpectedLayer(i, row[2], row[3], new ArrayList<>(), row[6]));
            if (!row[4].isEmpty()) {
                boolean int64 = row[6].contains(row[4] + " int64");
                layer.weights().add(new WeightSpec(row[4], parseShape(row[5]), int64));
            }
        }
        Map<Backbone, List<ExpectedLayer>> out = new EnumMap<>(Backbone.class);
        byVariant.forEach((v, m) -> out.put(v, List.copyOf(m.values())));
        return out;
    }

    static Map<Backbone, Summary> summary() {
        Map<Backbone, Summary> out = new EnumMap<>(Backbone.class);
        for (String[] r : rows("summary.tsv", 8)) {
            Backbone v = Backbone.parse(r[0]);
            out.put(v, new Summary(v, Integer.parseInt(r[1]), Double.parseDouble(r[2]), Integer.parseInt(r[3]),
                    Long.parseLong(r[4]), Long.parseLong(r[5]), List.of(r[6].split(",")), Long.parseLong(r[7])));
        }
        return out;
    }

    private static long[] parseShape(String text) {
        return text.equals("scalar") ? new long[0]
                : Arrays.stream(text.split("x")).mapToLong(Long::parseLong).toArray();
    }

    /** Data rows (comments and the header skipped), split on tabs, padded to {@code columns}. */
    private static List<String[]> rows(String name, int columns) {
        try {
            List<String[]> out = new ArrayList<>();
            boolean header = true;
            for (String line : Files.readAllLines(file(name))) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                out.add(Arrays.copyOf(line.split("\t", -1), columns));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
