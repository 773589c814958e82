package io.fer.examples;

import io.fer.core.internal.FerVersion;
import io.fer.train.internal.Printable;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code fer} command line: {@code bin/fer <command> [options]}; {@code bin/fer --help} lists the commands.
 *
 * <p>Exit status: 0 on success, 1 when a command fails (one line on standard error: {@code fer <command>: why}),
 * 2 for a usage error (an unknown option, a bad value). Results go to standard output; progress goes to standard
 * error, so that a command's output can be redirected or piped while progress stays on the terminal.
 */
@Command(name = "fer", mixinStandardHelpOptions = true, versionProvider = FerCli.Version.class,
        description = "Facial expression recognition: EfficientNet transfer learning and inference.",
        subcommands = {DemoCommand.class, TrainCommand.class, EvaluateCommand.class, PredictCommand.class,
                VideoCommand.class, ExperimentCommand.class, PretrainCommand.class, ExportCommand.class, DatasetCommand.class, LayersCommand.class, InfoCommand.class})
public final class FerCli implements Runnable {
    private final PrintStream out;
    private final PrintStream err;

    FerCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line on standard output and error and returns its exit status (0 on success). */
    public static int run(String... args) {
        return run(System.out, System.err, args);
    }

    /**
     * Runs the command line with results written to {@code out} and progress and errors to {@code err}, and returns
     * its exit status: 0 on success, 1 when the command failed, 2 for a usage error.
     */
    public static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cl = new CommandLine(new FerCli(out, err));
        cl.setOut(writer(out));
        cl.setErr(writer(err));
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + oneLine(ex));
            cmd.getErr().flush();
            return CommandLine.ExitCode.SOFTWARE;
        });
        // a usage error: the reason on one line and where to look, not the whole usage text
        cl.setParameterExceptionHandler((ex, given) -> {
            CommandLine cmd = ex.getCommandLine();
            String name = cmd.getCommandSpec().qualifiedName();
            cmd.getErr().println(name + ": " + oneLine(ex));
            cmd.getErr().println("Try '" + name + " --help' for the options.");
            cmd.getErr().flush();
            return CommandLine.ExitCode.USAGE;
        });
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, Charset.defaultCharset()), true);
    }

    static String oneLine(Throwable ex) {
        String m = ex.getMessage();
        // one line, and nothing in it (a file name, a manifest's value) reaches the terminal raw
        return Printable.escape(m == null || m.isBlank() ? ex.getClass().getSimpleName() : m);
    }

    /** Where results go. */
    PrintStream out() {
        return out;
    }

    /** Where progress and errors go. */
    PrintStream err() {
        return err;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(out);
    }

    /** Supplies {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"fer " + FerVersion.get()};
        }
    }
}
