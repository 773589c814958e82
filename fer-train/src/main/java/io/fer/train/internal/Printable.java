package io.fer.train.internal;

/**
 * Makes text from outside (file names, labels, error messages) safe to print on a terminal or in a table: control
 * characters, including newlines, tabs and the ESC of ANSI sequences, become visible escapes ({@code \n},
 * {@code \t}, {@code \x1b}, {@code \u202e} for bidirectional overrides), and a backslash is doubled, so that a file
 * name cannot forge a row, move the cursor or recolour the terminal, and two different names never print the same.
 */
public final class Printable {
    private Printable() {}

    /** {@code text} with every control or format character escaped; null stays null. */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = replacement(c);
            if (replacement != null && b == null) {
                b = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (b != null) {
                b.append(replacement != null ? replacement : String.valueOf(c));
            }
        }
        return b == null ? text : b.toString();
    }

    private static String replacement(char c) {
        switch (c) {
            case '\\':
                return "\\\\";
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                break;
        }
        int type = Character.getType(c);
        if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR) {
            return c <= 0xFF ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c);
        }
        return null;
    }
}
