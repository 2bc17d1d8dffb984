package org.convscope.keras;

/** The three Keras file formats the loader fuzz suite mutates. */
enum FuzzFormat {
    /** A legacy {@code .h5}/{@code .hdf5} from {@code model.save}: model_config plus /model_weights. */
    H5(".h5"),
    /** A Keras 3 {@code .keras} zip: config.json, metadata.json, model.weights.h5. */
    KERAS(".keras"),
    /** A Keras 3 {@code .weights.h5} loaded into a JSON architecture ({@code config.json}). */
    WEIGHTS(".weights.h5+json");

    final String label;

    FuzzFormat(String label) { this.label = label; }
}
