package io.fer.train.data;

import io.fer.core.Expression;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The class labels of a data set: any names, with fer's {@link Expression}s as the known vocabulary.
 *
 * <p>A label is the lower-case, trimmed name it was given ("pain", "yawn"), except that an expression's usual names
 * and synonyms become that expression's label ("Angry" and "anger" are both {@code "anger"}), so that data sets and
 * models that name the same expression differently agree. Labels are ordered with the known expressions first, in
 * {@link Expression} order, then the others alphabetically: the order a model's outputs use.
 */
public final class ClassLabels {
    /** Longest label accepted, so that reports and file names stay readable. */
    public static final int MAX_LENGTH = 64;

    /** Known expressions first (in enum order), then other labels alphabetically. */
    public static final Comparator<String> ORDER = Comparator
            .comparingInt((String label) -> Expression.fromName(label).map(Enum::ordinal)
                    .orElse(Expression.values().length))
            .thenComparing(Comparator.naturalOrder());

    private ClassLabels() {}

    /**
     * The label for {@code name}: an expression's label when it names one (any case, usual synonyms), otherwise the
     * trimmed lower-case name.
     *
     * @throws IllegalArgumentException if the name is blank, longer than {@link #MAX_LENGTH} characters, or holds a
     *     control character or a path separator
     */
    public static String of(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A class label must not be blank, got " + quoted(name));
        }
        String label = name.trim().toLowerCase(Locale.ROOT);
        if (label.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("The class label " + quoted(name) + " is longer than " + MAX_LENGTH
                    + " characters");
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (Character.isISOControl(c) || c == '/' || c == '\\') {
                throw new IllegalArgumentException("The class label " + quoted(name)
                        + " holds a control character or a path separator");
            }
        }
        return Expression.fromName(label).map(Expression::label).orElse(label);
    }

    /** Whether a label is one of fer's known expressions. */
    public static boolean isExpression(String label) {
        return Expression.fromName(label).isPresent();
    }

    /** The distinct labels in {@link #ORDER}. */
    public static List<String> ordered(Collection<String> labels) {
        return labels.stream().map(ClassLabels::of).distinct().sorted(ORDER).toList();
    }

    private static String quoted(String name) {
        return name == null ? "null" : "\"" + name.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
