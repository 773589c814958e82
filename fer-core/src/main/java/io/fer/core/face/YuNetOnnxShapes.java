package io.fer.core.face;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import java.util.List;

/**
 * Frees the input size of YuNet's ONNX model for ONNX Runtime. The file declares a fixed 640x640 input (and the
 * matching output and intermediate shapes); OpenCV's DNN module ignores that and reshapes the network to each padded
 * frame, but ONNX Runtime refuses any other size. The network itself is size-agnostic (its reshapes use -1, its
 * upsampling a scale factor), so the declared shapes are made symbolic in memory: the input's height and width, each
 * output's cell count, and the intermediate {@code value_info} shapes are dropped. The file on disk, and its
 * checksum, stay as they are.
 *
 * <p>Edits the protobuf wire format directly (protobuf-java's {@link UnknownFieldSet}; protobuf-java comes with
 * DJL's TensorFlow API), so fer-core needs no ONNX classes: ModelProto.graph is field 7; GraphProto.input 11, output
 * 12, value_info 13; ValueInfoProto.name 1, type 2; TypeProto.tensor_type 1; Tensor.shape 2; TensorShapeProto.dim 1;
 * Dimension.dim_value 1, dim_param 2.
 */
final class YuNetOnnxShapes {
    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    private static final int GRAPH_VALUE_INFO = 13;
    private static final int VALUE_NAME = 1;
    private static final int VALUE_TYPE = 2;
    private static final int TYPE_TENSOR = 1;
    private static final int TENSOR_SHAPE = 2;
    private static final int SHAPE_DIM = 1;
    private static final int DIM_PARAM = 2;

    private YuNetOnnxShapes() {}

    /**
     * The model with input {@code [1, 3, height, width]} and outputs {@code [1, cells, k]}.
     *
     * @throws IllegalArgumentException if the bytes are not an ONNX model with a 4-D input and 3-D outputs
     */
    static byte[] withFreeInputSize(byte[] model) {
        try {
            UnknownFieldSet m = UnknownFieldSet.parseFrom(model);
            UnknownFieldSet graph = UnknownFieldSet.parseFrom(only(m, MODEL_GRAPH, "ModelProto.graph"));
            UnknownFieldSet.Builder g = graph.toBuilder();
            g.clearField(GRAPH_INPUT).clearField(GRAPH_OUTPUT).clearField(GRAPH_VALUE_INFO);
            g.addField(GRAPH_INPUT, rewritten(graph.getField(GRAPH_INPUT),
                    new String[] {null, null, "height", "width"}));
            g.addField(GRAPH_OUTPUT, rewritten(graph.getField(GRAPH_OUTPUT),
                    new String[] {null, "cells", null}));
            return m.toBuilder().clearField(MODEL_GRAPH)
                    .addField(MODEL_GRAPH, lengthDelimited(g.build().toByteString())).build().toByteArray();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("YuNet's model is not a readable ONNX file: " + e.getMessage(), e);
        }
    }

    /** Each value's shape with the dimensions named in {@code symbolic} (null: kept) made symbolic. */
    private static UnknownFieldSet.Field rewritten(UnknownFieldSet.Field values, String[] symbolic)
            throws InvalidProtocolBufferException {
        int rank = symbolic.length;
        UnknownFieldSet.Field.Builder out = UnknownFieldSet.Field.newBuilder();
        for (ByteString v : values.getLengthDelimitedList()) {
            UnknownFieldSet value = UnknownFieldSet.parseFrom(v);
            String name = value.hasField(VALUE_NAME) ? only(value, VALUE_NAME, "name").toStringUtf8() : "?";
            UnknownFieldSet type = UnknownFieldSet.parseFrom(only(value, VALUE_TYPE, name + ".type"));
            UnknownFieldSet tensor = UnknownFieldSet.parseFrom(only(type, TYPE_TENSOR, name + ".tensor_type"));
            UnknownFieldSet shape = UnknownFieldSet.parseFrom(only(tensor, TENSOR_SHAPE, name + ".shape"));
            List<ByteString> dims = shape.getField(SHAPE_DIM).getLengthDelimitedList();
            if (dims.size() != rank) {
                throw new IllegalArgumentException("YuNet's model value " + name + " has " + dims.size()
                        + " dimensions, expected " + rank);
            }
            UnknownFieldSet.Field.Builder newDims = UnknownFieldSet.Field.newBuilder();
            for (int i = 0; i < rank; i++) {
                newDims.addLengthDelimited(symbolic[i] == null ? dims.get(i)
                        : UnknownFieldSet.newBuilder().addField(DIM_PARAM,
                                lengthDelimited(ByteString.copyFromUtf8(symbolic[i]))).build().toByteString());
            }
            UnknownFieldSet newShape = shape.toBuilder().clearField(SHAPE_DIM).addField(SHAPE_DIM, newDims.build())
                    .build();
            UnknownFieldSet newTensor = replaced(tensor, TENSOR_SHAPE, newShape);
            UnknownFieldSet newType = replaced(type, TYPE_TENSOR, newTensor);
            out.addLengthDelimited(replaced(value, VALUE_TYPE, newType).toByteString());
        }
        return out.build();
    }

    private static UnknownFieldSet replaced(UnknownFieldSet set, int field, UnknownFieldSet value) {
        return set.toBuilder().clearField(field).addField(field, lengthDelimited(value.toByteString())).build();
    }

    private static UnknownFieldSet.Field lengthDelimited(ByteString bytes) {
        return UnknownFieldSet.Field.newBuilder().addLengthDelimited(bytes).build();
    }

    private static ByteString only(UnknownFieldSet set, int field, String what) {
        List<ByteString> values = set.getField(field).getLengthDelimitedList();
        if (values.size() != 1) {
            throw new IllegalArgumentException("YuNet's model has " + values.size() + " " + what + ", expected one");
        }
        return values.get(0);
    }
}
