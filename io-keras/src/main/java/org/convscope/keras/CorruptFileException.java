package org.convscope.keras;

/** The file is truncated or damaged: the HDF5 or zip structure cannot be read safely. */
public class CorruptFileException extends KerasLoadException {
    public CorruptFileException(String message) { super(message); }

    public CorruptFileException(String message, Throwable cause) { super(message, cause); }
}
