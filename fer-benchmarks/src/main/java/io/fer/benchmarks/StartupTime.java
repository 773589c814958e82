package io.fer.benchmarks;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JVM start to first prediction, in fresh JVMs ({@link FirstPrediction}) on this classpath: <em>cold</em> with an
 * empty FER_HOME (the natives are unpacked first) and <em>warm</em> with the FER_HOME a cold run filled. The
 * operating system's file cache is not dropped, so "cold" means a cold fer cache, not a cold disk.
 *
 * <p>{@code java -cp … io.fer.benchmarks.StartupTime [--backbone b0] [--cold 2] [--warm 5] [--model pretrained|DIR]
 * [--tensorflow-natives no]}; prints one line per run and the medians. {@code --model pretrained} loads fer's own
 * model ({@code Recognizer.pretrained()}, fer-zoo), {@code --model DIR} a model directory, instead of a freshly
 * trained B0; {@code --tensorflow-natives no}
 * starts the JVMs on this classpath without TensorFlow's native jars, as a predict-only application that excludes
 * them. The jars on the child's classpath and their sizes are printed first (the footprint).
 */
public final class StartupTime {
    private static final Pattern RESULT = Pattern.compile(
            "loaded-ms=(\\d+) first-prediction-ms=(\\d+) faces=(\\d+) engine=(\\w+)");

    private StartupTime() {}

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv, Set.of("backbone", "cold", "warm", "model", "tensorflow-natives"));
        int coldRuns = args.integer("cold", 2);
        int warmRuns = args.integer("warm", 5);
        String modelChoice = args.text("model", "fixture");
        boolean given = !modelChoice.equals("fixture") && !modelChoice.equals(FirstPrediction.PRETRAINED);
        if (given && !Files.isRegularFile(Path.of(modelChoice, "fer-model.json"))) {
            throw new IllegalArgumentException("--model must be fixture, pretrained or a model directory; "
                    + modelChoice + " has no fer-model.json");
        }
        String natives = args.text("tensorflow-natives", "yes");
        if (!natives.equals("yes") && !natives.equals("no")) {
            throw new IllegalArgumentException("--tensorflow-natives must be yes or no, got '" + natives + "'");
        }
        String classpath = ChildClasspath.of(System.getProperty("java.class.path"), natives.equals("yes"));
        Path work = Files.createTempDirectory("fer-startup-");
        try (ModelFixture fixture = modelChoice.equals("fixture") ? ModelFixture.build(args.text("backbone", "b0"), 0)
                : null) {
            String model = fixture == null ? modelChoice : fixture.modelDirectory().toString();
            Path image = SampleImages.writeScene(work, 640, 480, "jpg");
            System.out.println(ChildClasspath.describe(classpath));
            System.out.println("model " + (fixture != null ? fixture.backbone() + " at " + fixture.inputSize() + " px"
                    : given ? modelChoice : "fer's pretrained (fer-zoo)") + ", image 640x480 JPEG, TensorFlow natives on the classpath: "
                    + natives + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, load average "
                    + loadAverage());
            long[] cold = new long[coldRuns];
            Path home = null;
            for (int i = 0; i < coldRuns; i++) {
                home = work.resolve("home-" + i);
                cold[i] = run("cold", home, classpath, model, image);
            }
            if (home == null) {
                home = work.resolve("home-warm");
                run("warm-up", home, classpath, model, image);
            }
            long[] warm = new long[warmRuns];
            for (int i = 0; i < warmRuns; i++) {
                warm[i] = run("warm", home, classpath, model, image);
            }
            System.out.printf(Locale.ROOT, "median JVM start to first prediction: cold %.1f s, warm %.1f s "
                    + "(load average %s at the end)%n", median(cold) / 1000.0, median(warm) / 1000.0, loadAverage());
        } finally {
            deleteTree(work);
        }
    }

    /** One fresh JVM; returns its JVM-start-to-first-prediction time in ms. */
    private static long run(String kind, Path home, String classpath, String model, Path image)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dfer.home=" + home, "-Djava.awt.headless=true",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Dorg.slf4j.simpleLogger.log.io.fer=info",
                "-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error", "-cp", classpath,
                FirstPrediction.class.getName(), model, image.toString()));
        File out = Files.createTempFile("fer-startup", ".txt").toFile();
        try {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out).start();
            if (!p.waitFor(600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("the " + kind + " run did not finish in 600 s");
            }
            long wall = (System.nanoTime() - t0) / 1_000_000;
            String text = Files.readString(out.toPath(), StandardCharsets.UTF_8);
            Matcher m = RESULT.matcher(text);
            if (p.exitValue() != 0 || !m.find()) {
                throw new IllegalStateException("the " + kind + " run failed (exit " + p.exitValue() + "):\n" + text);
            }
            long first = Long.parseLong(m.group(2));
            text.lines().filter(l -> l.contains(" INFO io.fer.")).forEach(l -> System.out.println("        " + l));
            System.out.printf(Locale.ROOT, "%-7s loaded %5.1f s, first prediction %5.1f s after JVM start "
                    + "(process %5.1f s, %s face(s), %s)%n", kind, Long.parseLong(m.group(1)) / 1000.0, first / 1000.0,
                    wall / 1000.0, m.group(3), m.group(4));
            return first;
        } finally {
            Files.deleteIfExists(out.toPath());
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var files = Files.walk(root)) {
            for (Path p : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
