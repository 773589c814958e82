package io.fer.models.efficientnet;

import io.fer.models.keras.KerasWeights;
import io.fer.models.keras.WeightArray;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A minimal test-only reader of Keras-2 HDF5 weight files (root attribute {@code layer_names}, group attribute
 * {@code weight_names}, datasets {@code /<layer>/<layer>/<weight>:0}), enough for the layout fixture.
 */
final class KerasLayoutH5 {
    private KerasLayoutH5() {}

    static KerasWeights read(Path file) {
        KerasWeights out = new KerasWeights();
        try (HdfFile h5 = new HdfFile(file)) {
            for (String layer : (String[]) h5.getAttribute("layer_names").getData()) {
                Node group = h5.getChild(layer);
                List<WeightArray> weights = new ArrayList<>();
                for (String weightName : weightNames(group)) {
                    Dataset d = h5.getDatasetByPath(layer + "/" + weightName);
                    long[] shape = Arrays.stream(d.getDimensions()).asLongStream().toArray();
                    String name = WeightTransfer.shortName(weightName);
                    Object data = d.isScalar() ? d.getData() : d.getDataFlat();
                    if (data instanceof float[] f) {
                        weights.add(WeightArray.ofFloats(name, shape, f));
                    } else if (data instanceof long[] l) {
                        weights.add(WeightArray.ofLongs(name, shape, l));
                    } else if (data instanceof Long l) {
                        weights.add(WeightArray.ofLongs(name, shape, new long[] {l}));
                    } else {
                        throw new IllegalStateException(file + ": unexpected data " + data.getClass() + " in "
                                + d.getPath());
                    }
                }
                out.put(layer, weights);
            }
        }
        return out;
    }

    private static String[] weightNames(Node group) {
        Attribute a = group.getAttribute("weight_names");
        Object data = a == null ? null : a.getData();
        return data == null ? new String[0] : (String[]) data;
    }
}
