package io.fer.models.internal.serving;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link ServingNetwork} as an ONNX model (opset 13, ONNX's protobuf classes from Tribuo's
 * {@code tribuo-util-onnx}): the same input ({@code images}, NHWC float RGB 0..255, batch open) and output
 * ({@code probabilities}, or the NHWC feature map for a backbone alone) as the TensorFlow form. Inside, the network
 * runs in ONNX's NCHW layout: one transpose after the input, kernels stored OIHW, depthwise convolutions as grouped
 * ones, and a transpose back where NHWC order matters (flattening, a 4-D output).
 */
public final class OnnxExport {
    /** The opset written; ONNX Runtime 1.22 runs opsets up to 22. */
    public static final int OPSET = 13;
    /** ONNX IR version 7 is the one that goes with opset 13. */
    private static final int IR_VERSION = 7;

    private final ServingNetwork net;
    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("fer_serving");
    private final String outputName;

    private OnnxExport(ServingNetwork net, String outputName) {
        this.net = net;
        this.outputName = outputName;
    }

    /** The model as ONNX bytes, its input named {@code inputName} and its output {@code outputName}. */
    public static byte[] toBytes(ServingNetwork net, String inputName, String outputName) {
        return new OnnxExport(net, outputName).model(inputName).toByteArray();
    }

