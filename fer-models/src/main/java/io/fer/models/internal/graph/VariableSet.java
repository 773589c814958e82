package io.fer.models.internal.graph;

import io.fer.models.internal.keras.LayerSpec;
import io.fer.models.internal.keras.WeightSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The variables of a small network keyed by Keras layer and weight name, and the {@link WeightTransfer} that moves
 * them to and from {@link io.fer.models.internal.keras.KerasWeights}.
 */
public final class VariableSet {
    private final Ops tf;
    private final Map<String, Map<String, Variable<?>>> byLayer = new LinkedHashMap<>();

    /** Variables created through {@code tf}'s graph. */
    public VariableSet(Ops tf) {
        this.tf = tf;
    }

    /** Registers a variable under its layer and weight name. */
    public <V extends Variable<?>> V put(String layer, String weight, V variable) {
        byLayer.computeIfAbsent(layer, k -> new LinkedHashMap<>()).put(weight, variable);
        return variable;
    }

    /** The variable of a layer's weight; {@link IllegalArgumentException} naming both if absent. */
    @SuppressWarnings("unchecked")
    public Variable<TFloat32> get(String layer, String weight) {
        Map<String, Variable<?>> w = byLayer.get(layer);
        Variable<?> v = w == null ? null : w.get(weight);
        if (v == null) {
            throw new IllegalArgumentException("No weight " + layer + "/" + weight);
        }
        return (Variable<TFloat32>) v;
    }

    /** Every variable in registration order. */
    public List<Variable<?>> all() {
        List<Variable<?>> all = new ArrayList<>();
        byLayer.values().forEach(m -> all.addAll(m.values()));
        return all;
    }

    /** A transfer for the weights {@code layers} declare, all of which must have been registered. */
    public WeightTransfer transfer(String network, List<LayerSpec> layers) {
        List<List<Variable<?>>> perLayer = new ArrayList<>();
        for (LayerSpec layer : layers) {
            List<Variable<?>> vs = new ArrayList<>();
            for (WeightSpec w : layer.weights()) {
                vs.add(get(layer.name(), w.name()));
            }
            perLayer.add(vs);
        }
        return new WeightTransfer(network, tf, layers, perLayer);
    }
}
