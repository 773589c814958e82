package io.fer.examples;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.fer.core.Prediction;
import io.fer.core.Recognizer;
import io.fer.core.face.FaceBox;
import io.fer.core.face.FaceLandmarks;
import io.fer.core.image.UnreadableImageException;
import io.fer.train.internal.Printable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code fer predict [--model DIR] IMAGE…}: the expression of every face in each image, as a table or as JSON.
 *
 * <p>An image that cannot be read does not stop the others: it is reported in its row (or as {@code "error"} in
 * JSON) and on standard error, and the command exits with status 1 once every image has been tried. File names are
 * escaped in the table and on standard error ({@link Printable}) and written as they are, JSON-escaped, in JSON.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Recognise the expression of every face in images with a saved model.",
                "Unreadable images are reported and skipped; the exit status is then 1."})
final class PredictCommand implements Callable<Integer> {
    @ParentCommand
    FerCli cli;

    @Option(names = "--model", paramLabel = "DIR",
            description = "A model directory written by fer train, fer pretrain or fer demo. Default: fer's own "
                    + "pretrained model (fer-zoo: EfficientNet-B0 trained on FER2013).")
    Path model;

    @Option(names = "--json", defaultValue = "false",
            description = "Print JSON (per image, per face: box, landmarks, detector score, expression, confidence, "
                    + "all probabilities) "
                    + "instead of a table. Default: ${DEFAULT-VALUE}.")
    boolean json;

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Image files (PNG, JPEG, TIFF, BMP, GIF).")
    List<Path> images;

    /** One image's outcome: its faces, or why it could not be read. */
    record ImageResult(Path file, List<Prediction> faces, String error) {}

    @Override
    public Integer call() {
        List<ImageResult> results = new ArrayList<>();
        boolean detects;
        List<String> labels;
        if (model == null) {
            model = io.fer.core.internal.model.PretrainedModel.fer2013().modelDirectory();
        }
        try (Recognizer recognizer = Recognizer.load(model)) {
            detects = recognizer.cropSettings().detectFaces();
            labels = recognizer.labels();
            for (Path image : images) {
                try {
                    results.add(new ImageResult(image, recognizer.predictAll(image), null));
                } catch (UnreadableImageException e) {
                    results.add(new ImageResult(image, List.of(), e.getMessage()));
                } catch (RuntimeException e) {
                    // e.g. no face under the FAIL policy: this image's answer, not the end of the others
                    results.add(new ImageResult(image, List.of(), "Cannot predict " + image + ": "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
                }
            }
        }
        if (json) {
            cli.out().println(json(results, labels));
        } else {
            cli.out().print(table(results, detects));
        }
        cli.out().flush();
        long failed = results.stream().filter(r -> r.error() != null).count();
        for (ImageResult r : results) {
            if (r.error() != null) {
                cli.err().println("fer predict: " + Printable.escape(r.error()));
            }
        }
        cli.err().flush();
        return failed == 0 ? 0 : 1;
    }

    private String table(List<ImageResult> results, boolean detects) {
        Table table = new Table("image", "face (x,y w×h)", "expression", "confidence").left(1).left(2);
        for (ImageResult r : results) {
            if (r.error() != null) {
                table.row(r.file().toString(), "unreadable (the reason is on standard error)");
            } else if (r.faces().isEmpty()) {
                table.row(r.file().toString(), "no face found");
            }
            for (Prediction p : r.faces()) {
                table.row(r.file().toString(), describeFace(p, detects), p.label(),
                        String.format(Locale.ROOT, "%.3f", p.confidence()));
            }
        }
        return table.render();
    }

    private String json(List<ImageResult> results, List<String> labels) {
        JsonObject root = new JsonObject();
        root.addProperty("model", model.toAbsolutePath().normalize().toString());
        JsonArray labelArray = new JsonArray();
        labels.forEach(labelArray::add);
        root.add("labels", labelArray);
        JsonArray imageArray = new JsonArray();
        for (ImageResult r : results) {
            JsonObject image = new JsonObject();
            image.addProperty("file", r.file().toString());
            image.addProperty("error", r.error());
            JsonArray faces = new JsonArray();
            for (Prediction p : r.faces()) {
                JsonObject face = new JsonObject();
                FaceBox b = p.face();
                JsonObject box = new JsonObject();
                box.addProperty("x", b.x());
                box.addProperty("y", b.y());
                box.addProperty("width", b.width());
                box.addProperty("height", b.height());
                face.add("box", box);
                face.addProperty("face_detected", p.faceDetected());
                if (p.landmarks() != null) {
                    JsonObject landmarks = new JsonObject();
                    String[] names = {"right_eye", "left_eye", "nose", "right_mouth", "left_mouth"};
                    for (int i = 0; i < names.length; i++) {
                        FaceLandmarks.Point pt = p.landmarks().points().get(i);
                        JsonArray xy = new JsonArray();
                        xy.add(Math.round(pt.x() * 10) / 10.0);
                        xy.add(Math.round(pt.y() * 10) / 10.0);
                        landmarks.add(names[i], xy);
                    }
                    face.add("landmarks", landmarks);
                } else {
                    face.add("landmarks", null);
                }
                if (Float.isNaN(p.detectorScore())) {
                    face.add("detector_score", null);
                } else {
                    face.addProperty("detector_score", p.detectorScore());
                }
                face.addProperty("uncertain", p.uncertain());
                face.addProperty("expression", p.label());
                face.addProperty("confidence", finite(p.confidence()));
                JsonObject probabilities = new JsonObject();
                for (Map.Entry<String, Float> e : p.probabilities().entrySet()) {
                    probabilities.addProperty(e.getKey(), finite(e.getValue()));
                }
                face.add("probabilities", probabilities);
                faces.add(face);
            }
            image.add("faces", faces);
            imageArray.add(image);
        }
        root.add("images", imageArray);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(root);
    }

    /** JSON has no NaN or infinity: a broken model's such output is written as null, and the JSON stays valid. */
    private static Float finite(float v) {
        return Float.isFinite(v) ? v : null;
    }

    /**
     * A face box as {@code x,y w×h}, saying when no face was detected and the centre of the image stood in, or when
     * the model does not detect faces at all ({@code detects} false: it takes whole face crops).
     */
    static String describeFace(Prediction p, boolean detects) {
        FaceBox b = p.face();
        return b.x() + "," + b.y() + " " + b.width() + "×" + b.height() + (p.faceDetected() ? ""
                : detects ? " (no face found: centre)" : " (whole image)");
    }
}
