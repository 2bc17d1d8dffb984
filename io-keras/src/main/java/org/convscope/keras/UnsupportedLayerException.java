package org.convscope.keras;

/** A layer class (or a layer option) that convscope does not run: Lambda, custom layers, channels_first... */
public class UnsupportedLayerException extends KerasLoadException {
    /**
     * An unsupported-layer error.
     * @param message names the file, the layer and its Keras class
     */
    public UnsupportedLayerException(String message) { super(message); }
}
