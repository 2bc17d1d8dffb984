package org.convscope.keras;

/** The file is not one of the supported Keras formats (SavedModel, .pb, ONNX, PyTorch, ...). */
public class UnsupportedFormatException extends KerasLoadException {
    public UnsupportedFormatException(String message) { super(message); }
}
