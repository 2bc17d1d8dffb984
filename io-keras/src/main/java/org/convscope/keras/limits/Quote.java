package org.convscope.keras.limits;

/**
 * Cuts values taken from a file (names, strings, shapes, lists) to a readable length before they go
 * into a message, and says so: a hostile file may hold a 40 MiB class name, and an error message
 * must stay one readable line. Every loader message that quotes file content goes through here, and
 * {@link org.convscope.keras.KerasLoadException} caps a whole message with {@link #message}.
 */
public final class Quote {
    /** The most characters of one quoted value. */
    public static final int MAX_VALUE = 200;
    /** The most characters of a whole message. */
    public static final int MAX_MESSAGE = 2000;

    private Quote() {}

    /**
     * A value for a message: as it is when short, else its first {@value #MAX_VALUE} characters and
     * how long it was.
     *
     * @param value any value (null gives "null")
     * @return the value, cut to a readable length
     */
    public static String cut(Object value) {
        return cut(String.valueOf(value), MAX_VALUE);
    }

    /**
     * A value cut to at most about {@code max} characters, saying how long it was.
     *
     * @param s the text
     * @param max the most characters kept
     * @return the text, cut
     */
    public static String cut(String s, int max) {
        if (s == null) return "null";
        if (s.length() <= max) return oneLine(s);
        int keep = Math.max(0, max);
        if (keep > 0 && Character.isHighSurrogate(s.charAt(keep - 1))) keep--;
        return oneLine(s.substring(0, keep)) + "... (" + s.length() + " characters, cut)";
    }

    /**
     * The text with line breaks, tabs and other control characters written as escapes ({@code \n},
     * {@code \u0000}), so that bytes of a damaged file quoted in a message keep it on one line.
     *
     * @param s the text
     * @return the text on one line
     */
    public static String oneLine(String s) {
        if (s == null) return null;
        int i = 0;
        while (i < s.length() && !isControl(s.charAt(i))) i++;
        if (i == s.length()) return s;
        StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isControl(c)) sb.append(c);
            else if (c == '\n') sb.append("\\n");
            else if (c == '\r') sb.append("\\r");
            else if (c == '\t') sb.append("\\t");
            else sb.append(String.format("\\u%04x", (int) c));
        }
        return sb.toString();
    }

    private static boolean isControl(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }

    /**
     * A whole message on one line ({@link #oneLine}) and capped at {@value #MAX_MESSAGE} characters:
     * its start (which names the file) and its end (which usually says what was expected) are kept,
     * the middle is cut and counted.
     *
     * @param message the message
     * @return the message, capped
     */
    public static String message(String message) {
        if (message == null) return null;
        message = oneLine(message);
        if (message.length() <= MAX_MESSAGE) return message;
        int head = MAX_MESSAGE * 3 / 4;
        int tail = MAX_MESSAGE / 5;
        if (Character.isHighSurrogate(message.charAt(head - 1))) head--;
        int from = message.length() - tail;
        if (Character.isLowSurrogate(message.charAt(from))) from++;
        return message.substring(0, head) + " ... (" + (from - head) + " characters cut) ... " + message.substring(from);
    }
}
