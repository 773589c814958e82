package io.fer.examples;

import io.fer.train.data.DatasetLayout;
import io.fer.train.data.DatasetSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
            description = "jaffe, ckplus, ckplus48, folder or fer2013")
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
        List<io.fer.train.data.Dataset> splits = new java.util.ArrayList<>();
        if (layout == DatasetLayout.FER2013 && !io.fer.train.data.Fer2013Dataset.isSplitFolder(dir)) {
            // one summary per split: FER2013 comes split, and its splits are not to be mixed
            io.fer.train.data.Fer2013Dataset fer = io.fer.train.data.Fer2013Dataset.load(dir);
            splits.add(fer.train());
            fer.validation().ifPresent(splits::add);
            fer.test().ifPresent(splits::add);
        } else {
            splits.add(layout.load(dir));
        }
        List<io.fer.train.data.Dataset.Skipped> unreadable = new java.util.ArrayList<>();
        for (int i = 0; i < splits.size(); i++) {
            DatasetSummary summary = DatasetSummary.of(splits.get(i), verify);
            cli.out().print((i > 0 ? System.lineSeparator() : "") + summary.render());
            unreadable.addAll(summary.unreadable());
        }
        cli.out().flush();
        if (verify && !unreadable.isEmpty()) {
            cli.err().println("fer dataset: " + unreadable.size() + " image(s) cannot be decoded (listed "
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
