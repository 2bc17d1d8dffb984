/**
 * Loads Keras models in pure Java: legacy {@code .h5}/{@code .hdf5} files (Keras 2.0 to 3), Keras 3
 * {@code .keras} archives and {@code .weights.h5} files, into {@link org.convscope.graph.Graph}s of
 * core layers. Start with {@link org.convscope.keras.KerasModel#load(java.nio.file.Path)}.
 *
 * <p>Exported: {@code org.convscope.keras} (the model and the loading exceptions) and
 * {@code org.convscope.keras.summary} (the rows of {@code model.summary()}) and {@code org.convscope.keras.check} (comparing every layer with a reference file written by Keras). The config parser,
 * the HDF5 and zip readers and the layer factory are internal.
 *
 * <p>jhdf has no module descriptor; its jar names itself {@code io.jhdf} (Automatic-Module-Name),
 * so the name is stable. An automatic module cannot declare what it needs, and on the module path
 * only automatic modules come along with it; the explicit modules jhdf uses (SLF4J's API, Commons
 * Lang, LZF) are therefore required here, so that they resolve without {@code --add-modules}.
 * Jackson databind is a named module.
 */
@SuppressWarnings("requires-automatic")
module org.convscope.keras {
    requires transitive org.convscope.core;
    requires com.fasterxml.jackson.databind;
    requires io.jhdf;
    // jhdf's own dependencies that are explicit modules (see above)
    requires org.slf4j;
    requires org.apache.commons.lang3;
    requires com.ning.compress.lzf;

    exports org.convscope.keras;
    exports org.convscope.keras.summary;
    exports org.convscope.keras.check;
}
