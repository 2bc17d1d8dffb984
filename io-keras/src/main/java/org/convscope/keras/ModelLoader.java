package org.convscope.keras;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Optional;
import org.convscope.activation.KerasFlavor;
import org.convscope.keras.archive.KerasArchive;
import org.convscope.keras.config.ConfigParser;
import org.convscope.keras.config.KerasVersion;
import org.convscope.keras.config.ModelSpec;
import org.convscope.keras.h5.H5File;
import org.convscope.keras.h5.Keras3Weights;
import org.convscope.keras.h5.LegacyWeights;
import org.convscope.keras.layers.AssembledModel;
import org.convscope.keras.layers.GraphAssembler;
import org.convscope.keras.layers.LayerFactory;
import org.convscope.keras.layers.WeightSource;
import org.convscope.keras.limits.LoadLimits;
import org.convscope.keras.limits.Quote;

/**
 * Reads the three Keras formats into a {@link KerasModel}. Every file is read into memory once
 * and parsed from there; the bytes are dropped when loading ends.
 */
final class ModelLoader {
    private ModelLoader() {}

    /** An architecture: the parsed spec and the Keras version that wrote it. */
    private record Architecture(ModelSpec spec, KerasVersion version) { }

    static KerasModel loadFull(Path path) {
        return safely(path, () -> loadFull0(path));
    }

    static KerasModel loadWeights(Path weightsPath, Path archPath) {
        return safely(weightsPath, () -> loadWeights0(weightsPath, archPath));
    }

    /**
     * The last safety net: whatever escapes the checks above (a bug, or a damaged file reaching a
     * code path nobody foresaw) still comes out as a {@link KerasLoadException} naming the file.
     */
    private static KerasModel safely(Path path, java.util.function.Supplier<KerasModel> load) {
        try {
            return load.get();
        } catch (KerasLoadException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            // Never blamed on the file: the budgets (LoadLimits) should have refused it first, so say what it is.
            throw new LoadLimitException(path + ": ran out of memory while loading (this JVM's maximum heap is "
                    + org.convscope.keras.limits.LoadLimits.heap() + "); this is a memory limit, not a damaged file: raise -Xmx", e);
        } catch (RuntimeException | StackOverflowError e) {
            throw new KerasLoadException(path + ": cannot load the model (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + Quote.cut(e.getMessage(), 1000)) + ")", e);
        }
    }

    /** Loads a full model from bytes already in memory ({@code path} names it in messages; it is never opened). */
    static KerasModel loadFull(Path path, byte[] fileBytes) {
        return safely(path, () -> {
            FileReading.checkSize(path, fileBytes.length); // the same budget as a file read from the disk
            return fromBytes(path, fileBytes);
        });
    }

    /**
     * Loads weights held in memory into an architecture held in memory (the labels name them in
     * messages; neither is opened). Used by tests that fuzz the weights-plus-architecture format.
     */
    static KerasModel loadWeights(Path weightsLabel, byte[] weights, Path archLabel, byte[] architecture) {
        return safely(weightsLabel, () -> {
            FileReading.checkSize(archLabel, architecture.length);
            FileReading.checkSize(weightsLabel, weights.length);
            return weightsFromBytes(weightsLabel, weights, archLabel, architecture);
        });
    }

    /** A path that only names an in-memory file in messages; a name that is no valid path is refused. */
    static Path label(String fileName) {
        if (fileName == null || fileName.isBlank()) throw new IllegalArgumentException("a file name is needed to name the model in messages");
        try {
            return Path.of(fileName);
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException("not usable as a file name: " + e.getMessage(), e);
        }
    }

    private static KerasModel loadFull0(Path path) {
        return fromBytes(path, readFile(path));
    }

    private static KerasModel fromBytes(Path path, byte[] fileBytes) {
        byte[] bytes = fileBytes;
        String name = path.toString();
        switch (FileKind.detect(path, bytes)) {
            case HDF5 -> {
                try (H5File h5 = H5File.open(name, bytes)) {
                    Optional<String> config = h5.stringAttribute("/", "model_config");
                    if (config.isEmpty()) {
                        boolean weightsOnly = h5.isGroup("/layers") || h5.stringListAttribute("/", "layer_names").isPresent();
                        throw new KerasLoadException(name + (weightsOnly
                                ? ": is a weights-only file (save_weights) with no model_config attribute; load it with "
                                        + "KerasModel.load(weights, architecture), giving the .keras, .h5 or model.to_json() file that describes the model"
                                : ": HDF5 file without a 'model_config' attribute: not a Keras model saved with model.save()"));
                    }
                    Architecture arch = architecture(name, config.get(), h5.stringAttribute("/", "keras_version")
                            .or(() -> h5.stringAttribute("/model_weights", "keras_version")).orElse(null), "the 'model_config' attribute");
                    if (!h5.isGroup("/model_weights")) {
                        throw new WeightMismatchException(name + ": the file has a model_config but no /model_weights group (saved without weights?)");
                    }
                    return build(path, arch, new LegacyWeights(h5, "/model_weights"), name);
                }
            }
            case KERAS_ZIP -> {
                KerasArchive zip = KerasArchive.read(name, bytes);
                bytes = null; // the archive holds what it needs
                Architecture arch = fromArchive(name, zip);
                try (H5File h5 = H5File.open(zip.entryName(KerasArchive.WEIGHTS), zip.entry(KerasArchive.WEIGHTS))) {
                    return build(path, arch, new Keras3Weights(h5, arch.spec()), zip.entryName(KerasArchive.CONFIG));
                }
            }
            case JSON -> throw new KerasLoadException(name + ": is a JSON architecture without weights (model.to_json()); load it with "
                    + "KerasModel.load(weights, architecture), giving the .weights.h5 file first");
            default -> throw new IllegalStateException();
        }
    }

