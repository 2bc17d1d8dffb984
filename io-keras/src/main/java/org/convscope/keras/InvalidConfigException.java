package org.convscope.keras;

/** The model configuration (the JSON) is missing something or holds a value of the wrong type. */
public class InvalidConfigException extends KerasLoadException {
    public InvalidConfigException(String message) { super(message); }

    public InvalidConfigException(String message, Throwable cause) { super(message, cause); }
}
