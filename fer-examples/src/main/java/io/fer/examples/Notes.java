package io.fer.examples;

import io.fer.train.data.Dataset;
import io.fer.train.data.synthetic.SyntheticFaces;
import io.fer.train.internal.Printable;
import io.fer.train.protocol.ProtocolSpec;

/** Things worth telling before a long run: synthetic data, skipped files, what a random split means. */
final class Notes {
    private Notes() {}

    /** Says how many images were read, that synthetic data is synthetic, and how many files were skipped. */
    static void dataNotes(Dataset dataset, Console console) {
        if (dataset.name().startsWith(SyntheticFaces.NAME)) {
            console.say("Data: SYNTHETIC faces (procedurally drawn by fer, not real people): %d images.",
                    dataset.samples().size());
        } else {
            console.step("Data: %s, %d images in %d classes.", dataset.name(), dataset.samples().size(),
                    dataset.classes().size());
        }
        long skipped = dataset.skipped().stream().filter(s -> !s.isIgnored()).count();
        if (skipped > 0) {
            console.say("Note: %d file(s) of %s were skipped; fer dataset lists them with the reason.", skipped,
                    dataset.name());
        }
    }

    /** How many skipped samples are listed one by one; the rest are counted. */
    static final int LISTED = 20;

    /**
     * Lists samples left out of a run ({@code "id: reason"}, from training or evaluation) on standard error, so that
     * an unreadable image is named where the user looks; the first {@value #LISTED}, then a count.
     */
    static void skippedSamples(String what, java.util.List<String> skipped, Console console) {
        if (skipped.isEmpty()) {
            return;
        }
        console.warn("%s: %d image(s) left out:", what, skipped.size());
        skipped.stream().limit(LISTED).forEach(s -> console.warn("  %s", Printable.escape(s)));
        if (skipped.size() > LISTED) {
            console.warn("  ... and %d more", skipped.size() - LISTED);
        }
    }

    /** A random split of data with subjects puts the same people (near-identical frames) in train and test. */
    static void protocolNote(ProtocolSpec protocol, Dataset dataset, Console console) {
        boolean subjects = dataset.samples().stream().anyMatch(s -> s.subject() != null);
        if (protocol instanceof ProtocolSpec.RandomSplit && subjects) {
            console.step("Note: a random split (the paper's protocol) puts frames of the same people in training "
                    + "and test, so its accuracy is optimistic; subject-kfold or loso test on unseen people.");
        }
    }
}
