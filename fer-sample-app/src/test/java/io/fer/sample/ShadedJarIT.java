package io.fer.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.fer.core.Expression;
import io.fer.core.internal.FerHome;
import io.fer.core.runtime.TensorFlowRuntime;
import io.fer.models.Backbone;
import io.fer.train.FerModel;
import io.fer.train.Weights;
import io.fer.train.augment.Augmentation;
import io.fer.train.data.Dataset;
import io.fer.train.data.synthetic.SyntheticFaces;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar that {@code mvn verify} builds runs on its own ({@code java -jar}) and predicts with a model
 * directory, and it reuses the natives that this plain-classpath JVM unpacked into the same FER_HOME.
 */
class ShadedJarIT {

    @TempDir
    static Path tmp;

    @Test
    void theFatJarLoadsTensorFlowAndPredictsReusingTheNativeCache() throws Exception {
        Path jar = Path.of(System.getProperty("fer.fatJar"));
        assertThat(jar).isRegularFile();
        Path model = trainTinyModel();
        List<Path> scenes = SyntheticFaces.writeImageFolder(SyntheticFaces.builder().identities(1).imagesPerClass(1)
                .classes(Expression.HAPPY).imageSize(96).scene(320, 240).seed(7).build(), tmp.resolve("scenes"));
        Map<Path, FileTime> natives = nativeFiles();
        assertThat(natives).as("natives unpacked by this JVM").isNotEmpty();

        String out = runFatJar(jar, model, scenes.get(0), tmp.resolve("not-an-image.png"));

        assertThat(out).doesNotContain("Deep learning engine not found").contains("TensorFlow 2.16")
                .contains(scenes.get(0).toString()).contains("not-an-image.png: ");
        assertThat(out.lines().filter(l -> l.startsWith(scenes.get(0).toString())))
                .singleElement().asString().matches(".* (happy|sadness) \\d\\.\\d\\d at .*|.* no face");
        assertThat(out).as("the fat jar unpacks nothing new").doesNotContain("unpacked");
        assertThat(nativeFiles()).as("and rewrites nothing").isEqualTo(natives);
    }

    /** A plain CNN on 48 px synthetic faces, one epoch a phase: enough to have a model directory to load. */
    private static Path trainTinyModel() {
        Dataset faces = SyntheticFaces.builder().identities(2).imagesPerClass(2).imageSize(48)
                .classes(Expression.HAPPY, Expression.SADNESS).seed(3).build();
        Path dir = tmp.resolve("model");
        try (FerModel model = FerModel.builder().backbone(Backbone.CNN).weights(Weights.none()).inputSize(48)
                .featureExtraction(1, 1e-3).fineTuning(0, 1e-4).batchSize(4).augmentation(Augmentation.none())
                .cropCache(null).quiet().fit(faces)) {
            model.save(dir);
        }
        TensorFlowRuntime.ensureLoaded();
        return dir;
    }

    /** Every file under the JavaCPP cache folder with its modification time. */
    private static Map<Path, FileTime> nativeFiles() throws IOException {
        Map<Path, FileTime> files = new HashMap<>();
        try (Stream<Path> all = Files.walk(Path.of(System.getProperty("org.bytedeco.javacpp.cachedir")))) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(p, Files.getLastModifiedTime(p));
            }
        }
        return files;
    }

    private static String runFatJar(Path jar, Path model, Path... images) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dfer.home=" + FerHome.path(), "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-Dorg.slf4j.simpleLogger.log.ai.djl=error", "-jar", jar.toString(), model.toString()));
        for (Path image : images) {
            command.add(image.toString());
        }
        Files.writeString(images[images.length - 1], "not a PNG");
        File log = tmp.resolve("fat-jar.txt").toFile();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the fat jar did not finish in 300 s");
        }
        String out = Files.readString(log.toPath(), StandardCharsets.UTF_8);
        System.out.println("--- java -jar " + jar.getFileName() + "\n" + out); // kept in the failsafe report
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
