package io.fer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.fer.core.Recognizer;
import io.fer.core.internal.model.PretrainedModel;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fer's own model, shipped in fer-zoo: offline, on a real photograph, with no --model. */
class PretrainedModelCliTest {
    @TempDir
    Path tmp;

    private Path astronaut() throws Exception {
        Path photo = tmp.resolve("astronaut.jpg");
        try (InputStream in = DemoCommand.class.getResourceAsStream("astronaut-256.jpg")) {
            Files.copy(in, photo);
        }
        return photo;
    }

    @Test
    void theShippedModelIsFerTwentyThirteenB0AndItsCardHasTheEvaluation() throws Exception {
        PretrainedModel shipped = PretrainedModel.fer2013();
        assertThat(shipped.backboneWeights()).isRegularFile();
        assertThat(Files.readString(shipped.modelCard())).contains("FER2013", "PublicTest", "precision");
        try (Recognizer r = Recognizer.pretrained()) {
            assertThat(r.manifest().backbone()).isEqualTo("b0");
            assertThat(r.labels()).containsExactlyInAnyOrder("neutral", "anger", "disgust", "fear", "happy",
                    "sadness", "surprise");
            assertThat(r.cropSettings().detectFaces()).as("photographs are face-detected").isTrue();
        }
    }

    @Test
    void predictWithoutAModelUsesFersOwnOnARealPhotograph() throws Exception {
        Path photo = astronaut();
        Cli table = Cli.run("predict", photo.toString());
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains("astronaut.jpg");
        Cli json = Cli.run("predict", "--json", photo.toString());
        assertThat(json.exitCode()).isZero();
        JsonObject root = JsonParser.parseString(json.out()).getAsJsonObject();
        assertThat(root.get("labels").getAsJsonArray()).hasSize(7);
        var faces = root.get("images").getAsJsonArray().get(0).getAsJsonObject().get("faces").getAsJsonArray();
        assertThat(faces).as("the astronaut's face").hasSize(1);
        JsonObject face = faces.get(0).getAsJsonObject();
        assertThat(face.get("face_detected").getAsBoolean()).isTrue();
        assertThat(List.of("neutral", "anger", "disgust", "fear", "happy", "sadness", "surprise"))
                .contains(face.get("expression").getAsString());
    }
}
