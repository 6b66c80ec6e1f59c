package org.vemseg.cli;

import org.vemseg.core.objects.HoleFilling;
import org.vemseg.core.objects.PostProcessing;
import picocli.CommandLine.Option;

/**
 * The mask post-processing options, spelled and meaning the same on every command that makes a mask from a
 * probability map ({@code evaluate}, {@code analyze}): holes are filled first, then small objects removed.
 */
final class PostProcessingChoice {

    @Option(names = "--min-size", paramLabel = "VOXELS", defaultValue = "1",
            description = "Remove objects (connected with --connectivity) of fewer voxels from the mask, after "
                    + "holes are filled (default ${DEFAULT-VALUE}: keep all).")
    long minSize;

    @Option(names = "--fill-holes", paramLabel = "2d|3d", arity = "0..1", fallbackValue = "2d", defaultValue = "none",
            converter = Converters.Holes.class,
            description = "Fill holes in the mask: 2d (the value when none is given) fills background enclosed "
                    + "within its z slice, as most EM tools do; 3d fills only background enclosed in all three "
                    + "dimensions (default ${DEFAULT-VALUE}).")
    HoleFilling fillHoles;

    PostProcessing resolve() {
        return new PostProcessing(fillHoles, minSize);
    }
}
