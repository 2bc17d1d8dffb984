package org.convscope.viz.cli;

import org.convscope.viz.features.FeatureReport;
import org.convscope.viz.features.FilterVisualizer;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The report's feature-visualisation options: filter images per conv layer, saliency and Grad-CAM. */
public final class FeatureOptions {
    @Option(names = "--filter-images", paramLabel = "N", defaultValue = "8",
            description = "Images that excite the first N filters of every conv layer, by gradient ascent (default: ${DEFAULT-VALUE}; 0 = none).")
    int filterImages;

    @Option(names = "--filter-steps", paramLabel = "N", defaultValue = "30", description = "Gradient-ascent steps per filter image (default: ${DEFAULT-VALUE}).")
    int filterSteps;

    @Option(names = "--no-attribution", description = "Leave out the saliency and Grad-CAM pictures.")
    boolean noAttribution;

    /** The settings, or null when the report should have no feature sections. */
    FeatureReport.Options options(CommandLine cl) {
        if (filterImages < 0 || filterImages > 256) throw Common.usage(cl, "--filter-images: expected 0 to 256, got " + filterImages);
        if (filterSteps < 1 || filterSteps > 10_000) throw Common.usage(cl, "--filter-steps: expected 1 to 10000, got " + filterSteps);
        if (filterImages == 0 && noAttribution) return null;
        return new FeatureReport.Options(filterImages, filterSteps, FilterVisualizer.Method.PIXEL, !noAttribution);
    }
}