    /** Writes the model to {@code file} (replaced if it exists). */
    public static void write(ServingNetwork net, String inputName, String outputName, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(toBytes(net, inputName, outputName));
        }
    }

    private ModelProto model(String inputName) {
        int s = net.inputSize();
        graph.addInput(valueInfo(inputName, -1, s, s, 3));
        List<String> names = new ArrayList<>();
        List<Integer> ranks = new ArrayList<>();
        names.add(node("Transpose", "images_nchw", List.of(inputName), perm(0, 3, 1, 2)));
        ranks.add(4);
        for (int i = 1; i < net.layers().size(); i++) {
            ServingLayer layer = net.layers().get(i);
            String x = names.get(layer.inputs().get(0));
            int rank = ranks.get(layer.inputs().get(0));
            String y;
            if (layer instanceof ServingLayer.ScaleShift ss) {
                String scaled = node("Mul", layer.name() + "_scale",
                        List.of(x, initializer(layer.name() + "/scale", ss.scale(), 1, ss.scale().length, 1, 1)));
                y = node("Add", layer.name(), List.of(scaled,
                        initializer(layer.name() + "/shift", ss.shift(), 1, ss.shift().length, 1, 1)));
            } else if (layer instanceof ServingLayer.Pad p) {
                long b = p.before();
                long a = p.after();
                y = node("Pad", layer.name(), List.of(x, longs(layer.name() + "/pads", 0, 0, b, b, 0, 0, a, a)));
            } else if (layer instanceof ServingLayer.Conv c) {
                y = conv(c, x);
            } else if (layer instanceof ServingLayer.GlobalAveragePool g) {
                y = node("GlobalAveragePool", layer.name() + (g.keepDims() ? "" : "_4d"), List.of(x));
                if (!g.keepDims()) {
                    y = node("Flatten", layer.name(), List.of(y), intAttr("axis", 1));
                    rank = 2;
                }
            } else if (layer instanceof ServingLayer.Flatten) {
                // TensorFlow flattens NHWC: go back to that order first
                String nhwc = node("Transpose", layer.name() + "_nhwc", List.of(x), perm(0, 2, 3, 1));
                y = node("Flatten", layer.name(), List.of(nhwc), intAttr("axis", 1));
                rank = 2;
            } else if (layer instanceof ServingLayer.Multiply m) {
                y = node("Mul", layer.name(), List.of(x, names.get(m.right())));
            } else if (layer instanceof ServingLayer.Add a) {
                y = node("Add", layer.name(), List.of(x, names.get(a.right())));
            } else if (layer instanceof ServingLayer.Dense d) {
                String w = initializer(d.name() + "/kernel", d.kernel(), d.kernelShape());
                String b = initializer(d.name() + "/bias", d.bias(), d.bias().length);
                y = activation(d.activation(), d.name(), node("Gemm", d.name() + "_gemm", List.of(x, w, b)));
            } else if (layer instanceof ServingLayer.Softmax) {
                y = node("Softmax", layer.name(), List.of(x), intAttr("axis", -1));
            } else {
                throw new IllegalArgumentException("No ONNX form for serving layer " + layer.name());
            }
            names.add(y);
            ranks.add(rank);
        }
        String last = names.get(names.size() - 1);
        if (ranks.get(ranks.size() - 1) == 4) {
            node("Transpose", outputName, List.of(last), perm(0, 2, 3, 1));
            graph.addOutput(ValueInfoProto.newBuilder().setName(outputName).setType(floatType(4)));
        } else {
            node("Identity", outputName, List.of(last));
            graph.addOutput(ValueInfoProto.newBuilder().setName(outputName).setType(floatType(2)));
        }
        return ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("fer")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph).build();
    }

    private String conv(ServingLayer.Conv c, String x) {
        long kh = c.kernelShape()[0];
        long kw = c.kernelShape()[1];
        float[] k = c.kernel();
        float[] oihw;
        long[] shape;
        int groups;
        if (c.depthwise()) {
            int ch = (int) c.kernelShape()[2];
            oihw = new float[k.length];
            for (int h = 0; h < kh; h++) {
                for (int w = 0; w < kw; w++) {
                    for (int o = 0; o < ch; o++) {
                        oihw[(int) ((o * kh + h) * kw + w)] = k[(int) ((h * kw + w) * ch + o)];
                    }
                }
            }
            shape = new long[] {ch, 1, kh, kw};
            groups = ch;
        } else {
            int in = (int) c.kernelShape()[2];
            int out = (int) c.kernelShape()[3];
            oihw = new float[k.length];
            for (int h = 0; h < kh; h++) {
                for (int w = 0; w < kw; w++) {
                    for (int i = 0; i < in; i++) {
                        for (int o = 0; o < out; o++) {
                            oihw[(int) (((o * in + i) * kh + h) * kw + w)] = k[(int) (((h * kw + w) * in + i) * out + o)];
                        }
                    }
                }
            }
            shape = new long[] {out, in, kh, kw};
            groups = 1;
        }
        long p = c.same() ? (kh - 1) / 2 : 0;
        long q = c.same() ? (kw - 1) / 2 : 0;
        List<AttributeProto> attrs = List.of(ints("kernel_shape", kh, kw), ints("strides", c.stride(), c.stride()),
                ints("pads", p, q, p, q), ints("dilations", 1, 1), intAttr("group", groups).get(0));
        String conv = node("Conv", c.name() + "_conv", List.of(x, initializer(c.name() + "/kernel", oihw, shape),
                initializer(c.name() + "/bias", c.bias(), c.bias().length)), attrs);
        return activation(c.activation(), c.name(), conv);
    }

    private String activation(Activation activation, String name, String x) {
        return switch (activation) {
            case NONE -> node("Identity", name, List.of(x));
            case SWISH -> node("Mul", name, List.of(x, node("Sigmoid", name + "_sigmoid", List.of(x))));
            case SIGMOID -> node("Sigmoid", name, List.of(x));
            case RELU -> node("Relu", name, List.of(x));
        };
    }

    private String node(String op, String output, List<String> inputs) {
        return node(op, output, inputs, List.of());
    }

    private String node(String op, String output, List<String> inputs, List<AttributeProto> attrs) {
        graph.addNode(NodeProto.newBuilder().setOpType(op).setName(output).addAllInput(inputs).addOutput(output)
                .addAllAttribute(attrs));
        return output;
    }

    private String initializer(String name, float[] values, long... shape) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addAllDims(box(shape)).setRawData(com.google.protobuf.ByteString.copyFrom(bytes.array())));
        return name;
    }

    private String longs(String name, long... values) {
        graph.addInitializer(TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(values.length).addAllInt64Data(box(values)));
        return name;
    }

    private static List<Long> box(long[] values) {
        List<Long> out = new ArrayList<>(values.length);
        for (long v : values) {
            out.add(v);
        }
        return out;
    }

    private static List<AttributeProto> perm(long... axes) {
        return List.of(ints("perm", axes));
    }

    private static AttributeProto ints(String name, long... values) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS)
                .addAllInts(box(values)).build();
    }

    private static List<AttributeProto> intAttr(String name, long value) {
        return List.of(AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT)
                .setI(value).build());
    }

    private static ValueInfoProto valueInfo(String name, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }

    private static TypeProto floatType(int rank) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (int i = 0; i < rank; i++) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(i == 0 ? "batch" : "d" + i));
        }
        return TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape)).build();
    }
}
