package io.fer.examples;

import io.fer.models.Backbone;
import io.fer.train.protocol.ProtocolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Turns command-line text into values; a bad value is a usage error (exit 2) whose message names it. */
final class Converters {
    private Converters() {}

    /** {@code b0}..{@code b7} or {@code cnn}. */
    static final class BackboneConverter implements ITypeConverter<Backbone> {
        @Override
        public Backbone convert(String value) {
            try {
                return Backbone.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A protocol such as {@code random:0.9} or {@code subject-kfold:10}. */
    static final class ProtocolConverter implements ITypeConverter<ProtocolSpec> {
        @Override
        public ProtocolSpec convert(String value) {
            try {
                return ProtocolSpec.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code auto} (0: the backbone's own) or a size in pixels. */
    static final class InputSizeConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            if (value.trim().equalsIgnoreCase("auto")) {
                return 0;
            }
            int size = integer(value, "input size");
            if (size < 8) {
                throw new TypeConversionException("input size must be at least 8 pixels, got " + size);
            }
            return size;
        }
    }

    /** A size in pixels (no {@code auto}), e.g. one of table 1's input sizes. */
    static final class PixelsConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int size = new InputSizeConverter().convert(value);
            if (size == 0) {
                throw new TypeConversionException("input sizes must be numbers of pixels, not auto");
            }
            return size;
        }
    }

    /** Epochs of both phases, {@code FEATURE_EXTRACTION,FINE_TUNING}, e.g. {@code 50,50}. */
    static final class EpochsConverter implements ITypeConverter<Epochs> {
        @Override
        public Epochs convert(String value) {
            if (value.trim().equals("auto")) {
                return null; // chosen by the starting weights, see TrainingOptions
            }
            List<String> p = parts(value, "epochs");
            if (p.size() != 2) {
                throw new TypeConversionException("epochs must be two numbers, phase 1 and phase 2, e.g. 50,50; got '"
                        + value + "'");
            }
            int first = integer(p.get(0), "epochs");
            int second = integer(p.get(1), "epochs");
            if (first < 0 || second < 0 || first + second == 0) {
                throw new TypeConversionException("epochs must be 0 or more and not both 0, got '" + value + "'");
            }
            return new Epochs(first, second);
        }
    }

    /** Learning rates of both phases, e.g. {@code 1e-3,1e-4}. */
    static final class LearningRatesConverter implements ITypeConverter<LearningRates> {
        @Override
        public LearningRates convert(String value) {
            if (value.trim().equals("auto")) {
                return null; // chosen by the starting weights, see TrainingOptions
            }
            List<String> p = parts(value, "learning rates");
            if (p.size() != 2) {
                throw new TypeConversionException("learning rates must be two numbers, phase 1 and phase 2, e.g. "
                        + "1e-3,1e-4; got '" + value + "'");
            }
            double first = decimal(p.get(0), "learning rate");
            double second = decimal(p.get(1), "learning rate");
            if (!(first > 0) || !(second > 0) || Double.isInfinite(first) || Double.isInfinite(second)) {
                throw new TypeConversionException("learning rates must be positive, got '" + value + "'");
            }
            return new LearningRates(first, second);
        }
    }

    /** Epochs of phase 1 (feature extraction) and phase 2 (fine-tuning). */
    record Epochs(int featureExtraction, int fineTuning) {
        @Override
        public String toString() {
            return featureExtraction + "," + fineTuning;
        }
    }

    /** Adam learning rates of phase 1 and phase 2. */
    record LearningRates(double featureExtraction, double fineTuning) {
        @Override
        public String toString() {
            return plain(featureExtraction) + "," + plain(fineTuning);
        }
    }

    /** A number without exponent or trailing zeros, e.g. {@code 0.0001}. */
    static String plain(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static List<String> parts(String value, String what) {
        List<String> parts = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String p = part.trim();
            if (p.isEmpty()) {
                throw new TypeConversionException("empty item in " + what + " '" + value + "'");
            }
            parts.add(p.toLowerCase(Locale.ROOT));
        }
        return parts;
    }

    private static int integer(String text, String what) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException(what + " must be a whole number, got '" + text + "'");
        }
    }

    private static double decimal(String text, String what) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException(what + " must be a number, got '" + text + "'");
        }
    }
}
