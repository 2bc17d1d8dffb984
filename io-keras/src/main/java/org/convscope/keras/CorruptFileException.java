package org.convscope.keras;

/** The file is truncated or damaged: the HDF5 or zip structure cannot be read safely. */
public class CorruptFileException extends KerasLoadException {
    /**
     * A corrupt-file error.
     * @param message names the file and what could not be read
     */
    public CorruptFileException(String message) { super(message); }

    /**
     * A corrupt-file error with its cause.
     * @param message names the file and what could not be read
     * @param cause the underlying error
     */
    public CorruptFileException(String message, Throwable cause) { super(message, cause); }
}
