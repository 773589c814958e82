package io.fer.models.internal.keras;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fer.models.WeightFileException;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.WritableGroup;
import io.jhdf.object.datatype.FixedPoint;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KerasWeightsFileTest {
    private static KerasWeights fixture;

    @TempDir
    Path temp;

    @BeforeAll
    static void readFixture() {
        fixture = KerasWeightsFile.read(KerasReference.b0Fixture());
    }

    @Test
    void readsEveryLayerInKerasOrder() {
        List<String> expected = KerasReference.layers("B0").stream().map(LayerSpec::name).toList();
        assertThat(fixture.layerNames()).hasSize(238).containsExactlyElementsOf(expected);
        assertThat(fixture.layerNames().get(0)).isEqualTo("input_layer");
        assertThat(KerasWeightsFile.layerNames(KerasReference.b0Fixture())).isEqualTo(fixture.layerNames());
    }

    @Test
    void readsShapesTypesAndShortNames() {
        WeightArray kernel = weight(fixture, "stem_conv", "kernel");
        assertThat(kernel.shape()).containsExactly(3, 3, 3, 32);
        assertThat(kernel.floats()).hasSize(3 * 3 * 3 * 32);
        assertThat(kernel.longs()).isNull();

        assertThat(fixture.layer("stem_bn").orElseThrow()).extracting(WeightArray::name)
                .containsExactly("gamma", "beta", "moving_mean", "moving_variance");
        assertThat(fixture.layer("normalization").orElseThrow()).extracting(WeightArray::name)
                .containsExactly("mean", "variance", "count");
        WeightArray count = weight(fixture, "normalization", "count");
        assertThat(count.shape()).isEmpty();
        assertThat(count.longs()).hasSize(1);
        assertThat(count.floats()).isNull();
        assertThat(count.spec().int64()).isTrue();
        assertThat(weight(fixture, "normalization", "mean").floats()).hasSize(3);
        assertThat(fixture.layer("rescaling")).contains(List.of());
    }

    @Test
    void holdsKerasParameterCount() {
        long total = fixture.asMap().values().stream().flatMap(List::stream)
                .mapToLong(w -> w.floats() != null ? w.floats().length : w.longs().length).sum();
        assertThat(total).isEqualTo(Long.parseLong(KerasReference.summary("B0", "total_params")));
    }

    @Test
    void valuesAreRowMajorAsJhdfReadsThem() {
        float[] flat = weight(fixture, "stem_conv", "kernel").floats();
        float[] depthwise = weight(fixture, "block1a_dwconv", "depthwise_kernel").floats();
        try (HdfFile hdf = new HdfFile(KerasReference.b0Fixture())) {
            float[][][][] nested = (float[][][][]) hdf.getDatasetByPath("/stem_conv/stem_conv/kernel:0").getData();
            for (int h = 0; h < 3; h++) {
                for (int w = 0; w < 3; w++) {
                    for (int c = 0; c < 3; c++) {
                        for (int o = 0; o < 32; o++) {
                            assertThat(flat[((h * 3 + w) * 3 + c) * 32 + o]).isEqualTo(nested[h][w][c][o]);
                        }
                    }
                }
            }
            float[][][][] dw = (float[][][][]) hdf.getDatasetByPath(
                    "/block1a_dwconv/block1a_dwconv/depthwise_kernel:0").getData();
            assertThat(depthwise[(2 * 3 + 1) * 32 + 17]).isEqualTo(dw[2][1][17][0]);
            assertThat(weight(fixture, "top_bn", "moving_variance").floats()[1279]).isEqualTo(
                    ((float[]) hdf.getDatasetByPath("/top_bn/top_bn/moving_variance:0").getData())[1279]);
            assertThat(weight(fixture, "normalization", "count").longs()[0])
                    .isEqualTo(hdf.getDatasetByPath("/normalization/normalization/count:0").getData());
        }
        assertThat(flat).as("random values, not a constant fill").doesNotHaveDuplicates();
    }

    @Test
    void writtenFileReadsBackIdentically() throws IOException {
        Path out = temp.resolve("sub/dir/roundtrip.h5");
        KerasWeightsFile.write(out, fixture);
        KerasWeights back = KerasWeightsFile.read(out);

        assertThat(back.layerNames()).isEqualTo(fixture.layerNames());
        for (String layer : fixture.layerNames()) {
            assertSameWeights(layer, back.layer(layer).orElseThrow(), fixture.layer(layer).orElseThrow());
        }
        try (Stream<Path> files = Files.list(out.getParent())) {
            assertThat(files).containsExactly(out);
        }
    }

    @Test
    void writtenFileHasKerasLayout() {
        Path out = temp.resolve("layout.h5");
        KerasWeightsFile.write(out, fixture);
        try (HdfFile hdf = new HdfFile(out)) {
            assertThat(hdf.getAttribute("backend").getData()).isEqualTo("tensorflow");
            assertThat(hdf.getAttribute("keras_version").getData()).isEqualTo(KerasWeightsFile.DEFAULT_KERAS_VERSION);
            assertThat((String[]) hdf.getAttribute("layer_names").getData()).hasSize(238);
            Group stemConv = (Group) hdf.getChild("stem_conv");
            assertThat((String[]) stemConv.getAttribute("weight_names").getData())
                    .containsExactly("stem_conv/kernel:0");
            assertThat(hdf.getDatasetByPath("/stem_conv/stem_conv/kernel:0").getDimensions())
                    .containsExactly(3, 3, 3, 32);
            Dataset count = hdf.getDatasetByPath("/normalization/normalization/count:0");
            assertThat(count.isScalar()).isTrue();
            assertThat(count.getDataType()).isInstanceOfSatisfying(FixedPoint.class,
                    t -> assertThat(t.getSize() == 8 && t.isSigned()).isTrue());
            // jHDF cannot write empty attributes: a weightless layer is a group without weight_names
            assertThat(hdf.getChild("rescaling")).isInstanceOf(Group.class);
            assertThat(hdf.getChild("rescaling").getAttributes()).doesNotContainKey("weight_names");
        }
    }

    @Test
    void overwritingReplacesTheWholeFile() {
        Path out = temp.resolve("w.h5");
        KerasWeightsFile.write(out, fixture);
        KerasWeights small = new KerasWeights()
                .put("input_layer", List.of())
                .put("dense", List.of(WeightArray.ofFloats("kernel", new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6}),
                        WeightArray.ofFloats("bias", new long[] {3}, new float[] {7, 8, 9})));
        KerasWeightsFile.write(out, small, "2.4.0");

        KerasWeights back = KerasWeightsFile.read(out);
        assertThat(back.layerNames()).containsExactly("input_layer", "dense");
        assertSameWeights("dense", back.layer("dense").orElseThrow(), small.layer("dense").orElseThrow());
        try (HdfFile hdf = new HdfFile(out)) {
            assertThat(hdf.getAttribute("keras_version").getData()).isEqualTo("2.4.0");
            float[][] kernel = (float[][]) hdf.getDatasetByPath("/dense/dense/kernel:0").getData();
            assertThat(kernel[1]).containsExactly(4, 5, 6);
        }
    }

    @Test
    void weightlessLayersBetweenWeightedOnesSurvive() {
        // jHDF's own WritableHdfFile.close() corrupts such files: its trailer overwrites the object after the last dataset
        KerasWeights mixed = new KerasWeights();
        for (int i = 0; i < 60; i++) {
            mixed.put("layer" + i, i % 3 != 1 ? List.of()
                    : List.of(WeightArray.ofFloats("bias", new long[] {2}, new float[] {i, -i})));
        }
        Path out = temp.resolve("mixed.h5");
        KerasWeightsFile.write(out, mixed);
        KerasWeights back = KerasWeightsFile.read(out);
        assertThat(back.layerNames()).isEqualTo(mixed.layerNames());
        for (String layer : mixed.layerNames()) {
            assertSameWeights(layer, back.layer(layer).orElseThrow(), mixed.layer(layer).orElseThrow());
        }
    }

    @Test
    void longLayerListsAreSplitAsKerasSplitsThem() {
        KerasWeights many = new KerasWeights();
        for (int i = 0; i < 3000; i++) {
            many.put(String.format("a_layer_with_a_rather_long_name_%05d", i), List.of());
        }
        many.put("last", List.of(WeightArray.ofFloats("bias", new long[] {1}, new float[] {0.5f})));
        Path out = temp.resolve("many.h5");
        KerasWeightsFile.write(out, many);

        assertThat(KerasWeightsFile.read(out).layerNames()).isEqualTo(many.layerNames());
        try (HdfFile hdf = new HdfFile(out)) {
            // 3001 names of 36 bytes do not fit one 64 KiB attribute: jHDF would write a corrupt header
            assertThat(hdf.getAttributes()).containsKeys("layer_names0", "layer_names1").doesNotContainKey("layer_names");
        }
    }

    @Test
    void chunksAreSplitLikeNumpyArraySplit() {
        List<String> ten = Stream.of("0123456789".split("")).toList();
        assertThat(KerasWeightsFile.chunk(ten, 3, 0)).containsExactly("0", "1", "2", "3");
        assertThat(KerasWeightsFile.chunk(ten, 3, 1)).containsExactly("4", "5", "6");
        assertThat(KerasWeightsFile.chunk(ten, 3, 2)).containsExactly("7", "8", "9");
    }

    @Test
    void failedWriteLeavesTheExistingFileIntact() throws IOException {
        Path out = temp.resolve("precious.h5");
        Files.writeString(out, "the previous weights");
        KerasWeights broken = new KerasWeights()
                .put("fine", List.of(WeightArray.ofFloats("kernel", new long[] {2}, new float[] {1, 2})))
                .put("broken", List.of(WeightArray.ofFloats("kernel", new long[] {2, 2}, new float[3])));

        assertThatThrownBy(() -> KerasWeightsFile.write(out, broken))
                .isInstanceOf(WeightFileException.class)
                .hasMessageContaining(out.toString())
                .hasMessageContaining("layer 'broken' weight 'kernel'")
                .hasMessageContaining("holds 3 values but its shape 2x2 needs 4");
        assertThat(Files.readString(out)).isEqualTo("the previous weights");
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files).as("no temporary file left behind").containsExactly(out);
        }
    }

    @Test
    void aWriteThatFailsAfterTheTemporaryFileLeavesNoneBehind() throws IOException {
        // the file is complete but cannot replace a non-empty folder of that name
        Path out = temp.resolve("taken.h5");
        Files.createDirectories(out);
        Files.writeString(out.resolve("inside.txt"), "keep me");

        assertThatThrownBy(() -> KerasWeightsFile.write(out, fixture))
                .isInstanceOf(WeightFileException.class)
                .hasMessageStartingWith(out + ": could not be written");
        assertThat(Files.readString(out.resolve("inside.txt"))).isEqualTo("keep me");
        try (Stream<Path> files = Files.list(temp)) {
            assertThat(files).containsExactly(out);
        }
    }

    @Test
    void refusesToWriteNothing() {
        assertThatThrownBy(() -> KerasWeightsFile.write(temp.resolve("empty.h5"), new KerasWeights()))
                .isInstanceOf(WeightFileException.class).hasMessageContaining("no layers");
        assertThat(temp.resolve("empty.h5")).doesNotExist();
    }

    @Test
    void rejectsAMissingFile() {
        Path missing = temp.resolve("nope.h5");
        assertThatThrownBy(() -> KerasWeightsFile.read(missing))
                .isInstanceOf(WeightFileException.class).hasMessage(missing + ": no such file");
    }

    @Test
    void rejectsAFileThatIsNotHdf5() throws IOException {
        Path text = temp.resolve("weights.h5");
        Files.writeString(text, "layer_names: stem_conv\nthis is not HDF5\n");
        assertThatThrownBy(() -> KerasWeightsFile.read(text))
                .isInstanceOf(WeightFileException.class)
                .hasMessageStartingWith(text.toString())
                .hasMessageContaining("not an HDF5 file");
    }

    @Test
    void rejectsAFileCutInTheMiddle() throws IOException {
        Path cut = copyPrefix(8_000_000);
        assertThatThrownBy(() -> KerasWeightsFile.read(cut))
                .isInstanceOf(WeightFileException.class)
                .hasMessageStartingWith(cut.toString())
                .hasMessageContaining("truncated")
                .hasMessageContaining("16699624");
    }

    @Test
    void rejectsAFileMissingOnlyItsLastBytes() throws IOException {
        // jHDF itself reads this file without complaint
        Path cut = copyPrefix(Files.size(KerasReference.b0Fixture()) - 100);
        assertThatThrownBy(() -> KerasWeightsFile.read(cut))
                .isInstanceOf(WeightFileException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> KerasWeightsFile.layerNames(cut))
                .isInstanceOf(WeightFileException.class).hasMessageContaining("truncated");
    }

    @Test
    void rejectsAFileWithoutLayerNames() {
        Path file = hdf5("plain.h5", hdf -> hdf.putGroup("stem_conv").putDataset("kernel:0", new float[] {1}));
        assertThatThrownBy(() -> KerasWeightsFile.read(file))
                .isInstanceOf(WeightFileException.class)
                .hasMessage(file + ": no root attribute 'layer_names': not a Keras weights file");
    }

    @Test
    void rejectsAMissingLayerGroup() {
        Path file = hdf5("nolayer.h5", hdf -> {
            hdf.putAttribute("layer_names", new String[] {"input_layer", "stem_conv"});
            hdf.putGroup("input_layer");
        });
        assertThatThrownBy(() -> KerasWeightsFile.read(file))
                .isInstanceOf(WeightFileException.class)
                .hasMessage(file + ": layer 'stem_conv' is listed in 'layer_names' but group /stem_conv is missing");
    }

    @Test
    void rejectsAMissingDataset() {
        Path file = hdf5("nodataset.h5", hdf -> {
            hdf.putAttribute("layer_names", new String[] {"conv"});
            WritableGroup conv = hdf.putGroup("conv");
            conv.putAttribute("weight_names", new String[] {"conv/kernel:0", "conv/bias:0"});
            conv.putGroup("conv").putDataset("kernel:0", new float[][] {{1, 2}});
        });
        assertThatThrownBy(() -> KerasWeightsFile.read(file))
                .isInstanceOf(WeightFileException.class)
                .hasMessage(file + ": layer 'conv' weight 'bias' (/conv/conv/bias:0): dataset missing");
    }

    @Test
    void rejectsAnUnsupportedDataType() {
        Path file = hdf5("float64.h5", hdf -> {
            hdf.putAttribute("layer_names", new String[] {"conv"});
            WritableGroup conv = hdf.putGroup("conv");
            conv.putAttribute("weight_names", new String[] {"conv/kernel:0"});
            conv.putGroup("conv").putDataset("kernel:0", new double[] {1, 2});
        });
        assertThatThrownBy(() -> KerasWeightsFile.read(file))
                .isInstanceOf(WeightFileException.class)
                .hasMessage(file + ": layer 'conv' weight 'kernel' (/conv/conv/kernel:0) has data type float64;"
                        + " only float32 and int64 are supported");
    }

    @Test
    void readsTheWeightsOfAFullModelFile() {
        // model.save("x.h5") keeps the same layout under /model_weights
        Path file = hdf5("model.h5", hdf -> {
            WritableGroup weights = hdf.putGroup("model_weights");
            weights.putAttribute("layer_names", new String[] {"dense"});
            WritableGroup dense = weights.putGroup("dense");
            dense.putAttribute("weight_names", new String[] {"dense/bias:0"});
            dense.putGroup("dense").putDataset("bias:0", new float[] {3, 4});
        });
        KerasWeights read = KerasWeightsFile.read(file);
        assertThat(read.layerNames()).containsExactly("dense");
        assertThat(weight(read, "dense", "bias").floats()).containsExactly(3, 4);
    }

    @Test
    void shortNamesDropLayerPrefixAndTensorIndex() {
        assertThat(KerasWeightsFile.shortName("stem_conv/kernel:0")).isEqualTo("kernel");
        assertThat(KerasWeightsFile.shortName("block1a_se_reduce/bias:0")).isEqualTo("bias");
        assertThat(KerasWeightsFile.shortName("count")).isEqualTo("count");
    }

    // ---------------------------------------------------------------- helpers

    static WeightArray weight(KerasWeights weights, String layer, String name) {
        return weights.layer(layer).orElseThrow().stream().filter(w -> w.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no weight " + layer + "/" + name));
    }

    private static void assertSameWeights(String layer, List<WeightArray> actual, List<WeightArray> expected) {
        assertThat(actual).as(layer).extracting(WeightArray::name)
                .containsExactlyElementsOf(expected.stream().map(WeightArray::name).toList());
        for (int i = 0; i < expected.size(); i++) {
            WeightArray a = actual.get(i);
            WeightArray e = expected.get(i);
            String what = layer + "/" + e.name();
            assertThat(a.shape()).as(what).containsExactly(e.shape());
            assertThat(a.floats()).as(what).isEqualTo(e.floats());
            assertThat(a.longs()).as(what).isEqualTo(e.longs());
        }
    }

    private Path copyPrefix(long bytes) throws IOException {
        Path cut = temp.resolve("cut.h5");
        try (InputStream in = Files.newInputStream(KerasReference.b0Fixture())) {
            Files.write(cut, in.readNBytes((int) bytes));
        }
        return cut;
    }

    private interface HdfContent {
        void fill(WritableHdfFile hdf);
    }

    private Path hdf5(String name, HdfContent content) {
        Path file = temp.resolve(name);
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            content.fill(hdf);
        }
        return file;
    }
}
