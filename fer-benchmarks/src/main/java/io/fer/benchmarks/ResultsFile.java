package io.fer.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The Markdown results file ({@code fer-benchmarks/RESULTS.md}), made of named sections that each measurement
 * replaces on its own: running the suite rewrites the suite's tables and leaves the one-off training measurement in
 * place. A section lies between {@code <!-- begin NAME -->} and {@code <!-- end NAME -->}; the file's header (up to
 * the first section) is written when the file is new and kept otherwise.
 */
public final class ResultsFile {
    /** Sections in the order a new file lists them. */
    static final List<String> SECTIONS = List.of("suite", "overhead", "soak", "training");

    private final Path file;

    /** The results file at {@code file} (created on first write). */
    public ResultsFile(Path file) {
        this.file = file;
    }

    /** Replaces (or adds) section {@code name} with {@code markdown}, writing the file atomically. */
    public void replaceSection(String name, String markdown) {
        String begin = "<!-- begin " + name + " -->";
        String end = "<!-- end " + name + " -->";
        String text = Files.exists(file) ? read() : newFile();
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        String block = begin + "\n" + markdown.strip() + "\n" + end;
        if (b >= 0 && e > b) {
            text = text.substring(0, b) + block + text.substring(e + end.length());
        } else {
            text = text.stripTrailing() + "\n\n" + block + "\n";
        }
        write(text);
    }

    /** The file's current text. */
    public String read() {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private String newFile() {
        StringBuilder sb = new StringBuilder(Header.TEXT.strip()).append("\n");
        for (String s : SECTIONS) {
            sb.append("\n<!-- begin ").append(s).append(" -->\n_not measured yet_\n<!-- end ").append(s)
                    .append(" -->\n");
        }
        return sb.toString();
    }

    private void write(String text) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".results-", ".md");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** The header of a new results file: how to reproduce the numbers. */
    static final class Header {
        static final String TEXT = """
                # fer benchmarks

                Reproduce (from the repository root):

                ```
                fer-benchmarks/run.sh              # JMH suite + paired overhead check + memory soak (~6 min on 2 cores)
                fer-benchmarks/run.sh --training   # one-off: the paper's full training recipe, cached vs uncached (~5 min)
                fer-benchmarks/run.sh -Pgpu        # the same on a CUDA host (TensorFlow 2.16.1 cu121 natives)
                ```
                """;

        private Header() {}
    }
}
