package io.fer.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The eight facial expressions of CK+ (seven basic emotions plus contempt), in CK+'s code order.
 *
 * <p>{@link #ckPlusCode()} is the number CK+ stores in its emotion files; {@link #label()} the lower-case name used in
 * model directories, reports and the command line.
 */
public enum Expression {
    NEUTRAL("neutral"),
    ANGER("anger", "angry"),
    CONTEMPT("contempt", "contemptuous"),
    DISGUST("disgust", "disgusted"),
    FEAR("fear", "fearful", "afraid", "scared"),
    HAPPY("happy", "happiness", "joy"),
    SADNESS("sadness", "sad"),
    SURPRISE("surprise", "surprised");

    private final String label;
    private final String[] synonyms;

    Expression(String label, String... synonyms) {
        this.label = label;
        this.synonyms = synonyms;
    }

    /** Lower-case name, e.g. {@code "happy"}. */
    public String label() {
        return label;
    }

    /** The code CK+ uses in its {@code *_emotion.txt} files (0 neutral … 7 surprise). */
    public int ckPlusCode() {
        return ordinal();
    }

    /** The expression of a CK+ emotion code, if it is one of 0..7. */
    public static Optional<Expression> fromCkPlusCode(int code) {
        Expression[] all = values();
        return code >= 0 && code < all.length ? Optional.of(all[code]) : Optional.empty();
    }

    private static final Map<String, Expression> BY_NAME = Arrays.stream(values())
            .flatMap(e -> java.util.stream.Stream.concat(java.util.stream.Stream.of(e.label), Arrays.stream(e.synonyms))
                    .map(n -> Map.entry(n, e)))
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

    /** The expression named {@code name} or one of its usual synonyms ("angry", "sad", "surprised" …), any case. */
    public static Optional<Expression> fromName(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name.trim().toLowerCase(Locale.ROOT)));
    }

    /** Every accepted name, for error messages. */
    public static String acceptedNames() {
        return Arrays.stream(values())
                .map(e -> e.label + (e.synonyms.length == 0 ? "" : " (" + String.join(", ", e.synonyms) + ")"))
                .collect(Collectors.joining(", "));
    }
}
