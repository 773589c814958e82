package io.fer.examples;

import io.fer.core.FerVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code fer} command line: {@code bin/fer <command> [options]}; {@code bin/fer --help} lists the commands. */
@Command(name = "fer", mixinStandardHelpOptions = true, versionProvider = FerCli.Version.class,
        description = "Facial expression recognition: EfficientNet transfer learning and inference.",
        subcommands = {InfoCommand.class, LayersCommand.class})
public final class FerCli implements Runnable {

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (0 on success). */
    public static int run(String... args) {
        return new CommandLine(new FerCli())
                .setExecutionExceptionHandler((ex, cmd, parsed) -> {
                    cmd.getErr().println("fer " + cmd.getCommandName() + ": " + oneLine(ex));
                    return 1;
                })
                .execute(args);
    }

    static String oneLine(Throwable ex) {
        String m = ex.getMessage();
        return (m == null || m.isBlank() ? ex.getClass().getSimpleName() : m).replace('\n', ' ');
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Supplies {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"fer " + FerVersion.get()};
        }
    }
}
