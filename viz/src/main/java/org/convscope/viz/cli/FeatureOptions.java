package org.convscope.viz.cli;

import java.util.List;
import org.convscope.viz.features.FeatureReport;
import org.convscope.viz.features.FilterVisualizer;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The report's time budget and feature-visualisation options: which layers get filter images, how
 * many, at what size; saliency and Grad-CAM.
 */
public final class FeatureOptions {
    @Option(names = "--budget", paramLabel = "SECONDS", defaultValue = "30",
            description = "Time the report may take (default: ${DEFAULT-VALUE}; 0 = no limit). The filter images get what is left after "
                    + "the rest; layers that would not fit get fewer filters or are left out, and the page says so.")
    double budget;

    @Option(names = "--filter-images", paramLabel = "N", defaultValue = "8",
            description = "Images that excite the first N filters of each chosen layer, by gradient ascent (default: ${DEFAULT-VALUE}; 0 = none).")
    int filterImages;

    @Option(names = "--filter-layers", paramLabel = "auto|all|L1,L2", defaultValue = "auto",
            description = "Layers that get filter images: auto (a few spread over the depth, within the budget; default), all, or names.")
    String filterLayers;

    @Option(names = "--filter-size", paramLabel = "N|model", defaultValue = "128",
            description = "Side of the image the ascent works on where the layer takes any size (default: ${DEFAULT-VALUE}; "
                    + "model = the model's own input size).")
    String filterSize;

    @Option(names = "--filter-steps", paramLabel = "N", defaultValue = "30", description = "Gradient-ascent steps per filter image (default: ${DEFAULT-VALUE}).")
    int filterSteps;

    @Option(names = "--full", description = "The complete, slow report: filter images of every conv layer at the model's own size, no time "
            + "budget (minutes to hours on large models: 19 min for a 512x512 VGG-style model on 2 cores).")
    boolean full;

    @Option(names = "--no-attribution", description = "Leave out the saliency and Grad-CAM pictures.")
    boolean noAttribution;

    /** Checks the values that need no model (call before loading one, so that a bad value is a usage error first). */
    void check(CommandLine cl) {
        if (filterImages < 0 || filterImages > 256) throw Common.usage(cl, "--filter-images: expected 0 to 256, got " + filterImages);
        if (filterSteps < 1 || filterSteps > 10_000) throw Common.usage(cl, "--filter-steps: expected 1 to 10000, got " + filterSteps);
        if (!(budget >= 0 && budget <= 1e6)) throw Common.usage(cl, "--budget: expected seconds from 0 (no limit) to 1000000, got " + budget);
        side(cl);
    }

    private int side(CommandLine cl) {
        if (full || filterSize.strip().equalsIgnoreCase("model")) return 0;
        try {
            int side = Integer.parseInt(filterSize.strip());
            if (side < 16 || side > 4096) throw new NumberFormatException();
            return side;
        } catch (NumberFormatException e) {
            throw Common.usage(cl, "--filter-size: expected a side from 16 to 4096 or 'model', got '" + filterSize + "'");
        }
    }

    /** The settings, or null when the report should have no feature sections. */
    FeatureReport.Options options(CommandLine cl, List<String> convLayers) {
        check(cl);
        int side = side(cl);
        List<String> layers;
        String fl = filterLayers.strip();
        if (full || fl.equalsIgnoreCase("all")) {
            layers = List.of();
        } else if (fl.equalsIgnoreCase("auto")) {
            layers = null;
        } else {
            layers = List.of(fl.split("\\s*,\\s*"));
            for (String l : layers) {
                if (!convLayers.contains(l)) {
                    throw Common.usage(cl, "--filter-layers: no conv layer '" + l + "'" + Names.suggest(l, convLayers) + "; the conv layers are: "
                            + String.join(", ", convLayers));
                }
            }
        }
        if (filterImages == 0 && noAttribution) return null;
        return new FeatureReport.Options(filterImages, filterSteps, FilterVisualizer.Method.PIXEL, !noAttribution, layers, side, full ? 0 : budget);
    }

    /** The report's whole budget in seconds (0 = none). */
    double budget() {
        return full ? 0 : budget;
    }
}
