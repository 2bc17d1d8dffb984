/**
 * Pictures of what a model sees: feature-map grids, kernel grids, the filter/detect/condense
 * pipeline, activation statistics and the HTML report, plus the {@code convscope} command line.
 *
 * <p>Exported: {@code model} (loading a model with its class names, image preparation, the bundled
 * default model and face), {@code maps}, {@code kernels}, {@code pipeline}, {@code render},
 * {@code color}, {@code stats}, {@code report}, {@code features} and {@code explain}. The command line ({@code org.convscope.viz.cli})
 * is internal; it is opened to picocli, which fills its options by reflection.
 *
 * <p>JTransforms (FFTs for the feature visualisation) has no module descriptor and no
 * Automatic-Module-Name: its module name {@code JTransforms} is derived from the jar's file name,
 * which holds as long as the jar keeps Maven's name {@code JTransforms-<version>.jar}.
 */
@SuppressWarnings("requires-automatic")
module org.convscope.viz {
    requires transitive org.convscope.keras;
    requires info.picocli;
    requires JTransforms;
    requires java.logging;       // the CLI quietens the engine's System.Logger lines (java.util.logging backend)

    exports org.convscope.viz.model;
    exports org.convscope.viz.maps;
    exports org.convscope.viz.kernels;
    exports org.convscope.viz.pipeline;
    exports org.convscope.viz.render;
    exports org.convscope.viz.color;
    exports org.convscope.viz.stats;
    exports org.convscope.viz.report;
    exports org.convscope.viz.features;
    exports org.convscope.viz.explain;

    opens org.convscope.viz.cli to info.picocli;
}
