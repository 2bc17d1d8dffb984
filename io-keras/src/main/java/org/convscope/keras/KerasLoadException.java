package org.convscope.keras;

/**
 * The one exception type the Keras loader throws for a file it cannot load. The message names the
 * file and, where known, the HDF5 path or zip entry, the layer and its Keras class, and what was
 * expected. Subclasses tell the kinds apart for callers that care.
 */
public class KerasLoadException extends RuntimeException {
    public KerasLoadException(String message) { super(message); }

    public KerasLoadException(String message, Throwable cause) { super(message, cause); }
}
