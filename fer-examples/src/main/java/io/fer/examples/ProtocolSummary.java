package io.fer.examples;

import io.fer.train.ProtocolRun;
import io.fer.train.ProtocolRun.FoldOutcome;
import io.fer.train.ProtocolRun.Outcome;
import io.fer.train.data.Dataset;
import io.fer.train.eval.FoldResults;
import io.fer.train.protocol.Fold;
import io.fer.train.protocol.Protocol;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command line's side of a {@link ProtocolRun}: its progress lines, the skipped samples of each fold, and the
 * per-fold table printed at the end.
 */
final class ProtocolSummary {
    private ProtocolSummary() {}

    /** Runs {@code recipe} on every fold of {@code protocol} (see {@link ProtocolRun#run}), telling the console. */
    static Outcome run(Dataset data, Protocol protocol, TrainingRecipe recipe, Path out, String title,
            Map<String, String> info, Console console) throws IOException {
        ProtocolRun.Listener listener = new ProtocolRun.Listener() {
            @Override
            public void started(List<Fold> folds) {
                boolean several = folds.size() > 1;
                console.step("%s on %s: %s, %d fold%s", recipe.backbone().label(), data.name(),
                        protocol.description(), folds.size(), several ? "s" : "");
            }

            @Override
            public void foldStarted(Fold fold, int index) {
                console.step("%s: training on %d images, testing on %d", fold.name(), fold.train().samples().size(),
                        fold.test().samples().size());
            }

            @Override
            public void foldFinished(FoldOutcome fold) {
                Notes.skippedSamples(fold.name() + " training", fold.history().skipped(), console);
                Notes.skippedSamples(fold.name() + " test", fold.evaluation().skipped(), console);
                console.step("%s: accuracy %.2f %% on %d test images (%.0f s)", fold.name(),
                        100 * fold.evaluation().accuracy(), fold.testImages(), fold.history().seconds());
            }
        };
        return ProtocolRun.run(data, protocol, () -> recipe.builder(console.progress()), out, title, info, listener);
    }

    /** Prints the per-fold table, mean ± standard deviation and pooled figures. */
    static void printSummary(Outcome outcome, Console console) {
        Table table = new Table("fold", "train", "test", "accuracy", "macro F1", "seconds");
        for (FoldOutcome f : outcome.folds()) {
            table.row(f.name(), Integer.toString(f.history().trainImages()), Long.toString(f.testImages()),
                    percent(f.evaluation().accuracy()), decimal(f.evaluation().metrics().macroF1()),
                    String.format(Locale.ROOT, "%.0f", f.history().seconds()));
        }
        if (outcome.folds().size() > 1) {
            FoldResults.MeanStd acc = outcome.results().accuracy();
            FoldResults.MeanStd f1 = outcome.results().macroF1();
            table.row("mean ± std", "", "", String.format(Locale.ROOT, "%.2f ± %.2f %%", 100 * acc.mean(),
                    100 * acc.std()), decimal(f1.mean()) + " ± " + decimal(f1.std()), "");
            table.row("pooled", "", Long.toString(outcome.pooled().total()), percent(outcome.pooledAccuracy()),
                    decimal(outcome.pooled().metrics().macroF1()), "");
        }
        console.say("Protocol: %s", outcome.protocol());
        console.out().print(table.render());
        console.say("Reports and model%s in %s", outcome.folds().size() > 1 ? "s" : "",
                outcome.folder().toAbsolutePath().normalize());
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
    }

    static String decimal(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
