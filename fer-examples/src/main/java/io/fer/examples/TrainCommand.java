package io.fer.examples;

import io.fer.models.Backbone;
import io.fer.train.ProtocolRun;
import io.fer.train.data.Dataset;
import io.fer.train.internal.run.RunFolder;
import io.fer.train.protocol.Protocol;
import io.fer.train.protocol.ProtocolSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code fer train}: the paper's two-phase transfer learning on a data set, under an evaluation protocol. One model
 * per fold is saved with its report; with several folds a pooled report follows. ImageNet weights are checked before
 * anything is loaded, cropped or built, so a missing file stops the command at once with the URL and the path.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train an expression classifier (two-phase transfer learning) and evaluate it under a "
                + "protocol; save the model(s) and write the reports.",
                "Protocols: random:FRACTION (the paper's 90/10 split), subject-kfold:K and loso (no person in both "
                        + "training and test), folders (DIR/train and DIR/test), cross:KIND:DIR (test on another "
                        + "data set)."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    FerCli cli;

    @Mixin
    DataOptions data;

    @Option(names = "--backbone", defaultValue = "b0", paramLabel = "b0..b7|cnn",
            converter = Converters.BackboneConverter.class,
            description = "The backbone: EfficientNet-B0..B7 or the paper's plain CNN. Default: ${DEFAULT-VALUE}.")
    Backbone backbone;

    @Option(names = "--input-size", defaultValue = "auto", paramLabel = "PIXELS",
            converter = Converters.InputSizeConverter.class,
            description = "Input size; auto is the backbone's own (224 for b0 and cnn … 600 for b7). "
                    + "Default: ${DEFAULT-VALUE}.")
    int inputSize;

    @Option(names = "--protocol", defaultValue = "random:0.9", paramLabel = "PROTOCOL",
            converter = Converters.ProtocolConverter.class,
            description = "random[:FRACTION], subject-kfold[:K], loso, folders or cross:KIND:DIR. "
                    + "Default: ${DEFAULT-VALUE}.")
    ProtocolSpec protocol;

    @Mixin
    TrainingOptions training;

    @Option(names = "--out", defaultValue = "fer-runs/train", paramLabel = "DIR",
            description = "Where models and reports go (a fold-NN folder per fold). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--quiet", defaultValue = "false", description = "No progress lines. Default: ${DEFAULT-VALUE}.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        data.check(spec);
        TrainingRecipe recipe = training.recipe(backbone, inputSize);
        try {
            recipe.checkArguments();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        recipe.checkWeightsAvailable();
        // before the data is read: refuse a user's folder now
        RunFolder.checkReplaceable(out.toAbsolutePath().normalize());
        Console console = new Console(cli, quiet);
        DataKind.Loaded loaded = data.kind.load(data.dir, protocol, training.seed);
        Dataset dataset = loaded.main();
        Protocol p = protocol.toProtocol(training.seed, loaded.second());
        Notes.dataNotes(dataset, console);
        Notes.protocolNote(protocol, dataset, console);
        Map<String, String> info = new LinkedHashMap<>();
        info.put("data", data.describe());
        info.putAll(recipe.describe());
        ProtocolRun.Outcome outcome = ProtocolSummary.run(dataset, p, recipe, out.toAbsolutePath().normalize(),
                backbone.label() + " on " + dataset.name(), info, console);
        ProtocolSummary.printSummary(outcome, console);
        return 0;
    }
}
