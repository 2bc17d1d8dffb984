package org.convscope.keras;

/** The model configuration (the JSON) is missing something or holds a value of the wrong type. */
public class InvalidConfigException extends KerasLoadException {
    /**
     * An invalid-configuration error.
     * @param message names the file, the layer and what was expected
     */
    public InvalidConfigException(String message) { super(message); }

    /**
     * An invalid-configuration error with its cause.
     * @param message names the file, the layer and what was expected
     * @param cause the underlying error
     */
    public InvalidConfigException(String message, Throwable cause) { super(message, cause); }
}
