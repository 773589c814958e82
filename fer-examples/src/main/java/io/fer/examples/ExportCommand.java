package io.fer.examples;

import io.fer.core.model.ModelForm;
import io.fer.train.ModelExport;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fer export --model DIR --out DIR [--forms ONNX] [--mirror-averaging true|false]}: copies a model directory with only some forms of its
 * network, e.g. an ONNX-only directory for applications that serve on ONNX Runtime without TensorFlow's natives.
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Copy a model directory with only some forms of its network (nothing is retrained).",
                "--forms ONNX writes model.onnx without saved_model/: served by ONNX Runtime, no TensorFlow needed."})
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The model directory to copy.")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "The new model directory (replaces only an empty folder or a fer model directory).")
    Path out;

    @Option(names = "--forms", split = ",", defaultValue = "ONNX", paramLabel = "FORM",
            description = "The forms to keep: ${COMPLETION-CANDIDATES} (comma-separated). Default: ${DEFAULT-VALUE}.")
    List<ModelForm> forms;

    @Option(names = "--mirror-averaging", paramLabel = "true|false", arity = "1",
            description = "Set the copy's mirror averaging: a Recognizer classifies each face with its left-right "
                    + "mirror image and averages the two (twice the network's work per face). Default: as the model.")
    Boolean mirrorAveraging;

    @Override
    public Integer call() {
        if (mirrorAveraging == null) {
            ModelExport.withForms(model, out, EnumSet.copyOf(forms));
        } else {
            ModelExport.withForms(model, out, EnumSet.copyOf(forms), mirrorAveraging);
        }
        spec.commandLine().getOut().println("Wrote " + out.toAbsolutePath().normalize() + " with " + forms);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
