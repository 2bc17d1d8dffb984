package org.convscope.viz.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.convscope.keras.KerasModel;

/**
 * Loads Keras model files for the viz tools, and the bundled default model.
 *
 * <p>Class names come from a text file beside the model, {@code <name without extension>.classes.txt},
 * one name per line, when there is one (the bundled model has one).
 */
public final class ModelLoader {
    /** Resource folder of the bundled defaults. */
    public static final String DEFAULTS = "/org/convscope/viz/defaults/";
    /** File name of the bundled model. */
    public static final String DEFAULT_MODEL = "fer2013_big_XCEPTION.54-0.66.hdf5";
    /** File name of the bundled image. */
    public static final String DEFAULT_IMAGE = "astronaut.png";

    private ModelLoader() {}

    /**
     * Loads a Keras model file and the class names beside it.
     *
     * @param file a {@code .h5}/{@code .hdf5} or {@code .keras} file
     * @return the model, named by its file name
     * @throws IllegalArgumentException naming the file when it is missing, a directory or unreadable
     * @throws org.convscope.keras.KerasLoadException (or a subclass) naming the file when it is not a
     *                                  model convscope can load
     * @throws java.io.UncheckedIOException when the class-name file cannot be read
     */
    public static LoadedModel load(Path file) {
        return load(file, false);
    }

    /**
     * Loads a Keras model file and the class names beside it. The graph is
     * {@link org.convscope.graph.Graph#flattened() flattened}: the layers of a nested model (a
     * pretrained base inside a transfer-learning model) are nodes of their own, named by their path
     * {@code base/inner}, so every picture, table and layer option reaches them.
     *
     * @param file         a {@code .h5}/{@code .hdf5} or {@code .keras} file
     * @param expandNested true for a summary that lists the layers of nested models under their row
     *                     (Keras's {@code expand_nested=True})
     * @return the model, named by its file name
     * @throws IllegalArgumentException naming the file when it is missing, a directory or unreadable
     * @throws org.convscope.keras.KerasLoadException (or a subclass) naming the file when it is not a
     *                                  model convscope can load
     * @throws java.io.UncheckedIOException when the class-name file cannot be read
     */
    public static LoadedModel load(Path file, boolean expandNested) {
        if (!Files.exists(file)) throw new IllegalArgumentException(file + ": no such file");
        if (Files.isDirectory(file)) throw new IllegalArgumentException(file + ": is a directory, not a Keras model file");
        if (!Files.isReadable(file)) throw new IllegalArgumentException(file + ": cannot be read (permission denied)");
        String kind = FileKind.of(file);
        if (FileKind.isImage(kind) || kind != null && kind.startsWith("a GIF") || kind != null && kind.startsWith("a RIFF")) {
            throw new IllegalArgumentException(file + ": this is " + kind + ", not a Keras model file (.h5/.hdf5/.keras); MODEL comes first, then IMAGE");
        }
        KerasModel model = KerasModel.load(file);
        return new LoadedModel(file.getFileName().toString(), model.graph().flattened(), model.summary(expandNested), classNames(file));
    }

    /**
     * {@return the class names from {@code <model name without extension>.classes.txt} beside the
     * model (blank lines skipped, names stripped), or an empty list when there is no such file}
     *
     * @param modelFile the model file
     * @throws java.io.UncheckedIOException naming the file when it exists but cannot be read
     */
    public static List<String> classNames(Path modelFile) {
        String n = modelFile.getFileName().toString();
        int dot = n.lastIndexOf('.');
        Path names = modelFile.resolveSibling((dot > 0 ? n.substring(0, dot) : n) + ".classes.txt");
        if (!Files.isRegularFile(names)) return List.of();
        try {
            List<String> out = new ArrayList<>();
            for (String line : Files.readAllLines(names, StandardCharsets.UTF_8)) if (!line.isBlank()) out.add(line.strip());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(names + ": cannot read the class names (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Copies a bundled resource (and, for the model, its class-name file) into a private temporary
     * folder and returns the copy's path; the folder is removed when the JVM exits.
     *
     * @param fileName {@link #DEFAULT_MODEL} or {@link #DEFAULT_IMAGE}
     * @return the path of the copy
     * @throws java.io.UncheckedIOException if the resource is missing or cannot be copied
     */
    public static Path extractDefault(String fileName) {
        try {
            Path dir = Files.createTempDirectory("convscope-defaults");
            dir.toFile().deleteOnExit();
            Path target = copy(fileName, dir);
            if (fileName.equals(DEFAULT_MODEL)) {
                copy(DEFAULT_MODEL.substring(0, DEFAULT_MODEL.lastIndexOf('.')) + ".classes.txt", dir);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack the bundled " + fileName + " (" + e.getMessage() + ")", e);
        }
    }

    private static Path copy(String name, Path dir) throws IOException {
        try (InputStream in = ModelLoader.class.getResourceAsStream(DEFAULTS + name)) {
            if (in == null) throw new IOException("resource " + DEFAULTS + name + " is missing from the class path");
            Path p = dir.resolve(name);
            Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
            p.toFile().deleteOnExit();
            return p;
        }
    }
}
