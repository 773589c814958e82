package io.fer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.fer.models.Backbone;
import io.fer.train.Weights;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The recipe's auto defaults follow the starting weights: the paper's two phases, or its CNN's whole-network run. */
class TrainingDefaultsTest {

    private static TrainingRecipe recipe(Backbone backbone, String... args) {
        CommandLine root = new CommandLine(new FerCli(System.out, System.err));
        String[] all = new String[args.length + 3];
        all[0] = "train";
        all[1] = "--dataset";
        all[2] = "synthetic";
        System.arraycopy(args, 0, all, 3, args.length);
        root.parseArgs(all);
        TrainCommand train = root.getSubcommands().get("train").getCommand();
        return train.training.recipe(backbone, 0);
    }

    @Test
    void fromRandomInitialisationEveryLayerTrainsFiftyEpochsAtOneInAThousand() {
        TrainingRecipe cnn = recipe(Backbone.CNN);
        assertThat(cnn.weights()).isEqualTo(Weights.none());
        assertThat(cnn.epochs()).isEqualTo(new Converters.Epochs(0, 50));
        assertThat(cnn.learningRates()).isEqualTo(new Converters.LearningRates(1e-3, 1e-3));
        assertThat(cnn.freezeUntil()).isEqualTo("0");
        assertThat(cnn.trainBatchNorm()).isTrue();
        TrainingRecipe b0 = recipe(Backbone.B0, "--weights", "none");
        assertThat(b0.epochs()).isEqualTo(new Converters.Epochs(0, 50));
        assertThat(b0.trainBatchNorm()).isTrue();
    }

    @Test
    void fromPretrainedWeightsThePapersTwoPhasesRun() {
        TrainingRecipe b0 = recipe(Backbone.B0);
        assertThat(b0.weights()).isEqualTo(Weights.imagenet());
        assertThat(b0.epochs()).isEqualTo(new Converters.Epochs(50, 50));
        assertThat(b0.learningRates()).isEqualTo(new Converters.LearningRates(1e-3, 1e-4));
        assertThat(b0.freezeUntil()).isEqualTo("-6");
        assertThat(b0.trainBatchNorm()).isFalse();
        assertThat(recipe(Backbone.B0, "--weights", "fer2013").epochs()).isEqualTo(new Converters.Epochs(50, 50));
    }

    @Test
    void givenValuesWin() {
        TrainingRecipe r = recipe(Backbone.CNN, "--epochs", "5,7", "--lr", "1e-2,1e-4", "--freeze-until", "-2");
        assertThat(r.epochs()).isEqualTo(new Converters.Epochs(5, 7));
        assertThat(r.learningRates()).isEqualTo(new Converters.LearningRates(1e-2, 1e-4));
        assertThat(r.freezeUntil()).isEqualTo("-2");
        assertThat(r.trainBatchNorm()).isFalse();
    }

    @Test
    void thePapersTable1AndTable3FiguresAreThere() {
        DataKind ck = DataKind.parse("ckplus");
        DataKind jaffe = DataKind.parse("jaffe");
        assertThat(PaperFigures.cnnAccuracy(ck, 48)).contains(0.9545);
        assertThat(PaperFigures.cnnAccuracy(ck, 360)).contains(0.5758);
        assertThat(PaperFigures.cnnAccuracy(jaffe, 128)).contains(0.9167);
        assertThat(PaperFigures.cnnAccuracy(jaffe, 64)).isEmpty();
        assertThat(PaperFigures.efficientNetAccuracy(jaffe, "b5")).contains(1.0);
        assertThat(PaperFigures.efficientNetAccuracy(ck, "b3")).contains(0.9545);
        assertThat(PaperFigures.efficientNetAccuracy(ck, "b4")).isEmpty();
        assertThat(PaperFigures.efficientNetAccuracy(ck, "b0")).contains(0.9957);
    }
}
