package io.fer.examples;

import io.fer.train.data.DatasetLayout;
import io.fer.train.data.DatasetSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

/** {@code fer dataset KIND DIR}: what a data set folder holds, and every file left out with the reason. */
@Command(name = "dataset", mixinStandardHelpOptions = true,
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

    @Override
    public Integer call() throws IOException {
        if (layout == DatasetLayout.FER2013) {
            // one summary per split: FER2013 comes split, and its splits are not to be mixed
            io.fer.train.data.Fer2013Dataset fer = io.fer.train.data.Fer2013Dataset.load(dir);
            cli.out().print(DatasetSummary.of(fer.train()).render());
            fer.validation().ifPresent(d -> cli.out().print(System.lineSeparator() + DatasetSummary.of(d).render()));
            fer.test().ifPresent(d -> cli.out().print(System.lineSeparator() + DatasetSummary.of(d).render()));
        } else {
            cli.out().print(DatasetSummary.of(layout.load(dir)).render());
        }
        cli.out().flush();
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
