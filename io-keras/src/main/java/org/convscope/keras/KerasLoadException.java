package org.convscope.keras;

/**
 * The one exception type the Keras loader throws for a file it cannot load. The message names the
 * file and, where known, the HDF5 path or zip entry, the layer and its Keras class, and what was
 * expected. Subclasses tell the kinds apart for callers that care. A message is one readable line:
 * values quoted from the file are cut, and the whole message is capped at a few thousand characters.
 */
public class KerasLoadException extends RuntimeException {
    /**
     * A loading error.
     * @param message names the file and what went wrong
     */
    public KerasLoadException(String message) { super(org.convscope.keras.limits.Quote.message(message)); }

    /**
     * A loading error with its cause.
     * @param message names the file and what went wrong
     * @param cause the underlying error
     */
    public KerasLoadException(String message, Throwable cause) { super(org.convscope.keras.limits.Quote.message(message), cause); }
}
