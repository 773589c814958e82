package io.fer.core.runtime;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.Locale;

/**
 * TensorFlow's own C++ logging, which only the environment variable {@value #ENV} controls and which TensorFlow
 * reads once, when its library loads. fer therefore sets that variable in its own process (through the C library's
 * {@code setenv}) before it loads TensorFlow: to the level of the system property {@value #PROPERTY} when set, else
 * to {@value #DEFAULT} (errors only). A value of {@value #ENV} already in the environment is left alone.
 *
 * <p>Levels: 0 everything, 1 no INFO, 2 no WARNING, 3 no ERROR.
 */
final class NativeLogLevel {
    static final String ENV = "TF_CPP_MIN_LOG_LEVEL";
    static final String PROPERTY = "fer.tensorflow.logLevel";
    static final String DEFAULT = "2";

    private NativeLogLevel() {}

    /**
     * The level to set, or null when the environment has one already.
     *
     * @throws IllegalArgumentException when the property is not 0, 1, 2 or 3
     */
    static String choose(String environmentValue, String propertyValue) {
        if (environmentValue != null) {
            return null;
        }
        if (propertyValue == null || propertyValue.isBlank()) {
            return DEFAULT;
        }
        String level = propertyValue.trim();
        if (!level.matches("[0-3]")) {
            throw new IllegalArgumentException("System property " + PROPERTY + " must be 0, 1, 2 or 3 (TensorFlow's "
                    + ENV + "), got '" + propertyValue + "'");
        }
        return level;
    }

    /**
     * Sets {@value #ENV} in this process as {@link #choose} decides; returns the level set, or null when none was.
     *
     * @throws IllegalStateException when the C library refuses
     */
    static String apply() {
        String level = choose(System.getenv(ENV), System.getProperty(PROPERTY));
        if (level != null) {
            setenv(ENV, level);
        }
        return level;
    }

    private static void setenv(String name, String value) {
        int rc;
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            // the universal C runtime's environment, which TensorFlow's getenv reads
            rc = Native.load("ucrtbase", WindowsCrt.class)._putenv_s(name, value);
        } else {
            rc = Native.load("c", PosixLibc.class).setenv(name, value, 1);
        }
        if (rc != 0) {
            throw new IllegalStateException("Could not set " + name + " in this process (error " + rc + ")");
        }
    }

    /** The POSIX C library's {@code setenv}. */
    interface PosixLibc extends Library {
        int setenv(String name, String value, int overwrite);
    }

    /** The Windows C runtime's {@code _putenv_s}. */
    interface WindowsCrt extends Library {
        int _putenv_s(String name, String value);
    }
}