    private static KerasModel loadWeights0(Path weightsPath, Path archPath) {
        byte[] archBytes = readFile(archPath);
        return weightsFromBytes(weightsPath, readFile(weightsPath), archPath, archBytes);
    }

    private static KerasModel weightsFromBytes(Path weightsPath, byte[] bytes, Path archPath, byte[] archBytes) {
        Architecture arch = readArchitecture(archPath, archBytes);
        String name = weightsPath.toString();
        if (FileKind.detect(weightsPath, bytes) != FileKind.HDF5) {
            throw new UnsupportedFormatException(name + ": the weights file must be HDF5 (.weights.h5 from save_weights, or a legacy .h5)");
        }
        try (H5File h5 = H5File.open(name, bytes)) {
            WeightSource ws;
            if (h5.isGroup("/layers")) ws = new Keras3Weights(h5, arch.spec());
            else if (h5.isGroup("/model_weights")) ws = new LegacyWeights(h5, "/model_weights");
            else if (h5.stringListAttribute("/", "layer_names").isPresent()) ws = new LegacyWeights(h5, "");
            else if (h5.isGroup("/vars")) ws = new Keras3Weights(h5, arch.spec()); // a model without any layer weights
            else {
                throw new WeightMismatchException(name + ": HDF5 file with no Keras weights (expected a /layers group as written by "
                        + "Keras 3 save_weights, or a layer_names attribute as written by Keras 2)");
            }
            return build(weightsPath, arch, ws, archPath.toString());
        }
    }

    private static Architecture readArchitecture(Path path, byte[] bytes) {
        String name = path.toString();
        return switch (FileKind.detect(path, bytes)) {
            case HDF5 -> {
                try (H5File h5 = H5File.open(name, bytes)) {
                    String config = h5.stringAttribute("/", "model_config").orElseThrow(() -> new KerasLoadException(name
                            + ": has no 'model_config' attribute, so it cannot serve as the architecture (a weights-only file?)"));
                    yield architecture(name, config, h5.stringAttribute("/", "keras_version").orElse(null), "the 'model_config' attribute");
                }
            }
            case KERAS_ZIP -> fromArchive(name, KerasArchive.read(name, bytes));
            case JSON -> {
                LoadLimits.checkConfig(name, "the JSON architecture", bytes.length);
                String json = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
                ConfigParser p = new ConfigParser(name);
                JsonNode root = p.readTree(json, "the JSON architecture");
                String v = root.hasNonNull("keras_version") && root.get("keras_version").isTextual() ? root.get("keras_version").textValue() : null;
                yield new Architecture(p.model(root, "the JSON architecture", 0), version(v, json));
            }
        };
    }

    private static Architecture fromArchive(String name, KerasArchive zip) {
        String entry = zip.entryName(KerasArchive.CONFIG);
        String version = null;
        if (zip.has(KerasArchive.METADATA)) {
            JsonNode meta = new ConfigParser(zip.entryName(KerasArchive.METADATA)).readTree(zip.text(KerasArchive.METADATA), "metadata.json");
            if (meta.hasNonNull("keras_version") && meta.get("keras_version").isTextual()) version = meta.get("keras_version").textValue();
        }
        return architecture(entry, zip.text(KerasArchive.CONFIG), version == null ? "3" : version, "config.json");
    }

    private static Architecture architecture(String name, String json, String version, String what) {
        ModelSpec spec = new ConfigParser(name).parseModel(json, what);
        return new Architecture(spec, version(version, json));
    }

    /** The version as written; when absent, Keras 3 configs are recognised by their "module" keys. */
    private static KerasVersion version(String text, String json) {
        if (text != null && !text.isBlank()) return KerasVersion.of(text);
        boolean k3 = json.contains("\"__keras_tensor__\"") || json.contains("\"module\": \"keras");
        return new KerasVersion(null, k3 ? 3 : 2);
    }

    /** @param configName the file (or zip entry) the architecture came from, for messages about layers */
    private static KerasModel build(Path path, Architecture arch, WeightSource ws, String configName) {
        KerasFlavor flavor = arch.version().isKeras3() ? KerasFlavor.KERAS3 : KerasFlavor.KERAS2;
        GraphAssembler assembler = new GraphAssembler(configName, new LayerFactory(configName, flavor));
        AssembledModel m = assembler.assemble(arch.spec(), ws);
        return new KerasModel(path, arch.spec(), arch.version(), m);
    }

    /**
     * Reads a whole file, refusing folders, anything but a regular file (FIFOs, devices, sockets),
     * link loops and files over the budget with clear messages ({@link FileReading}).
     */
    static byte[] readFile(Path path) {
        return FileReading.read(path);
    }
}
