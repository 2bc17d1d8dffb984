package org.convscope.keras;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.convscope.keras.h5.HdfSignature;

/**
 * What a file is, told from its first bytes (and its name only where bytes cannot tell), so that an
 * unsupported format gets a clear message instead of a parser error.
 */
enum FileKind {
    HDF5, KERAS_ZIP, JSON;

    static final String SUPPORTED = "supported: a Keras .h5/.hdf5 file (model.save), a Keras 3 .keras archive, "
            + "or a .weights.h5 file together with its architecture (.keras, .h5 or model.to_json() .json)";

    /** Refuses folders (SavedModel) and non-Keras formats with a message that says what is supported. */
    static void rejectFolder(Path path) {
        if (Files.isDirectory(path)) {
            boolean savedModel = Files.exists(path.resolve("saved_model.pb")) || Files.exists(path.resolve("saved_model.pbtxt"));
            throw new UnsupportedFormatException(path + ": is a " + (savedModel ? "TensorFlow SavedModel folder" : "folder")
                    + ", which convscope does not read; " + SUPPORTED + ". Save the model with model.save(\"model.keras\") or model.save(\"model.h5\").");
        }
    }

    /** Detects the kind of {@code bytes} read from {@code path}. */
    static FileKind detect(Path path, byte[] bytes) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (bytes.length == 0) throw new CorruptFileException(path + ": the file is empty; " + SUPPORTED);
        if (HdfSignature.present(bytes)) return HDF5;
        boolean zip = bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
        if (zip) {
            if (name.endsWith(".pt") || name.endsWith(".pth") || name.endsWith(".ckpt")) throw other(path, "a PyTorch checkpoint (zip)");
            return KERAS_ZIP;
        }
        int i = 0;
        while (i < bytes.length && i < 4096 && Character.isWhitespace(bytes[i])) i++;
        if (i < bytes.length && bytes[i] == '{') return JSON;
        if (name.endsWith(".onnx")) throw other(path, "an ONNX model");
        if (name.endsWith(".pb") || name.endsWith(".pbtxt")) throw other(path, "a TensorFlow protobuf graph (.pb)");
        if (name.endsWith(".pt") || name.endsWith(".pth") || (bytes.length > 1 && (bytes[0] & 0xff) == 0x80 && bytes[1] <= 5)) {
            throw other(path, "a PyTorch / pickle file");
        }
        if (name.endsWith(".tflite") || (bytes.length >= 8 && bytes[4] == 'T' && bytes[5] == 'F' && bytes[6] == 'L')) {
            throw other(path, "a TensorFlow Lite model");
        }
        if (name.endsWith(".h5") || name.endsWith(".hdf5") || name.endsWith(".keras")) {
            throw new CorruptFileException(path + ": named like a Keras file but it is neither HDF5 (no HDF5 signature) nor a zip"
                    + " archive; the file is damaged or truncated");
        }
        throw new UnsupportedFormatException(path + ": unknown file format (neither HDF5, nor a .keras zip, nor JSON); " + SUPPORTED);
    }

    private static UnsupportedFormatException other(Path path, String what) {
        return new UnsupportedFormatException(path + ": looks like " + what + ", which convscope does not read; " + SUPPORTED
                + ". Export the model from Keras with model.save(\"model.keras\").");
    }
}
