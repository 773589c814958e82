package io.fer.examples;

import io.fer.core.Recognizer;
import io.fer.train.Evaluation;
import io.fer.train.RecognizerEvaluation;
import io.fer.train.data.Dataset;
import io.fer.train.eval.EvaluationReport;
import io.fer.train.internal.StagedFolder;
import io.fer.train.internal.run.RunFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code fer evaluate --model DIR --dataset KIND --data DIR}: runs a saved model over a whole labelled data set
 * through {@link Recognizer} (as an application would) and writes and prints the report.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a saved model on every image of a labelled data set; write the report files and "
                + "print the classification report.",
                "Images the model was trained on make the figures optimistic: evaluate on data it has not seen."})
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    FerCli cli;

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "A model directory written by fer train or fer demo.")
    Path model;

    @Mixin
    DataOptions data;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Seed of --dataset synthetic. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--crop-cache", paramLabel = "DIR",
            defaultValue = "${sys:fer.home:-${env:FER_HOME:-${sys:user.home}/.fer}}/crops",
            description = "Where face crops of image files are cached between runs. Default: ${DEFAULT-VALUE}.")
    Path cropCache;

    @Option(names = "--out", defaultValue = "fer-runs/evaluate", paramLabel = "DIR",
            description = "Where the report files go. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--quiet", defaultValue = "false", description = "No progress lines. Default: ${DEFAULT-VALUE}.")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        data.check(spec);
        Path dir = out.toAbsolutePath().normalize();
        RunFolder.checkReplaceable(dir); // nothing is created until the report is written
        Console console = new Console(cli, quiet);
        try (Recognizer recognizer = Recognizer.load(model)) {
            Dataset dataset = data.kind.load(data.dir, seed);
            Notes.dataNotes(dataset, console);
            console.step("Evaluating %s (%s, %d px) on %d images ...", model, recognizer.manifest().backbone(),
                    recognizer.manifest().inputSize(), dataset.samples().size());
            Evaluation evaluation = RecognizerEvaluation.evaluate(recognizer, dataset, cropCache,
                    (done, total) -> console.step("  %d of %d images", done, total));
            EvaluationReport report = evaluation.report()
                    .title(recognizer.manifest().backbone() + " model on " + dataset.name())
                    .info("model", model.toAbsolutePath().normalize().toString())
                    .info("data", data.describe())
                    .info("skipped", evaluation.skipped().size() + " image(s) unreadable or without a face")
                    .build();
            // the report files replace an earlier evaluation's together or not at all
            try (StagedFolder staged = RunFolder.begin(dir)) {
                report.writeTo(staged.path());
                staged.commit();
            } catch (IOException e) {
                throw RunFolder.abandoned(dir, e);
            }
            Notes.skippedSamples("fer evaluate", evaluation.skipped(), console);
            console.out().print(report.classificationReport());
            console.say("Accuracy %s on %d images (%d skipped: unreadable or without a face). Report in %s",
                    ProtocolSummary.percent(evaluation.accuracy()), evaluation.matrix().total(),
                    evaluation.skipped().size(), dir);
        }
        return 0;
    }
}
