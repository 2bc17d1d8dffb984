package org.convscope.viz.cli;

import org.convscope.viz.color.Colormap;
import org.convscope.viz.maps.FeatureMapOptions;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Feature-map grid options: {@code --rows --cols --offset --gamma --cmap}. */
public final class MapOptions {
    @Option(names = "--rows", paramLabel = "R", description = "Grid rows (default: as many as the channels need; the report caps at 32 maps).")
    Integer rows;

    @Option(names = "--cols", paramLabel = "C", description = "Grid columns (default: 8).")
    Integer cols;

    @Option(names = "--offset", paramLabel = "K", description = "First channel shown (default: 0).")
    Integer offset;

    @Option(names = "--gamma", paramLabel = "G", description = "Gamma on each [0,1]-scaled map, x**G (default: 1; 0.5 brightens faint maps).")
    Float gamma;

    @Option(names = "--cmap", paramLabel = "NAME", description = "Colormap: viridis (default), magma, inferno, plasma, gray, diverging.")
    String cmap;

    /** The grid options with what was given applied; bad values are usage errors naming the option. */
    FeatureMapOptions options(CommandLine cl) {
        FeatureMapOptions o = FeatureMapOptions.defaults();
        try {
            if (cmap != null) o = o.withColormap(Colormap.named(cmap));
        } catch (IllegalArgumentException e) {
            throw Common.usage(cl, "--cmap: " + e.getMessage());
        }
        if (rows != null && rows < 1) throw Common.usage(cl, "--rows: must be at least 1, got " + rows);
        if (cols != null && cols < 1) throw Common.usage(cl, "--cols: must be at least 1, got " + cols);
        if (offset != null && offset < 0) throw Common.usage(cl, "--offset: must be >= 0, got " + offset);
        if (gamma != null && !(gamma > 0 && gamma < 100)) throw Common.usage(cl, "--gamma: must be a positive number below 100, got " + gamma);
        if (rows != null) o = o.withRows(rows);
        if (cols != null) o = o.withCols(cols);
        if (offset != null) o = o.withOffset(offset);
        if (gamma != null) o = o.withGamma(gamma);
        return o;
    }
}
