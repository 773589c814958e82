package io.fer.examples;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --dataset KIND --data DIR}: which data set to read, from where. */
final class DataOptions {
    @Option(names = "--dataset", required = true, paramLabel = "KIND", converter = DataKind.Converter.class,
            description = "The data set's kind: " + DataKind.NAMES + " (synthetic: generated faces, no --data).")
    DataKind kind;

    @Option(names = "--data", paramLabel = "DIR",
            description = "The data set's folder (required except for synthetic).")
    Path dir;

    /** Checks that {@code --data} is given exactly when the kind needs it (a usage error otherwise). */
    void check(CommandSpec spec) {
        if (!kind.synthetic() && dir == null) {
            throw new ParameterException(spec.commandLine(), "--data DIR is required with --dataset " + kind.name());
        }
        if (kind.synthetic() && dir != null) {
            throw new ParameterException(spec.commandLine(), "--dataset synthetic generates its faces; drop --data "
                    + dir);
        }
    }

    /** How reports name the data. */
    String describe() {
        return kind.synthetic() ? "synthetic (procedurally drawn faces, not real people)"
                : kind.name() + " from " + dir.toAbsolutePath().normalize();
    }
}
