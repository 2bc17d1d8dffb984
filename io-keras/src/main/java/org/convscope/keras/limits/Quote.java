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
        if (s.length() <= max) return s;
        int keep = Math.max(0, max);
        if (keep > 0 && Character.isHighSurrogate(s.charAt(keep - 1))) keep--;
        return s.substring(0, keep) + "... (" + s.length() + " characters, cut)";
    }

    /**
     * A whole message capped at {@value #MAX_MESSAGE} characters: its start (which names the file)
     * and its end (which usually says what was expected) are kept, the middle is cut and counted.
     *
     * @param message the message
     * @return the message, capped
     */
    public static String message(String message) {
        if (message == null || message.length() <= MAX_MESSAGE) return message;
        int head = MAX_MESSAGE * 3 / 4;
        int tail = MAX_MESSAGE / 5;
        if (Character.isHighSurrogate(message.charAt(head - 1))) head--;
        int from = message.length() - tail;
        if (Character.isLowSurrogate(message.charAt(from))) from++;
        return message.substring(0, head) + " ... (" + (from - head) + " characters cut) ... " + message.substring(from);
    }
}
