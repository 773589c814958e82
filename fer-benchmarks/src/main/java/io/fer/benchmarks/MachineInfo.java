package io.fer.benchmarks;

import io.fer.core.runtime.RuntimeInfo;
import io.fer.core.runtime.TensorFlowRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine a measurement ran on, for result files: CPU model, cores, memory, Java, TensorFlow build and device,
 * and the load average when the measurement started (other processes skew timings).
 */
public record MachineInfo(String cpuModel, int cores, long memoryMiB, String java, String os, RuntimeInfo tensorFlow,
        String loadAverage) {

    /** This machine, now. Loads TensorFlow (to ask it for its version and devices). */
    public static MachineInfo current() {
        return new MachineInfo(readCpuModel(), Runtime.getRuntime().availableProcessors(), readMemoryMiB(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                TensorFlowRuntime.describe(), readLoadAverage());
    }

    /** One Markdown paragraph describing the machine. */
    public String markdown() {
        RuntimeInfo tf = tensorFlow;
        return String.format(Locale.ROOT, "Machine: %s, %d cores, %,d MiB; %s; %s; TensorFlow %s on %s (%s); "
                + "load average at start %s.", cpuModel, cores, memoryMiB, java, os, tf.tensorFlowVersion(),
                tf.device() + (tf.gpuCount() > 1 ? " x" + tf.gpuCount() : ""), tf.nativeSource(), loadAverage);
    }

    private static String readCpuModel() {
        for (String line : readLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        String arch = System.getProperty("os.arch");
        return arch == null ? "unknown CPU" : arch;
    }

    private static long readMemoryMiB() {
        for (String line : readLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return Runtime.getRuntime().maxMemory() >> 20;
    }

    private static String readLoadAverage() {
        List<String> lines = readLines(Path.of("/proc/loadavg"));
        if (lines.isEmpty()) {
            return "unknown";
        }
        String[] parts = lines.get(0).split(" ");
        return parts.length >= 3 ? parts[0] + " / " + parts[1] + " / " + parts[2] + " (1 / 5 / 15 min)" : "unknown";
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
