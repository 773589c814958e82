package io.fer.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.fer.core.internal.model.ModelDirectory;
import io.fer.train.internal.StagedFolder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ctrl-C (SIGINT) and SIGKILL while a child JVM saves a model directory over an earlier one: the earlier model stays
 * whole (or the complete new one is in place), what the dead save left behind is hidden, and the next save of the
 * same folder tidies it away (putting the model back if the kill fell between the two renames of the swap).
 */
class InterruptedSaveTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"INT", "KILL"})
    void aSaveKilledHalfWayLeavesTheEarlierModelAndNoFolderTakenForAModel(String signal) throws Exception {
        assumeThat(Path.of("/bin/kill")).as("needs kill(1) to send SIGINT").exists();
        // a process started in the background by a non-interactive shell ignores SIGINT, and so does every child it
        // starts (the JVM then installs no handler): Ctrl-C cannot reach such a process, so there is nothing to test
        assumeThat(signal.equals("INT") && ignoresSigint())
                .as("this test JVM ignores SIGINT (started in the background), so its child would too").isFalse();
        Path target = tmp.resolve("model");
        List<String> leftovers = List.of();
        // the signal should land inside a save; if it fell between two, no leftover shows it and we try again
        for (int attempt = 0; attempt < 3 && leftovers.isEmpty(); attempt++) {
            Process child = new ProcessBuilder(javaBinary(), "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                    "-Dfer.home=" + System.getProperty("fer.home", tmp.resolve("fer-home").toString()),
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", SaveLoop.class.getName(), target.toString())
                    .redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                StringBuilder seen = new StringBuilder();
                for (String line; (line = out.readLine()) != null; ) {
                    seen.append(line).append('\n');
                    if (line.equals("saving 3")) { // two complete saves are in place: the earlier model
                        Thread.sleep(20 + 40 * attempt);
                        new ProcessBuilder("/bin/kill", "-" + signal, Long.toString(child.pid())).start().waitFor();
                        break;
                    }
                }
                // keep reading, so that a child still printing never blocks on a full pipe
                Thread drain = new Thread(() -> {
                    try {
                        while (out.read() >= 0) {
                            // discard
                        }
                    } catch (IOException ignored) {
                        // the child is gone
                    }
                }, "drain-child-output");
                drain.setDaemon(true);
                drain.start();
                // a loaded machine can take long to run the JVM's shutdown; a real hang shows its threads
                boolean ended = child.waitFor(180, TimeUnit.SECONDS);
                assertThat(ended).as("child ended; its output:\n%s\nits threads:\n%s", seen,
                        ended ? "" : threadDump(child.pid())).isTrue();
                assertThat(seen).as("child's output").contains("saved 2");
            } finally {
                child.destroyForcibly();
            }
            leftovers = hiddenSiblings(target);
        }
        assertThat(leftovers).as("the signal fell inside a save: it left a staged or an old folder").isNotEmpty()
                .allMatch(n -> n.startsWith(".model.saving-") || n.startsWith(".model.old-")
                        || n.startsWith(".model.trash-"));

        // the next save of the folder (here: its first step) tidies up after the dead one
        StagedFolder.begin(target).close();

        assertThat(hiddenSiblings(target)).isEmpty();
        Map<String, String> sums = ModelDirectory.verify(target).files();
        assertThat(sums).containsKeys("saved_model/saved_model.pb", "saved_model/variables/variables.index");
        try (Stream<Path> entries = Files.list(target)) {
            assertThat(entries.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(ModelDirectory.MANIFEST, ModelDirectory.MANIFEST_SUM,
                            ModelDirectory.SAVED_MODEL);
        }
    }

    private static List<String> hiddenSiblings(Path target) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(target.getParent())) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).sorted().forEach(names::add);
        }
        return names;
    }

    /** Whether SIGINT is in this process's ignored set (Linux: the SigIgn mask of /proc/self/status). */
    private static boolean ignoresSigint() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << 1)) != 0; // SIGINT is 2
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: assume signals are delivered as usual
        }
        return false;
    }

    private static String threadDump(long pid) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
            String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(30, TimeUnit.SECONDS);
            return dump;
        } catch (IOException | InterruptedException e) {
            return "(no thread dump: " + e + ")";
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
