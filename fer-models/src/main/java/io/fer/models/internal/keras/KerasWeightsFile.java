package io.fer.models.internal.keras;

import io.fer.core.internal.AtomicFiles;
import io.fer.models.WeightFileException;
import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import io.jhdf.WritableGroupImpl;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.StringData;
import io.jhdf.storage.HdfFileChannel;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads and writes Keras-2 HDF5 weight files ({@code model.save_weights("x.h5")}, Keras' published ImageNet files).
 *
 * <p>Layout: root attribute {@code layer_names} lists every layer in order; each layer is a group whose attribute
 * {@code weight_names} lists its weights in Keras' order (e.g. {@code stem_conv/kernel:0}); each weight is the dataset
 * {@code /<layer>/<weight name>}, i.e. {@code /stem_conv/stem_conv/kernel:0}. Values are float32, except int64
 * counters such as {@code normalization/count}. Attributes too large for an HDF5 object header are split as Keras
 * splits them ({@code layer_names0}, {@code layer_names1}, …); both forms are read, and written when needed.
 *
 * <p>Every failure is a {@link WeightFileException} (unchecked) whose message starts with the file's path.
 *
 * <p>Writing uses jHDF 0.13 around three of its limits: it writes a corrupt object header for an attribute above
 * 64 KiB (so long lists are split as Keras splits them), it cannot write an empty attribute (so weightless layers
 * get no {@code weight_names}), and its {@code WritableHdfFile.close()} appends a version string over whatever
 * object follows the last dataset written (so files are flushed here, without that string).
 */
public final class KerasWeightsFile {
    /** The {@code keras_version} attribute {@link #write(Path, KerasWeights)} stores. */
    public static final String DEFAULT_KERAS_VERSION = "2.15.0";
    /** The {@code backend} attribute written. */
    public static final String BACKEND = "tensorflow";

    static final String LAYER_NAMES = "layer_names";
    static final String WEIGHT_NAMES = "weight_names";
    /** Full-model files ({@code model.save("x.h5")}) keep the same layout under this group. */
    static final String MODEL_WEIGHTS = "model_weights";
    /** Keras' {@code HDF5_OBJECT_HEADER_LIMIT}: a string attribute larger than this is split into chunks. */
    static final int ATTRIBUTE_LIMIT_BYTES = 64512;
    /** Where jHDF places the root group, right after its version-2 superblock. */
    private static final long ROOT_GROUP_ADDRESS = 64;

    private static final Pattern TENSOR_SUFFIX = Pattern.compile(":\\d+$");

    private KerasWeightsFile() {}

    /**
     * Reads every layer and weight, in the file's order.
     *
     * @throws WeightFileException if the file is missing, not HDF5, truncated, lacks {@code layer_names}, lacks a
     *     listed layer group or dataset, or holds a data type other than float32 and int64
     */
    public static KerasWeights read(Path file) {
        try (HdfFile hdf = open(file)) {
            Group root = weightsRoot(file, hdf);
            KerasWeights weights = new KerasWeights();
            for (String layer : layerNames(file, root)) {
                weights.put(layer, readLayer(file, root, layer));
            }
            return weights;
        } catch (WeightFileException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new WeightFileException(file, "cannot be read as a Keras weights file: " + e.getMessage(), e);
        }
    }

    /**
     * Only the layer names, without reading any weight: a cheap check that a file is a readable, complete Keras
     * weights file.
     *
     * @throws WeightFileException as {@link #read(Path)} for a missing, non-HDF5 or truncated file or a missing
     *     {@code layer_names}
     */
    public static List<String> layerNames(Path file) {
        try (HdfFile hdf = open(file)) {
            return layerNames(file, weightsRoot(file, hdf));
        } catch (WeightFileException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new WeightFileException(file, "cannot be read as a Keras weights file: " + e.getMessage(), e);
        }
    }

    /** Writes {@code weights} with {@code keras_version} = {@value #DEFAULT_KERAS_VERSION}; see {@link #write(Path, KerasWeights, String)}. */
    public static void write(Path file, KerasWeights weights) {
        write(file, weights, DEFAULT_KERAS_VERSION);
    }

    /**
     * Writes {@code weights} in Keras-2 layout, atomically: into a temporary file beside {@code file}, moved over it
     * only once complete, so a failure leaves an existing file untouched. Parent folders are created.
     *
     * <p>One deviation forced by jHDF 0.13, which cannot write an empty attribute: a layer without weights gets a
     * group but no {@code weight_names} attribute (Keras writes an empty one). Keras' own reader
     * ({@code load_attributes_from_hdf5_group}) and {@link #read(Path)} both treat a missing attribute as "no weights".
     *
     * @throws WeightFileException naming the layer and weight whose values do not match their shape, or any I/O error
     */
    public static void write(Path file, KerasWeights weights, String kerasVersion) {
        Path target = file.toAbsolutePath();
        if (weights.layerNames().isEmpty()) {
            throw new WeightFileException(target, "nothing to write: the weights have no layers");
        }
        // not Files.createTempFile: its owner-only permissions would carry over to the final file
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            WritableGroupImpl root = new WritableGroupImpl(null, "/");
            putStrings(root, LAYER_NAMES, weights.layerNames());
            root.putAttribute("backend", BACKEND);
            root.putAttribute("keras_version", kerasVersion);
            for (Map.Entry<String, List<WeightArray>> layer : weights.asMap().entrySet()) {
                putLayer(target, root, layer.getKey(), layer.getValue());
            }
            try (FileChannel channel = FileChannel.open(temp,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                writeHdf5(channel, root);
                channel.force(true); // on disk before it replaces the old file
            }
            AtomicFiles.move(temp, target);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp, e);
            if (e instanceof WeightFileException w) {
                throw w;
            }
            throw new WeightFileException(target, "could not be written: " + e, e);
        }
    }

    /** The short name of a Keras weight name: {@code kernel} for {@code stem_conv/kernel:0}. */
    public static String shortName(String weightName) {
        String last = weightName.substring(weightName.lastIndexOf('/') + 1);
        return TENSOR_SUFFIX.matcher(last).replaceFirst("");
    }

    // ---------------------------------------------------------------- reading

    private static HdfFile open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new WeightFileException(file, "no such file");
        }
        if (!Files.isReadable(file)) {
            throw new WeightFileException(file, "not readable");
        }
        long size;
        HdfFile hdf;
        try {
            size = Files.size(file);
            hdf = new HdfFile(file);
        } catch (IOException | RuntimeException e) {
            throw new WeightFileException(file, "not an HDF5 file (" + e.getMessage() + ")", e);
        }
        try {
            // jHDF reads past the end of a cut file without complaint; the superblock knows the real length
            long end = hdf.getUserBlockSize() + hdf.getHdfBackingStorage().getSuperblock().getEndOfFileAddress();
            if (size < end) {
                throw new WeightFileException(file,
                        "truncated: HDF5 says it ends at byte " + end + " but it has only " + size + " bytes");
            }
            return hdf;
        } catch (RuntimeException e) {
            hdf.close();
            throw e;
        }
    }

    private static Group weightsRoot(Path file, HdfFile hdf) {
        if (hasStrings(hdf, LAYER_NAMES)) {
            return hdf;
        }
        Node nested = hdf.getChildren().get(MODEL_WEIGHTS);
        if (nested instanceof Group group && hasStrings(group, LAYER_NAMES)) {
            return group;
        }
        throw new WeightFileException(file, "no root attribute '" + LAYER_NAMES + "': not a Keras weights file");
    }

    private static List<String> layerNames(Path file, Group root) {
        List<String> layers = strings(file, root, LAYER_NAMES).orElseThrow();
        Set<String> seen = new HashSet<>();
        for (String layer : layers) {
            if (!seen.add(layer)) {
                throw new WeightFileException(file, "'" + LAYER_NAMES + "' lists layer '" + layer + "' twice");
            }
        }
        return layers;
    }

    private static List<WeightArray> readLayer(Path file, Group root, String layer) {
        Node node = root.getChildren().get(layer);
        if (!(node instanceof Group group)) {
            throw new WeightFileException(file, "layer '" + layer + "' is listed in '" + LAYER_NAMES + "' but group "
                    + childPath(root, layer) + " is " + (node == null ? "missing" : "not a group"));
        }
        // a missing weight_names means "no weights", as in Keras' load_attributes_from_hdf5_group
        List<String> weightNames = strings(file, group, WEIGHT_NAMES).orElse(List.of());
        List<WeightArray> arrays = new ArrayList<>(weightNames.size());
        Set<String> seen = new HashSet<>();
        for (String weightName : weightNames) {
            String name = shortName(weightName);
            String where = "layer '" + layer + "' weight '" + name + "' (" + childPath(group, weightName) + ")";
            if (!seen.add(name)) {
                throw new WeightFileException(file, where + " is listed twice in '" + WEIGHT_NAMES + "'");
            }
            Node child = child(group, weightName);
            if (!(child instanceof Dataset dataset)) {
                throw new WeightFileException(file, where + ": dataset " + (child == null ? "missing" : "is a group"));
            }
            try {
                arrays.add(readDataset(file, where, name, dataset));
            } catch (WeightFileException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new WeightFileException(file, where + ": " + e.getMessage(), e);
            }
        }
        return arrays;
    }

    private static WeightArray readDataset(Path file, String where, String name, Dataset dataset) {
        DataType type = dataset.getDataType();
        long[] shape = dataset.isScalar() ? new long[0] : dataset.getDimensionsAsLong();
        long count = WeightArrays.elementCount(shape);
        if (type instanceof FloatingPoint && type.getSize() == 4) {
            float[] values = dataset.isEmpty() ? new float[0]
                    : dataset.isScalar() ? new float[] {(Float) dataset.getData()} : (float[]) dataset.getDataFlat();
            requireCount(file, where, values.length, count);
            return WeightArray.ofFloats(name, shape, values);
        }
        if (type instanceof FixedPoint fixed && fixed.getSize() == 8 && fixed.isSigned()) {
            long[] values = dataset.isEmpty() ? new long[0]
                    : dataset.isScalar() ? new long[] {(Long) dataset.getData()} : (long[]) dataset.getDataFlat();
            requireCount(file, where, values.length, count);
            return WeightArray.ofLongs(name, shape, values);
        }
        throw new WeightFileException(file,
                where + " has data type " + describe(type) + "; only float32 and int64 are supported");
    }

    private static void requireCount(Path file, String where, int actual, long expected) {
        if (actual != expected) {
            throw new WeightFileException(file, where + " holds " + actual + " values, its shape needs " + expected);
        }
    }

    private static String describe(DataType type) {
        if (type instanceof FloatingPoint) {
            return "float" + type.getSize() * 8;
        }
        if (type instanceof FixedPoint fixed) {
            return (fixed.isSigned() ? "int" : "uint") + type.getSize() * 8;
        }
        if (type instanceof StringData) {
            return "string";
        }
        return type.getClass().getSimpleName();
    }

    private static Node child(Group group, String relativePath) {
        Node node = group;
        for (String part : relativePath.split("/")) {
            if (!(node instanceof Group g)) {
                return null;
            }
            node = g.getChildren().get(part);
        }
        return node;
    }

    private static String childPath(Node parent, String relative) {
        String path = parent.getPath();
        return (path.endsWith("/") ? path : path + "/") + relative;
    }

    private static boolean hasStrings(Node node, String name) {
        return node.getAttributes().containsKey(name) || node.getAttributes().containsKey(name + "0");
    }

    /** A string-list attribute, whole or in Keras' chunks ({@code name0}, {@code name1}, …); empty if absent. */
    private static Optional<List<String>> strings(Path file, Node node, String name) {
        Map<String, Attribute> attributes = node.getAttributes();
        Attribute whole = attributes.get(name);
        if (whole != null) {
            return Optional.of(toStrings(file, node, whole));
        }
        List<String> values = new ArrayList<>();
        int chunk = 0;
        for (; attributes.containsKey(name + chunk); chunk++) {
            values.addAll(toStrings(file, node, attributes.get(name + chunk)));
        }
        return chunk == 0 ? Optional.empty() : Optional.of(values);
    }

    private static List<String> toStrings(Path file, Node node, Attribute attribute) {
        if (attribute.isEmpty()) {
            return List.of(); // Keras writes an empty float64 array for a layer without weights
        }
        Object data = attribute.getData();
        if (data instanceof String s) {
            return List.of(s);
        }
        if (data instanceof String[] strings) {
            return List.of(strings);
        }
        throw new WeightFileException(file, "attribute '" + attribute.getName() + "' of " + node.getPath()
                + " holds " + attribute.getJavaType().getSimpleName() + " values, not strings");
    }

    // ---------------------------------------------------------------- writing

    /**
     * What {@code WritableHdfFile.close()} does, minus its bug: jHDF 0.13 appends a version string at the channel's
     * current position, which is the end of the last dataset written, not the end of the file, so it overwrites the
     * header of any group or dataset laid out after that dataset (Keras files with weightless layers hit this). The
     * classes used here are public in jHDF 0.13; the file gets the same superblock, headers and data.
     */
    private static void writeHdf5(FileChannel channel, WritableGroupImpl root) throws IOException {
        Superblock.SuperblockV2V3 superblock = new Superblock.SuperblockV2V3();
        HdfFileChannel hdf = new HdfFileChannel(channel, superblock);
        root.write(hdf, ROOT_GROUP_ADDRESS);
        hdf.write(superblock.toBuffer(channel.size()), 0L);
    }

    private static void putLayer(Path file, WritableGroup root, String layer, List<WeightArray> arrays) {
        requireName(file, layer, "layer name");
        WritableGroup group = root.putGroup(layer);
        if (arrays.isEmpty()) {
            return; // jHDF cannot write the empty weight_names Keras would; a missing one reads as empty
        }
        List<String> weightNames = new ArrayList<>(arrays.size());
        Set<String> seen = new HashSet<>();
        for (WeightArray array : arrays) {
            requireName(file, array.name(), "weight name in layer '" + layer + "'");
            if (!seen.add(array.name())) {
                throw new WeightFileException(file, "layer '" + layer + "' has two weights named '" + array.name() + "'");
            }
            weightNames.add(layer + "/" + array.name() + ":0");
        }
        putStrings(group, WEIGHT_NAMES, weightNames);
        WritableGroup datasets = group.putGroup(layer);
        for (WeightArray array : arrays) {
            Object values = WeightArrays.toJavaArray(file, "layer '" + layer + "' weight '" + array.name() + "'", array);
            datasets.putDataset(array.name() + ":0", values);
        }
    }

    private static void requireName(Path file, String name, String what) {
        if (name == null || name.isEmpty() || name.contains("/") || name.equals(".")) {
            throw new WeightFileException(file, "invalid " + what + ": '" + name + "'");
        }
    }

    /**
     * Writes a string list as one attribute, or split as Keras' {@code save_attributes_to_hdf5_group} splits it
     * when it would exceed {@value #ATTRIBUTE_LIMIT_BYTES} bytes: jHDF would otherwise write a corrupt object header.
     */
    private static void putStrings(WritableNode node, String name, List<String> values) {
        int chunks = 1;
        while (largestChunkBytes(values, chunks) > ATTRIBUTE_LIMIT_BYTES) {
            if (chunks == values.size()) {
                throw new IllegalArgumentException("a name in attribute '" + name + "' exceeds "
                        + ATTRIBUTE_LIMIT_BYTES + " bytes");
            }
            chunks++;
        }
        if (chunks == 1) {
            node.putAttribute(name, values.toArray(String[]::new));
            return;
        }
        for (int chunk = 0; chunk < chunks; chunk++) {
            node.putAttribute(name + chunk, chunk(values, chunks, chunk).toArray(String[]::new));
        }
    }

    /** Part {@code index} of {@code values} split into {@code chunks} parts as {@code numpy.array_split} does. */
    static List<String> chunk(List<String> values, int chunks, int index) {
        int base = values.size() / chunks;
        int extra = values.size() % chunks;
        int from = index * base + Math.min(index, extra);
        int to = from + base + (index < extra ? 1 : 0);
        return values.subList(from, to);
    }

    private static long largestChunkBytes(List<String> values, int chunks) {
        long largest = 0;
        for (int chunk = 0; chunk < chunks; chunk++) {
            List<String> part = chunk(values, chunks, chunk);
            // fixed-length strings: every element is as long as the longest, plus a terminating NUL
            int longest = part.stream().mapToInt(s -> s.getBytes(StandardCharsets.UTF_8).length).max().orElse(0);
            largest = Math.max(largest, (long) part.size() * (longest + 1));
        }
        return largest;
    }

    private static void deleteQuietly(Path temp, Exception failure) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            failure.addSuppressed(e); // the original failure matters more; keep this one attached
        }
    }
}
