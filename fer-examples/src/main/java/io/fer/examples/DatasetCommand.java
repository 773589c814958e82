package io.fer.examples;

import io.fer.train.data.DatasetLayout;
import io.fer.train.data.DatasetSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

/** {@code fer dataset KIND DIR}: what a data set folder holds, and every file left out with the reason. */
@Command(name = "dataset", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Summarise a data set folder: images per class, subjects, image sizes, and files skipped or "
                + "ignored with the reason.")
final class DatasetCommand implements Callable<Integer> {
    @ParentCommand
    FerCli cli;

    @Parameters(index = "0", paramLabel = "KIND", converter = LayoutConverter.class,
            description = "jaffe, ckplus, ckplus48 or folder")
    DatasetLayout layout;

    @Parameters(index = "1", paramLabel = "DIR", description = "The data set's folder.")
    Path dir;

    @Option(names = "--verify", defaultValue = "false",
            description = "Decode every image in full, not only its header, to find damaged files (e.g. truncated "
                    + "after a valid header) before training; the exit status is then 1 if any is unreadable. "
                    + "Default: ${DEFAULT-VALUE}.")
    boolean verify;

    @Override
    public Integer call() throws IOException {
        DatasetSummary summary = DatasetSummary.of(layout.load(dir), verify);
        cli.out().print(summary.render());
        cli.out().flush();
        if (verify && !summary.unreadable().isEmpty()) {
            cli.err().println("fer dataset: " + summary.unreadable().size() + " image(s) cannot be decoded (listed "
                    + "under Unreadable)");
            cli.err().flush();
            return 1;
        }
        return 0;
    }

    /** Reads a layout name. */
    static final class LayoutConverter implements ITypeConverter<DatasetLayout> {
        @Override
        public DatasetLayout convert(String value) {
            return DatasetLayout.fromName(value).orElseThrow(() -> new TypeConversionException("unknown data set '"
                    + value + "'; use one of " + DatasetLayout.acceptedNames()));
        }
    }
}
