package io.fer.core.runtime;

import java.util.Locale;

/**
 * The native platform, in JavaCPP's names ({@code linux-x86_64}, {@code linux-arm64}, {@code macosx-x86_64},
 * {@code macosx-arm64}, {@code windows-x86_64}), and where a platform's native files lie inside their jars.
 *
 * <p>The platform is JavaCPP's {@code Loader.getPlatform()}: computed from {@code os.name} and {@code os.arch}, or
 * the system property {@code org.bytedeco.javacpp.platform} when set. The same names are the classifiers of the
 * native artifacts ({@code -Djavacpp.platform=NAME} in Maven).
 */
final class NativePlatform {
    private NativePlatform() {}

    /** The platform this JVM runs on, e.g. {@code linux-x86_64}. */
    public static String current() {
        return org.bytedeco.javacpp.Loader.getPlatform();
    }

    /**
     * The file name a platform gives a native library: {@code libNAME.so} on Linux, {@code libNAME.dylib} on macOS,
     * {@code NAME.dll} on Windows.
     *
     * @throws IllegalArgumentException for a platform name that is none of these
     */
    public static String libraryFileName(String platform, String name) {
        String os = platform.toLowerCase(Locale.ROOT);
        if (os.startsWith("linux") || os.startsWith("android")) {
            return "lib" + name + ".so";
        }
        if (os.startsWith("macosx") || os.startsWith("ios")) {
            return "lib" + name + ".dylib";
        }
        if (os.startsWith("windows")) {
            return name + ".dll";
        }
        throw new IllegalArgumentException("Unknown native platform '" + platform
                + "' (expected linux-*, macosx-* or windows-*)");
    }

    /**
     * The classpath resource of TensorFlow Java's JNI library in {@code org.tensorflow:tensorflow-core-native} for a
     * platform, e.g. {@code org/tensorflow/internal/c_api/macosx-arm64/libjnitensorflow.dylib}.
     */
    public static String tensorFlowJniResource(String platform) {
        return "org/tensorflow/internal/c_api/" + platform + "/" + libraryFileName(platform, "jnitensorflow");
    }
}
