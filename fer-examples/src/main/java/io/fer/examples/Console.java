package io.fer.examples;

import java.io.PrintStream;
import java.util.Locale;

/** A command's output: results on {@code out}; progress on {@code err}, unless {@code --quiet}. */
final class Console {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean quiet;

    Console(FerCli cli, boolean quiet) {
        this.out = cli.out();
        this.err = cli.err();
        this.quiet = quiet;
    }

    /** Where results go. */
    PrintStream out() {
        return out;
    }

    /** Where training progress goes; null when quiet. */
    PrintStream progress() {
        return quiet ? null : err;
    }

    /** A progress line (formatted in the root locale), unless quiet. */
    void step(String format, Object... args) {
        if (!quiet) {
            err.printf(Locale.ROOT, format + "%n", args);
            err.flush();
        }
    }

    /** A warning line on standard error (formatted in the root locale), even when quiet. */
    void warn(String format, Object... args) {
        err.printf(Locale.ROOT, format + "%n", args);
        err.flush();
    }

    /** A result line (formatted in the root locale). */
    void say(String format, Object... args) {
        out.printf(Locale.ROOT, format + "%n", args);
        out.flush();
    }
}
