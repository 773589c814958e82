package io.fer.models.internal.keras;

import io.fer.models.WeightFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks that weights read from a file fit a network before any of them is used, and reports every mismatch at
 * once: missing and extra layers, missing and extra weights, wrong shapes (both shapes named), wrong data types.
 *
 * <p>Layers and weights are matched by name, not position. Only layers that hold weights must match: a layer
 * without weights (input, activation, padding …) needs no counterpart on the other side, which is how Keras' own
 * loader treats them. Layer order is not compared.
 */
public final class WeightsCheck {
    private WeightsCheck() {}

    /**
     * Throws if {@code weights} do not fit {@code network}.
     *
     * @param file where the weights came from, named in the message
     * @throws WeightFileException listing every problem, one per line
     */
    public static void requireFits(Path file, KerasWeights weights, List<LayerSpec> network) {
        List<String> problems = problems(weights, network);
        if (!problems.isEmpty()) {
            throw new WeightFileException(file, "does not fit the network (" + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems") + "):\n  - " + String.join("\n  - ", problems));
        }
    }

    /** Every mismatch between {@code weights} and {@code network}, in network order then file order; empty if they fit. */
    public static List<String> problems(KerasWeights weights, List<LayerSpec> network) {
        List<String> problems = new ArrayList<>();
        Set<String> expectedLayers = network.stream().map(LayerSpec::name).collect(Collectors.toSet());
        for (LayerSpec layer : network) {
            Optional<List<WeightArray>> actual = weights.layer(layer.name());
            if (actual.isEmpty()) {
                if (!layer.weights().isEmpty()) {
                    problems.add("missing layer '" + layer.name() + "' (" + describe(layer.weights()) + ")");
                }
                continue;
            }
            compareLayer(layer, actual.get(), problems);
        }
        for (Map.Entry<String, List<WeightArray>> layer : weights.asMap().entrySet()) {
            if (!expectedLayers.contains(layer.getKey()) && !layer.getValue().isEmpty()) {
                problems.add("unexpected layer '" + layer.getKey() + "' with weights ("
                        + describe(layer.getValue().stream().map(WeightArray::spec).toList()) + ")");
            }
        }
        return problems;
    }

    private static void compareLayer(LayerSpec layer, List<WeightArray> arrays, List<String> problems) {
        Map<String, WeightArray> byName = new LinkedHashMap<>();
        for (WeightArray array : arrays) {
            if (byName.putIfAbsent(array.name(), array) != null) {
                problems.add("layer '" + layer.name() + "' holds weight '" + array.name() + "' twice");
            }
        }
        for (WeightSpec expected : layer.weights()) {
            WeightArray array = byName.remove(expected.name());
            String where = "layer '" + layer.name() + "' weight '" + expected.name() + "'";
            if (array == null) {
                problems.add(where + " is missing (expected " + expected.shapeText() + " " + dtype(expected) + ")");
                continue;
            }
            WeightSpec found = array.spec();
            if (!Arrays.equals(found.shape(), expected.shape())) {
                problems.add(where + " has shape " + found.shapeText() + " in the file, the network expects "
                        + expected.shapeText());
            }
            if (found.int64() != expected.int64()) {
                problems.add(where + " is " + dtype(found) + " in the file, the network expects " + dtype(expected));
            }
            long values = array.floats() != null ? array.floats().length
                    : array.longs() != null ? array.longs().length : -1;
            if (values != found.size()) {
                problems.add(where + " holds " + Math.max(values, 0) + " values, its shape " + found.shapeText()
                        + " needs " + found.size());
            }
        }
        for (WeightArray extra : byName.values()) {
            problems.add("layer '" + layer.name() + "' has unexpected weight '" + extra.name() + "' ("
                    + extra.spec().shapeText() + " " + dtype(extra.spec()) + ")");
        }
    }

    private static String describe(List<WeightSpec> weights) {
        return weights.stream().map(w -> w.name() + " " + w.shapeText()).collect(Collectors.joining(", "));
    }

    private static String dtype(WeightSpec spec) {
        return spec.int64() ? "int64" : "float32";
    }
}
