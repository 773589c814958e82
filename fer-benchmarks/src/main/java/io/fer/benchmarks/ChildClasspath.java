package io.fer.benchmarks;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The classpath {@link StartupTime} starts its JVMs on: this one, optionally without TensorFlow's native jars (what a
 * predict-only application gets with README's Maven exclusion), and its footprint in jar sizes.
 */
final class ChildClasspath {
    /** TensorFlow's native jars: TF Java's CPU build for a platform, and DJL's CUDA build. */
    static final Pattern TENSORFLOW_NATIVES = Pattern.compile(
            "tensorflow-core-native-.*-(linux|macosx|windows)-.*\\.jar|tensorflow-native-cu.*\\.jar");

    private ChildClasspath() {}

    /** {@code classpath}, with or without TensorFlow's native jars. */
    static String of(String classpath, boolean withTensorFlowNatives) {
        return String.join(File.pathSeparator, entries(classpath).stream()
                .filter(e -> withTensorFlowNatives || !isTensorFlowNative(e)).toList());
    }

    static boolean isTensorFlowNative(String entry) {
        return TENSORFLOW_NATIVES.matcher(new File(entry).getName()).matches();
    }

    /** The jars and their total size, the largest first, with TensorFlow's native jars' share. */
    static String describe(String classpath) {
        List<File> jars = entries(classpath).stream().map(File::new).filter(f -> f.isFile()).sorted((a, b) ->
                Long.compare(b.length(), a.length())).toList();
        long total = jars.stream().mapToLong(File::length).sum();
        long tf = jars.stream().filter(f -> isTensorFlowNative(f.getPath())).mapToLong(File::length).sum();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "classpath: %d jars, %.1f MB (TensorFlow "
                + "natives %.1f MB); largest:", jars.size(), total / 1e6, tf / 1e6));
        jars.stream().limit(8).forEach(f -> sb.append(String.format(Locale.ROOT, "%n    %7.1f MB  %s",
                f.length() / 1e6, f.getName())));
        return sb.toString();
    }

    private static List<String> entries(String classpath) {
        return Arrays.stream(classpath.split(Pattern.quote(File.pathSeparator))).filter(e -> !e.isBlank()).toList();
    }
}
