package io.fer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Help texts, defaults and usage errors: nothing here trains or loads TensorFlow. */
class CliUsageTest {

    @TempDir
    Path tmp;

    @Test
    void everyCommandIsListedInTheHelp() {
        Cli help = Cli.run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("demo", "train", "evaluate", "predict", "experiment", "dataset", "layers",
                "info");
    }

    @Test
    void everyOptionWithADefaultShowsItInTheHelp() {
        CommandLine root = new CommandLine(new FerCli(System.out, System.err));
        List<String> missing = new ArrayList<>();
        for (CommandLine sub : root.getSubcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            for (OptionSpec o : spec.options()) {
                if (o.defaultValue() != null && !o.usageHelp() && !o.versionHelp()
                        && !String.join(" ", o.description()).contains("Default: " + o.defaultValue())) {
                    missing.add(spec.name() + " " + o.longestName());
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void theTrainHelpShowsThePapersDefaults() {
        Cli help = Cli.run("train", "--help");
        assertThat(help.exitCode()).isZero();
        // the paper's recipe from pretrained weights; its CNN's (every layer, 50 epochs at 1e-3) from random ones
        assertThat(help.out().replaceAll("\\s+", " ")).contains("Default: b0", "auto is 50,50 from pretrained weights",
                "auto is 1e-3,1e-4 from pretrained weights", "Default: 32", "auto is -6 from pretrained weights",
                "0,50 from random initialisation", "Default: random:0.9", "Default: auto");
        Cli demo = Cli.run("demo", "--help");
        assertThat(demo.out()).contains("Default: fer-demo", "Default: cnn", "SYNTHETIC");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown option          | train --dataset synthetic --bogus                 | Unknown option: '--bogus'",
        "unknown backbone        | train --dataset synthetic --backbone b9           | Unknown backbone 'b9'",
        "bad protocol            | train --dataset synthetic --protocol kfold:3      | unknown protocol 'kfold'",
        "one epoch count         | train --dataset synthetic --epochs 50             | two numbers",
        "bad learning rate       | train --dataset synthetic --lr 1e-3,fast          | 'fast'",
        "unknown data set        | train --dataset mnist --data x                    | unknown data set 'mnist'",
        "missing --dataset       | train                                             | --dataset",
        "folder without --data   | train --dataset folder                            | --data DIR is required",
        "synthetic with --data   | train --dataset synthetic --data x                | drop --data",
        "layer not in backbone   | train --dataset synthetic --backbone cnn --freeze-until block7a_project_conv"
            + " | no layer named 'block7a_project_conv'",
        "index out of range      | train --dataset synthetic --backbone cnn --freeze-until -7 | out of range",
        "imagenet for the cnn    | train --dataset synthetic --backbone cnn --weights imagenet | no ImageNet weights",
        "efficientnet too small  | train --dataset synthetic --backbone b1 --weights none --input-size 16 | too small",
        "validation of 1         | train --dataset synthetic --validation 1          | --validation",
        "unknown table           | experiment table9 --dataset synthetic             | unknown table 'table9'",
        "table2 without phase 2  | experiment table2 --dataset synthetic --epochs 5,0 | both above 0",
        "table3 with the cnn     | experiment table3 --dataset synthetic --backbones b0,cnn | drop cnn",
        "auto among input sizes  | experiment table1 --dataset synthetic --input-sizes 64,auto | not auto",
        "predict without image   | predict --model m                                 | IMAGE",
        "dataset of unknown kind | dataset mnist somewhere                           | unknown data set 'mnist'",
    })
    void aUsageErrorExitsWith2AndOneLineThatSaysWhy(String what, String args, String reason) {
        Cli cli = Cli.run(args.trim().split("\\s+"));
        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(2);
        List<String> lines = cli.err().lines().toList();
        assertThat(lines).as(cli.toString()).hasSize(2);
        assertThat(lines.get(0)).startsWith("fer ").contains(reason);
        assertThat(lines.get(1)).contains("--help");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void aMissingDataFolderIsNamed() {
        Path missing = tmp.resolve("no-such-folder");
        Cli cli = Cli.run("train", "--dataset", "folder", "--data", missing.toString(), "--backbone", "cnn",
                "--crop-cache", tmp.resolve("crops").toString(), "--out", tmp.resolve("out").toString());
        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(1);
        assertThat(cli.err().strip()).startsWith("fer train: ").contains(missing.toString()).doesNotContain("\n");
        assertThat(tmp.resolve("out")).doesNotExist();

        Cli dataset = Cli.run("dataset", "jaffe", missing.toString());
        assertThat(dataset.exitCode()).isEqualTo(1);
        assertThat(dataset.err()).startsWith("fer dataset: ").contains(missing.toString());
    }
}
