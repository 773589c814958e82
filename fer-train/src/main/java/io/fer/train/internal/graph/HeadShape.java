package io.fer.train.internal.graph;

import java.util.List;

/**
 * The classifier head as the graph builds it: whether the feature map is flattened (else averaged), the hidden dense
 * layers' sizes, and the dropout rate before each dense layer. The public {@code Head} resolves to one of these for
 * its backbone.
 */
public record HeadShape(boolean flatten, List<Integer> hiddenUnits, double dropout) {

    public HeadShape {
        hiddenUnits = List.copyOf(hiddenUnits);
    }
}
