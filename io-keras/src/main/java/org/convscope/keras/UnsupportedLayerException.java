package org.convscope.keras;

/** A layer class (or a layer option) that convscope does not run: Lambda, custom layers, channels_first... */
public class UnsupportedLayerException extends KerasLoadException {
    public UnsupportedLayerException(String message) { super(message); }
}
