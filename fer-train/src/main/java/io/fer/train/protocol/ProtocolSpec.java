package io.fer.train.protocol;

import io.fer.train.data.Dataset;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * A protocol as named on the command line, before any dataset is loaded:
 * {@code random:0.9}, {@code subject-kfold:10}, {@code loso}, {@code folders} or {@code cross:DATASET:DIR}.
 *
 * <p>{@code folders} and {@code cross} need a second dataset (the test folder, or the other dataset), which the
 * caller loads and passes to {@link #toProtocol(long, Dataset)}.
 */
public sealed interface ProtocolSpec {

    /** What {@link #parse} accepts, for help texts and errors. */
    String SYNTAX = "random[:TRAIN_FRACTION] (default 0.9), subject-kfold[:K] (default 10), loso, folders, "
            + "cross:DATASET:DIR";

    /** Whether {@link #toProtocol} needs the second dataset. */
    default boolean needsSecondDataset() {
        return false;
    }

    /**
     * The protocol.
     *
     * @param seed seeds random splits and fold assignment
     * @param second the test folder's or the other dataset, where {@link #needsSecondDataset()}; otherwise ignored
     *     and may be null
     */
    Protocol toProtocol(long seed, Dataset second);

    /** {@code random:FRACTION}: a stratified random split. */
    record RandomSplit(double trainFraction) implements ProtocolSpec {
        /** The paper's 90/10. */
        public static final double DEFAULT_TRAIN_FRACTION = 0.9;

        @Override
        public Protocol toProtocol(long seed, Dataset second) {
            return new StratifiedRandomSplit(trainFraction, seed);
        }
    }

    /** {@code subject-kfold:K}: subject-independent k-fold cross-validation. */
    record SubjectFolds(int k) implements ProtocolSpec {
        @Override
        public Protocol toProtocol(long seed, Dataset second) {
            return new SubjectKFold(k, seed);
        }
    }

    /** {@code loso}: leave-one-subject-out. */
    record Loso() implements ProtocolSpec {
        @Override
        public Protocol toProtocol(long seed, Dataset second) {
            return new LeaveOneSubjectOut();
        }
    }

    /** {@code folders}: explicit train and test folders. */
    record Folders() implements ProtocolSpec {
        @Override
        public boolean needsSecondDataset() {
            return true;
        }

        @Override
        public Protocol toProtocol(long seed, Dataset testSet) {
            return new ExplicitTestSet(requireSecond(testSet, "folders", "the test folder's dataset"));
        }
    }

    /** {@code cross:DATASET:DIR}: train on the main dataset, test on dataset kind {@code dataset} read from dir. */
    record Cross(String dataset, Path dir) implements ProtocolSpec {
        public Cross {
            Objects.requireNonNull(dataset, "dataset");
            Objects.requireNonNull(dir, "dir");
        }

        @Override
        public boolean needsSecondDataset() {
            return true;
        }

        @Override
        public Protocol toProtocol(long seed, Dataset target) {
            return new CrossDataset(requireSecond(target, "cross", "the '" + dataset + "' dataset from " + dir));
        }
    }

    /**
     * Parses a command-line protocol name.
     *
     * @throws IllegalArgumentException naming the bad text and the accepted forms
     */
    static ProtocolSpec parse(String text) {
        Objects.requireNonNull(text, "protocol");
        String trimmed = text.trim();
        int colon = trimmed.indexOf(':');
        String kind = (colon < 0 ? trimmed : trimmed.substring(0, colon)).toLowerCase(Locale.ROOT);
        String argument = colon < 0 ? null : trimmed.substring(colon + 1);
        switch (kind) {
            case "random": {
                if (argument == null) {
                    return new RandomSplit(RandomSplit.DEFAULT_TRAIN_FRACTION);
                }
                double fraction = number(text, argument, Double::parseDouble);
                if (!(fraction > 0 && fraction < 1)) {
                    throw bad(text, "the train fraction must be strictly between 0 and 1");
                }
                return new RandomSplit(fraction);
            }
            case "subject-kfold": {
                if (argument == null) {
                    return new SubjectFolds(SubjectKFold.DEFAULT_FOLDS);
                }
                int k = number(text, argument, Integer::parseInt);
                if (k < 2) {
                    throw bad(text, "k must be at least 2");
                }
                return new SubjectFolds(k);
            }
            case "loso":
                noArgument(text, argument);
                return new Loso();
            case "folders":
                noArgument(text, argument);
                return new Folders();
            case "cross": {
                // DIR is everything after the second colon, so it may itself contain colons
                int second = argument == null ? -1 : argument.indexOf(':');
                if (second <= 0 || second == argument.length() - 1) {
                    throw bad(text, "cross needs a dataset and a directory, e.g. cross:jaffe:/data/jaffe");
                }
                return new Cross(argument.substring(0, second).trim(), Path.of(argument.substring(second + 1)));
            }
            default:
                throw bad(text, "unknown protocol '" + kind + "'");
        }
    }

    private static <T> T number(String text, String argument, Function<String, T> parser) {
        try {
            return parser.apply(argument.trim());
        } catch (NumberFormatException e) {
            throw bad(text, "'" + argument + "' is not a number");
        }
    }

    private static void noArgument(String text, String argument) {
        if (argument != null) {
            throw bad(text, "this protocol takes no argument");
        }
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("bad protocol '" + text + "': " + why + "; expected one of: " + SYNTAX);
    }

    private static Dataset requireSecond(Dataset second, String protocol, String what) {
        if (second == null) {
            throw new IllegalArgumentException("protocol " + protocol + " needs " + what + ", none was given");
        }
        return second;
    }
}
