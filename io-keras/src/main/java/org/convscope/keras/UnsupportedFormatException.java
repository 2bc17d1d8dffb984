package org.convscope.keras;

/** The file is not one of the supported Keras formats (SavedModel, .pb, ONNX, PyTorch, ...). */
public class UnsupportedFormatException extends KerasLoadException {
    /**
     * An unsupported-format error.
     * @param message names the file and its format
     */
    public UnsupportedFormatException(String message) { super(message); }
}
