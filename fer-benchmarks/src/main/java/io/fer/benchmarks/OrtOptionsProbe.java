package io.fer.benchmarks;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.fer.core.internal.RecognizerAccess;
import io.fer.core.internal.model.ModelDirectory;
import io.fer.core.runtime.EngineThreads;
import io.fer.core.internal.OnnxRuntimeEnvironment;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Dev tool, not library code: times one {@code model.onnx} at one batch size on ONNX Runtime's Java API under several
 * configurations (session options, slicing, the Recognizer itself), interleaved round by round in one JVM, so that
 * they compare under the same machine load; prints wall and process CPU time per batch (under load the CPU time is
 * the steadier measure of work) and checks that every configuration gives the first one's probabilities.
 *
 * <pre>
 * java -cp fer-benchmarks/target/classes:$(cat fer-benchmarks/target/classpath.txt) io.fer.benchmarks.OrtOptionsProbe \
 *     --backbone b0 --batch 32 --rounds 8 --config oldfer=oldfer --config fer= --config engine=slicer \
 *     --config recog=recognizer
 * </pre>
 *
 * A config is {@code name=token,token,...}; tokens: {@code level=all|extended|basic|none}, {@code spin} (pool
 * threads spin-wait), {@code daz} (denormals as zero), {@code noarena}, {@code nopattern} (no memory pattern),
 * {@code intra=N}, {@code disable=OPTIMISER} (one more graph optimiser off), {@code cfg=KEY:VALUE} (a session config
 * entry), {@code oldfer} (fer's options before {@code QuickGeluFusion} was turned off), {@code stock} (ONNX Runtime's
 * defaults but for the threads), {@code model=FILE} (another ONNX file with the same input), {@code dump=FILE}
 * (write the optimised graph), {@code profile=PREFIX} (ONNX Runtime's profiler), {@code slices=K} (the batch as K
 * slices), {@code parallel=P} (the slices spread over P threads, each with its own session of intra/P threads, or
 * one session with {@code shared}), {@code slicer} (fer's {@link io.fer.core.internal.OnnxBatchSlicer}),
 * {@code recognizer} ({@code Recognizer.probabilities} on ONNX Runtime, the crops made once). The input is
 * {@link SampleImages}' crops, made once; {@code --app-threads N} runs N application threads beside the engine
 * (a small arithmetic loop each) and reports the work they got done under each configuration, and
 * {@code --gap-ms G} sleeps G ms after each call (a camera's frame interval; the times shown are then the calls'
 * own, the CPU time includes the gaps); {@code --backbone} trains the usual benchmark fixture ({@link ModelFixture},
 * kept under {@code -Dfer.benchmarks.keepModels}) and {@code --model DIR --input-size S} takes a saved model
 * directory instead.
 */
public final class OrtOptionsProbe {
    private OrtOptionsProbe() {}

    public static void main(String[] argv) throws Exception {
        String backbone = "b0";
        Path modelDir = null;
        int batch = 32;
        int rounds = 5;
        int inputSize = 0;
        double seconds = 3;
        int appThreads = 0;
        int gapMs = 0;
        Map<String, String> configs = new LinkedHashMap<>();
        for (int i = 0; i < argv.length; i++) {
            String v = i + 1 < argv.length ? argv[i + 1] : null;
            switch (argv[i]) {
                case "--backbone" -> backbone = argv[++i];
                case "--model" -> modelDir = Path.of(argv[++i]);
                case "--batch" -> batch = Integer.parseInt(argv[++i]);
                case "--rounds" -> rounds = Integer.parseInt(argv[++i]);
                case "--input-size" -> inputSize = Integer.parseInt(argv[++i]);
                case "--seconds" -> seconds = Double.parseDouble(argv[++i]);
                case "--app-threads" -> appThreads = Integer.parseInt(argv[++i]);
                case "--gap-ms" -> gapMs = Integer.parseInt(argv[++i]);
                case "--config" -> {
                    String c = argv[++i];
                    int eq = c.indexOf('=');
                    if (eq < 1) {
                        throw new IllegalArgumentException("--config takes name=tokens, got " + c);
                    }
                    configs.put(c.substring(0, eq), c.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("Unknown option " + argv[i] + " (value " + v + ")");
            }
        }
        if (configs.isEmpty()) {
            configs.put("fer", "");
        }
        ModelFixture fixture = null;
        if (modelDir == null) {
            fixture = ModelFixture.build(backbone, inputSize);
            modelDir = fixture.modelDirectory();
            inputSize = fixture.inputSize();
        } else if (inputSize <= 0) {
            throw new IllegalArgumentException("--model needs --input-size");
        }
        OrtEnvironment env = OnnxRuntimeEnvironment.get();
        float[] images = SampleImages.floats(SampleImages.crops(batch, inputSize));
        List<Runner> runners = new ArrayList<>();
        for (Map.Entry<String, String> c : configs.entrySet()) {
            runners.add(new Runner(env, c.getKey(), c.getValue(), modelDir.resolve(ModelDirectory.ONNX), images,
                    batch, inputSize));
        }
        float[] reference = runners.get(0).run();
        for (Runner r : runners) {
            float[] p = r.run(); // warm-up, and the check
            double diff = 0;
            for (int k = 0; k < p.length; k++) {
                diff = Math.max(diff, Math.abs(p[k] - reference[k]));
            }
            System.out.printf(Locale.ROOT, "%-12s %-40s max |p - p(%s)| = %.2e%n", r.name, r.tokens,
                    runners.get(0).name, diff);
        }
        Map<String, List<Double>> times = new LinkedHashMap<>();
        Map<String, List<Double>> cpuTimes = new LinkedHashMap<>();
        Map<String, List<Double>> appRates = new LinkedHashMap<>();
        ApplicationLoad app = new ApplicationLoad(appThreads);
        for (int round = 0; round < rounds; round++) {
            // alternate the order, so that no config always follows the same one
            List<Runner> order = new ArrayList<>(runners);
            if (round % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (Runner r : order) {
                long end = System.nanoTime() + (long) (seconds * 1e9);
                int n = 0;
                long busy = 0;
                long start = System.nanoTime();
                long cpu0 = processCpuNanos();
                long work0 = app.work();
                do {
                    long t0 = System.nanoTime();
                    r.run();
                    busy += System.nanoTime() - t0;
                    n++;
                    if (gapMs > 0) {
                        Thread.sleep(gapMs); // a camera's frame interval: CPU used here is the engine's idle cost
                    }
                } while (System.nanoTime() < end);
                long elapsed = System.nanoTime() - start;
                times.computeIfAbsent(r.name, k -> new ArrayList<>()).add(busy / 1e6 / n);
                cpuTimes.computeIfAbsent(r.name, k -> new ArrayList<>()).add((processCpuNanos() - cpu0) / 1e6 / n);
                appRates.computeIfAbsent(r.name, k -> new ArrayList<>()).add((app.work() - work0) / (elapsed / 1e9));
            }
            System.out.printf(Locale.ROOT, "round %d:", round + 1);
            for (Runner r : runners) {
                List<Double> t = times.get(r.name);
                List<Double> c = cpuTimes.get(r.name);
                System.out.printf(Locale.ROOT, " %s %.1f (cpu %.1f)", r.name, t.get(t.size() - 1), c.get(c.size() - 1));
            }
            System.out.printf(Locale.ROOT, "  (load %.2f)%n", loadAverage());
        }
        List<Double> base = times.get(runners.get(0).name);
        System.out.printf(Locale.ROOT, "batch %d, ms per batch over %d rounds: median (min..max), median per-round"
                + " ratio to %s%n", batch, rounds, runners.get(0).name);
        for (Runner r : runners) {
            List<Double> t = times.get(r.name);
            double[] ratio = ratios(t, base);
            System.out.printf(Locale.ROOT, "  %-12s %8.1f (%.1f..%.1f)  ratio %.3f (%.3f..%.3f)  %.1f images/s%n",
                    r.name, median(t), t.stream().mapToDouble(d -> d).min().orElse(0),
                    t.stream().mapToDouble(d -> d).max().orElse(0), median(ratio),
                    Arrays.stream(ratio).min().orElse(0), Arrays.stream(ratio).max().orElse(0),
                    batch * 1000 / median(t));
        }
        if (appThreads > 0) {
            System.out.printf(Locale.ROOT, "application work done meanwhile by %d thread(s), units/s, median per-round"
                    + " ratio to %s:%n", appThreads, runners.get(0).name);
            printRatios(appRates, runners);
        }
        app.close();
        List<Double> cpuBase = cpuTimes.get(runners.get(0).name);
        System.out.println("process CPU ms per batch (all threads" + (appThreads > 0 ? ", the application's included"
                : "") + (gapMs > 0 ? ", the " + gapMs + " ms gap included" : "")
                + "; under load the steadier measure of work):");
        for (Runner r : runners) {
            List<Double> t = cpuTimes.get(r.name);
            double[] ratio = ratios(t, cpuBase);
            System.out.printf(Locale.ROOT, "  %-12s %8.1f (%.1f..%.1f)  ratio %.3f (%.3f..%.3f)%n", r.name, median(t),
                    t.stream().mapToDouble(d -> d).min().orElse(0), t.stream().mapToDouble(d -> d).max().orElse(0),
                    median(ratio), Arrays.stream(ratio).min().orElse(0), Arrays.stream(ratio).max().orElse(0));
        }
        for (Runner r : runners) {
            r.close();
        }
        if (fixture != null) {
            fixture.close();
        }
        System.exit(0); // the pool threads of the parallel configs
    }

    /** Each round's value over the first configuration's in the same round. */
    private static double[] ratios(List<Double> values, List<Double> base) {
        double[] ratio = new double[values.size()];
        for (int k = 0; k < ratio.length; k++) {
            ratio[k] = values.get(k) / base.get(k);
        }
        return ratio;
    }

    private static void printRatios(Map<String, List<Double>> values, List<Runner> runners) {
        List<Double> base = values.get(runners.get(0).name);
        for (Runner r : runners) {
            List<Double> t = values.get(r.name);
            double[] ratio = ratios(t, base);
            System.out.printf(Locale.ROOT, "  %-12s %12.0f  ratio %.3f (%.3f..%.3f)%n", r.name, median(t),
                    median(ratio), Arrays.stream(ratio).min().orElse(0), Arrays.stream(ratio).max().orElse(0));
        }
    }

    /**
     * The application's own threads: each repeats a small arithmetic kernel on L1-resident data and counts the
     * repetitions, so that the work they get done while the engine runs shows what the engine's threads leave them.
     */
    private static final class ApplicationLoad implements AutoCloseable {
        private final java.util.concurrent.atomic.LongAdder done = new java.util.concurrent.atomic.LongAdder();
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean running = true;
        static volatile float sink;

        ApplicationLoad(int count) {
            for (int t = 0; t < count; t++) {
                Thread thread = new Thread(this::loop, "application-" + t);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
        }

        private void loop() {
            float[] data = new float[1024];
            for (int i = 0; i < data.length; i++) {
                data[i] = (i % 7) * 0.25f;
            }
            float acc = 0;
            while (running) {
                for (int i = 0; i < data.length; i++) {
                    acc = acc * 0.999f + data[i];
                }
                done.increment();
            }
            sink = acc;
        }

        long work() {
            return done.sum();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            for (Thread t : threads) {
                t.join();
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static double median(List<Double> values) {
        return median(values.stream().mapToDouble(d -> d).toArray());
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** One option set: its sessions and the input slices made for them. */
    private static final class Runner implements AutoCloseable {
        final String name;
        final String tokens;
        final List<OrtSession> sessions = new ArrayList<>();
        final List<OrtSession.SessionOptions> options = new ArrayList<>();
        final List<OnnxTensor> inputs = new ArrayList<>();
        final int parallel;
        final ExecutorService pool;
        final io.fer.core.internal.OnnxBatchSlicer slicer;
        final FloatBuffer all;
        final long[] shape;
        final io.fer.core.Recognizer recognizer;
        final List<io.fer.core.image.RgbImage> crops;

        Runner(OrtEnvironment env, String name, String tokens, Path onnx, float[] images, int batch, int size)
                throws OrtException, java.io.IOException {
            this.name = name;
            this.tokens = tokens;
            int intra = EngineThreads.defaults().intraOp();
            String level = "all";
            boolean spin = false;
            boolean daz = false;
            boolean arena = true;
            boolean pattern = true;
            int slices = 1;
            int par = 1;
            String dump = null;
            List<String> disabled = new ArrayList<>();
            String profile = null;
            List<String> extra = new ArrayList<>();
            boolean shared = false;
            boolean oldFer = false;
            boolean stock = false;
            boolean useSlicer = false;
            boolean useRecognizer = false;
            Path model = onnx;
            for (String t : tokens.isBlank() ? new String[0] : tokens.split(",")) {
                String[] kv = t.split("=", 2);
                switch (kv[0]) {
                    case "level" -> level = kv[1];
                    case "spin" -> spin = true;
                    case "daz" -> daz = true;
                    case "noarena" -> arena = false;
                    case "nopattern" -> pattern = false;
                    case "intra" -> intra = Integer.parseInt(kv[1]);
                    case "model" -> model = Path.of(kv[1]);
                    case "dump" -> dump = kv[1];
                    case "disable" -> disabled.add(kv[1]);
                    case "profile" -> profile = kv[1];
                    case "cfg" -> extra.add(kv[1]);
                    case "shared" -> shared = true;
                    case "oldfer" -> oldFer = true;
                    case "stock" -> stock = true;
                    case "slicer" -> useSlicer = true;
                    case "recognizer" -> useRecognizer = true;
                    case "parallel" -> par = Integer.parseInt(kv[1]);
                    case "slices" -> slices = Integer.parseInt(kv[1]);
                    default -> throw new IllegalArgumentException("Unknown token " + t + " in config " + name);
                }
            }
            if (batch % slices != 0) {
                throw new IllegalArgumentException("batch " + batch + " does not split into " + slices);
            }
            slices = Math.max(slices, par);
            if (slices % par != 0) {
                throw new IllegalArgumentException(slices + " slices do not spread over " + par + " threads");
            }
            this.parallel = par;
            int sessionCount = shared ? 1 : par;
            int threads = shared ? intra : Math.max(1, intra / par);
            for (int s = 0; s < sessionCount; s++) {
                OrtSession.SessionOptions o;
                if (oldFer || stock) {
                    // fer's options before QuickGeluFusion was turned off, or ONNX Runtime's own but for the threads
                    o = RawEngine.stockOptions(new EngineThreads(threads, 1));
                    if (oldFer) {
                        o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
                        o.addConfigEntry("session.intra_op.allow_spinning", "0");
                        o.addConfigEntry("session.inter_op.allow_spinning", "0");
                    }
                } else {
                    o = OnnxRuntimeEnvironment.sessionOptions(new EngineThreads(threads, 1));
                }
                o.setOptimizationLevel(switch (level) {
                    case "all" -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
                    case "extended" -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
                    case "basic" -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
                    case "none" -> OrtSession.SessionOptions.OptLevel.NO_OPT;
                    default -> throw new IllegalArgumentException("level " + level);
                });
                if (spin) {
                    o.addConfigEntry("session.intra_op.allow_spinning", "1");
                }
                if (daz) {
                    o.addConfigEntry("session.set_denormal_as_zero", "1");
                }
                if (!disabled.isEmpty()) {
                    o.addConfigEntry("optimization.disable_specified_optimizers", String.join(";", disabled));
                }
                o.setCPUArenaAllocator(arena);
                o.setMemoryPatternOptimization(pattern);
                for (String e : extra) {
                    String[] c = e.split(":", 2);
                    o.addConfigEntry(c[0], c[1]);
                }
                if (profile != null && s == 0) {
                    o.enableProfiling(profile);
                }
                if (dump != null && s == 0) {
                    o.setOptimizedModelFilePath(dump);
                }
                options.add(o);
                sessions.add(env.createSession(Files.readAllBytes(model), o));
            }
            int per = batch / slices;
            int floats = per * size * size * 3;
            for (int k = 0; k < slices; k++) {
                float[] slice = Arrays.copyOfRange(images, k * floats, (k + 1) * floats);
                inputs.add(OnnxTensor.createTensor(env, RawEngine.directFloats(slice), new long[] {per, size, size, 3}));
            }
            this.pool = par > 1 ? Executors.newFixedThreadPool(par) : null;
            this.slicer = useSlicer ? new io.fer.core.internal.OnnxBatchSlicer(sessions.get(0), ModelDirectory.INPUT,
                    intra) : null;
            this.all = RawEngine.directFloats(images);
            this.shape = new long[] {batch, size, size, 3};
            if (useRecognizer) {
                Path dir = onnx.getParent();
                this.recognizer = io.fer.core.Recognizer.builder(dir)
                        .engine(io.fer.core.runtime.ServingEngine.ONNX_RUNTIME).threads(new EngineThreads(intra, 1))
                        .load();
                this.crops = SampleImages.crops(batch, size);
            } else {
                this.recognizer = null;
                this.crops = null;
            }
        }

        float[] run() throws Exception {
            if (recognizer != null) {
                return RecognizerAccess.probabilities(recognizer, crops);
            }
            if (slicer != null) {
                return slicer.run(all.duplicate().rewind(), shape).values();
            }
            List<float[]> outs = new ArrayList<>();
            if (parallel > 1) {
                // thread k runs slices k, k + K, ... on session k; results put back in slice order
                float[][] parts = new float[inputs.size()][];
                List<Future<?>> futures = new ArrayList<>();
                for (int k = 0; k < parallel; k++) {
                    int first = k;
                    OrtSession s = sessions.get(k % sessions.size());
                    futures.add(pool.submit(() -> {
                        for (int i = first; i < inputs.size(); i += parallel) {
                            parts[i] = run(s, inputs.get(i));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
                outs.addAll(Arrays.asList(parts));
            } else {
                for (OnnxTensor in : inputs) {
                    outs.add(run(sessions.get(0), in));
                }
            }
            int total = outs.stream().mapToInt(a -> a.length).sum();
            float[] all = new float[total];
            int at = 0;
            for (float[] o : outs) {
                System.arraycopy(o, 0, all, at, o.length);
                at += o.length;
            }
            return all;
        }

        private static float[] run(OrtSession s, OnnxTensor in) throws OrtException {
            try (OrtSession.Result r = s.run(Map.of(ModelDirectory.INPUT, in))) {
                FloatBuffer out = ((OnnxTensor) r.get(0)).getFloatBuffer();
                float[] p = new float[out.remaining()];
                out.get(p);
                return p;
            }
        }

        @Override
        public void close() throws OrtException {
            for (OnnxTensor t : inputs) {
                t.close();
            }
            for (OrtSession s : sessions) {
                s.close();
            }
            for (OrtSession.SessionOptions o : options) {
                o.close();
            }
            if (pool != null) {
                pool.shutdownNow();
            }
            if (slicer != null) {
                slicer.close();
            }
            if (recognizer != null) {
                recognizer.close();
            }
        }
    }
}
