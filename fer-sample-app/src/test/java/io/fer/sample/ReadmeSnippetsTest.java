package io.fer.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * README.md's Java compiles: every {@code java} block is a compiled example source, quoted verbatim from its first
 * {@code import} to its end; and the shade configuration README shows is the one this module's build uses.
 */
class ReadmeSnippetsTest {
    /** The example sources README quotes, relative to the repository root. */
    static final List<String> EXAMPLES = List.of(
            "fer-sample-app/src/main/java/io/fer/sample/RecognizeExpressions.java",
            "fer-examples/src/main/java/io/fer/examples/snippets/TrainOnJaffe.java",
            "fer-examples/src/main/java/io/fer/examples/snippets/CrossValidateOnJaffe.java",
            "fer-examples/src/main/java/io/fer/examples/snippets/RecognizeWithFersModel.java",
            "fer-examples/src/main/java/io/fer/examples/snippets/FineTuneFromFer2013.java",
            "fer-examples/src/main/java/io/fer/examples/snippets/WatchVideo.java",
            "fer-examples/src/main/java/io/fer/examples/snippets/ChooseEngine.java",
            "fer-examples/src/main/java/io/fer/examples/snippets/RecognizeWithDjl.java");

    static Path root;
    static String readme;

    @BeforeAll
    static void readReadme() throws IOException {
        root = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(root.resolve("README.md")) || !Files.isDirectory(root.resolve("fer-core"))) {
            root = root.getParent();
        }
        readme = Files.readString(root.resolve("README.md"));
    }

    @Test
    void everyJavaBlockIsAnExampleSourceVerbatim() throws IOException {
        List<String> blocks = blocks("java");
        List<String> sources = new ArrayList<>();
        for (String example : EXAMPLES) {
            String text = Files.readString(root.resolve(example));
            sources.add(text.substring(text.indexOf("import ")).strip());
        }
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(EXAMPLES.size());
        for (String block : blocks) {
            assertThat(sources).as("README block not quoted from %s:%n%s", EXAMPLES, block).contains(block.strip());
        }
        assertThat(blocks.stream().map(String::strip)).containsAll(sources);
    }

    @Test
    void theShadeConfigurationShownIsTheOneBuilt() throws IOException {
        String pom = dedent(Files.readString(root.resolve("fer-sample-app/pom.xml")));
        List<String> shade = blocks("xml").stream().filter(b -> b.contains("maven-shade-plugin")).toList();
        assertThat(shade).hasSize(1);
        assertThat(pom).contains(dedent(shade.get(0)).strip());
    }

    private static List<String> blocks(String language) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** Every line without its leading blanks, so that indentation does not matter. */
    private static String dedent(String text) {
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n")) {
            b.append(line.strip()).append('\n');
        }
        return b.toString();
    }
}
