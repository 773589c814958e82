package io.fer.train.internal.graph;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * Every variable of a training graph (weights, batch-norm statistics, optimizer slots), saved to and restored from a
 * file by name. A checkpoint holds all of them, so a resumed run continues exactly where the saved one stood.
 */
final class GraphVariables {
    private static final int MAGIC = 0x46455256; // "FERV"
    private static final int VERSION = 1;

    private final Ops tf;
    private final List<Output<?>> variables = new ArrayList<>();
    private final Map<String, Placeholder<?>> feeds = new LinkedHashMap<>();
    private final Map<String, Op> assigns = new LinkedHashMap<>();

    /** The variables of {@code graph} as it is now (float32 and int64 ones). */
    GraphVariables(Graph graph) {
        this.tf = Ops.create(graph).withSubScope("restore_checkpoint");
        for (Iterator<GraphOperation> it = graph.operations(); it.hasNext(); ) {
            GraphOperation op = it.next();
            if (op.type().startsWith("Variable") && op.numOutputs() == 1) {
                Class<?> type = op.output(0).type();
                if (type != TFloat32.class && type != TInt64.class) {
                    throw new IllegalStateException("Variable " + op.name() + " has unsupported type " + type);
                }
                variables.add(op.output(0));
            }
        }
    }

    /** Number of variables. */
    int size() {
        return variables.size();
    }

    /** Writes every variable's value to {@code file} (a temporary file moved into place). */
    void save(Session session, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Session.Runner runner = session.runner();
        variables.forEach(runner::fetch);
        try (Result result = runner.run();
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp),
                        1 << 20))) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(variables.size());
            for (int i = 0; i < variables.size(); i++) {
                Output<?> v = variables.get(i);
                Tensor t = result.get(i);
                out.writeUTF(v.op().name());
                boolean int64 = t instanceof TInt64;
                out.writeBoolean(int64);
                long[] dims = t.shape().asArray();
                out.writeInt(dims.length);
                for (long d : dims) {
                    out.writeLong(d);
                }
                int n = Math.toIntExact(t.shape().size());
                if (int64) {
                    long[] values = new long[n];
                    ((TInt64) t).copyTo(DataBuffers.of(values, false, false));
                    for (long x : values) {
                        out.writeLong(x);
                    }
                } else {
                    float[] values = new float[n];
                    ((TFloat32) t).copyTo(DataBuffers.of(values, false, false));
                    byte[] bytes = new byte[n * 4];
                    java.nio.ByteBuffer.wrap(bytes).asFloatBuffer().put(values);
                    out.write(bytes);
                }
            }
        }
        io.fer.core.internal.AtomicFiles.move(tmp, file);
    }

    /**
     * Restores every variable from {@code file}; the file must hold exactly this graph's variables with the same
     * shapes, or nothing is written and the message names the first difference.
     */
    void restore(Session session, Path file) throws IOException {
        Map<String, Tensor> values = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IOException(file + " is not a fer checkpoint (version " + VERSION + ")");
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                boolean int64 = in.readBoolean();
                int rank = in.readInt();
                if (rank < 0 || rank > 8) {
                    throw new IOException(file + ": variable " + name + " has rank " + rank);
                }
                long[] dims = new long[rank];
                for (int d = 0; d < rank; d++) {
                    dims[d] = in.readLong();
                }
                Shape shape = Shape.of(dims);
                int n = Math.toIntExact(shape.size());
                if (int64) {
                    long[] v = new long[n];
                    for (int k = 0; k < n; k++) {
                        v[k] = in.readLong();
                    }
                    values.put(name, TInt64.tensorOf(shape, DataBuffers.of(v, true, false)));
                } else {
                    byte[] bytes = new byte[n * 4];
                    in.readFully(bytes);
                    float[] v = new float[n];
                    java.nio.ByteBuffer.wrap(bytes).asFloatBuffer().get(v);
                    values.put(name, TFloat32.tensorOf(shape, DataBuffers.of(v, true, false)));
                }
            }
        } catch (EOFException e) {
            values.values().forEach(Tensor::close);
            throw new IOException(file + " is truncated", e);
        } catch (IOException | RuntimeException e) {
            values.values().forEach(Tensor::close);
            throw e;
        }
        try {
            Session.Runner runner = session.runner();
            for (Output<?> v : variables) {
                String name = v.op().name();
                Tensor t = values.get(name);
                if (t == null) {
                    throw new IOException(file + " lacks variable " + name + ": it was written by another model");
                }
                if (!t.shape().equals(v.shape())) {
                    throw new IOException(file + ": variable " + name + " has shape " + t.shape() + ", the model's is "
                            + v.shape());
                }
                runner.feed(feed(v, name), t).addTarget(assigns.get(name));
            }
            if (values.size() != variables.size()) {
                throw new IOException(file + " holds " + values.size() + " variables, the model has "
                        + variables.size() + ": it was written by another model");
            }
            runner.run().close();
        } finally {
            values.values().forEach(Tensor::close);
        }
    }

    private Placeholder<?> feed(Output<?> v, String name) {
        return feeds.computeIfAbsent(name, n -> addAssign(v, n));
    }

    private <T extends TType> Placeholder<T> addAssign(Output<T> v, String name) {
        Placeholder<T> p = tf.placeholder(v.type(), Placeholder.shape(v.shape()));
        assigns.put(name, tf.assign(v, p));
        return p;
    }
}
