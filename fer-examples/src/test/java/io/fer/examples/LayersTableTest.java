package io.fer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code fer layers bN} prints every layer of layers.tsv, same names, classes and order. */
class LayersTableTest {

    static Path reference() {
        return io.fer.testdata.KerasReferenceFiles.file("layers.tsv");
    }

    @ParameterizedTest
    @ValueSource(strings = {"b0", "b1", "b2", "b3", "b4", "b5", "b6", "b7"})
    void printsKerasLayersInOrder(String backbone) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stdout = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertThat(FerCli.run(stdout, new PrintStream(new ByteArrayOutputStream()), "layers", backbone)).isZero();
        String out = bytes.toString(StandardCharsets.UTF_8);

        Map<Integer, String[]> expected = new LinkedHashMap<>();
        for (String line : Files.readAllLines(reference())) {
            String[] f = line.split("\t", -1);
            if (f.length > 3 && f[0].equalsIgnoreCase(backbone)) {
                expected.putIfAbsent(Integer.parseInt(f[1]), new String[] {f[2], f[3]});
            }
        }
        List<String[]> printed = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 5 && f[0].matches("\\d+")) {
                printed.add(f);
            }
        }
        assertThat(printed).hasSize(expected.size());
        int i = 0;
        for (Map.Entry<Integer, String[]> e : expected.entrySet()) {
            String[] row = printed.get(i++);
            assertThat(Integer.parseInt(row[0])).isEqualTo(e.getKey());
            assertThat(Integer.parseInt(row[1])).isEqualTo(e.getKey() - expected.size());
            assertThat(row[2]).isEqualTo(e.getValue()[0]);
            assertThat(row[3]).isEqualTo(e.getValue()[1]);
        }
        assertThat(out).contains(backbone + ": " + expected.size() + " layers");
    }

    @org.junit.jupiter.api.Test
    void anUnknownBackboneIsAOneLineError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = FerCli.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true,
                StandardCharsets.UTF_8), "layers", "b9");
        assertThat(code).isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("b9").contains("b0");
    }
}
