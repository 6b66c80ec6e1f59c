package org.vemseg.core.curate;

import java.nio.file.Path;
import java.util.List;
import org.vemseg.core.VemsegException;

/**
 * What {@link Curator} does; see {@code vemseg curate --help}. Defaults come from {@link #defaults}.
 *
 * @param inputs files and folders to curate (folders recursively)
 * @param out output folder (created atomically)
 * @param size patch side in pixels
 * @param allPlanes also cut xz and yz patches where voxels are near-isotropic
 * @param stride step between patch origins in pixels (= size: non-overlapping)
 * @param margin border in pixels left out of every plane (shrinks for images barely larger than a patch)
 * @param hamming largest dHash distance at which a patch counts as a duplicate of a kept one
 * @param minScore smallest {@link InformativeScore#score()} a patch needs to be kept
 * @param maxPatches stop after keeping this many patches (0 = no limit)
 * @param excludeGlobs inputs to skip (see {@link CurationInputs})
 * @param skipLabels skip files named like labels (see {@link CurationInputs})
 * @param overwrite replace an existing output
 * @param memoryBytes budget for one read slab
 */
public record CurationOptions(List<Path> inputs, Path out, int size, boolean allPlanes, int stride, int margin,
        int hamming, double minScore, long maxPatches, List<String> excludeGlobs, boolean skipLabels, boolean overwrite,
        long memoryBytes) {

    /** Patch side of CEM500K and of ImageNet-style encoders. */
    public static final int DEFAULT_SIZE = 224;
    /**
     * Duplicate threshold in bits, from measurements on 224 px patches: copies shifted by 2 px differ by
     * at most 11 bits (960 shifts on CDeep3M SBEM, 468 on synthetic EM), copies with Gaussian noise of
     * sigma 15 by at most 4 (640 patches), +25 grey levels by at most 1; patches from different places of the CDeep3M
     * stack differ by 16 bits or more (median 32). 12 catches all those copies and leaves a 4-bit gap to
     * the closest distinct pair. For sets of millions of patches consider lowering it: the chance that
     * some unrelated patch lies within 12 bits grows with the number of patches kept.
     */
    public static final int DEFAULT_HAMMING = 12;
    /**
     * Informativeness threshold in grey levels ({@link InformativeScore}). Every real patch of
     * ../shared/data scores 44 or more (1 % quantile 65); flat resin with noise sigma 20 scores 29, a
     * shading ramp 15, blank and saturated patches 0. See bench/curate/RESULTS.md.
     */
    public static final double DEFAULT_MIN_SCORE = 30;
    public static final int DEFAULT_MARGIN = 8;
    public static final long DEFAULT_MEMORY = 64L << 20;

    public CurationOptions {
        inputs = List.copyOf(inputs);
        excludeGlobs = List.copyOf(excludeGlobs);
        if (inputs.isEmpty()) {
            throw new VemsegException.InvalidInput("curate needs at least one input file or folder");
        }
        if (size < 16) {
            throw new VemsegException.InvalidInput("patch size must be at least 16 pixels, was " + size);
        }
        if (stride < 1) {
            throw new VemsegException.InvalidInput("stride must be at least 1 pixel, was " + stride);
        }
        if (margin < 0) {
            throw new VemsegException.InvalidInput("margin must not be negative, was " + margin);
        }
        if (hamming < 0 || hamming > 64) {
            throw new VemsegException.InvalidInput("Hamming threshold must be 0..64 bits, was " + hamming);
        }
        if (maxPatches < 0) {
            throw new VemsegException.InvalidInput("max patches must not be negative, was " + maxPatches);
        }
    }

    /** Defaults: 224 px, xy only, non-overlapping, 8 px margin, 12 bits, score 30, labels excluded. */
    public static CurationOptions defaults(List<Path> inputs, Path out) {
        return new CurationOptions(inputs, out, DEFAULT_SIZE, false, DEFAULT_SIZE, DEFAULT_MARGIN, DEFAULT_HAMMING,
                DEFAULT_MIN_SCORE, 0, List.of(), true, false, DEFAULT_MEMORY);
    }

    public CurationOptions withSize(int newSize, int newStride) {
        return new CurationOptions(inputs, out, newSize, allPlanes, newStride, margin, hamming, minScore, maxPatches,
                excludeGlobs, skipLabels, overwrite, memoryBytes);
    }

    public CurationOptions withAllPlanes(boolean all) {
        return new CurationOptions(inputs, out, size, all, stride, margin, hamming, minScore, maxPatches, excludeGlobs,
                skipLabels, overwrite, memoryBytes);
    }

    public CurationOptions withThresholds(int newHamming, double newMinScore) {
        return new CurationOptions(inputs, out, size, allPlanes, stride, margin, newHamming, newMinScore, maxPatches,
                excludeGlobs, skipLabels, overwrite, memoryBytes);
    }

    public CurationOptions withMaxPatches(long max) {
        return new CurationOptions(inputs, out, size, allPlanes, stride, margin, hamming, minScore, max, excludeGlobs,
                skipLabels, overwrite, memoryBytes);
    }

    public CurationOptions withExcludes(List<String> globs) {
        return new CurationOptions(inputs, out, size, allPlanes, stride, margin, hamming, minScore, maxPatches, globs,
                skipLabels, overwrite, memoryBytes);
    }

    public CurationOptions withSkipLabels(boolean skip) {
        return new CurationOptions(inputs, out, size, allPlanes, stride, margin, hamming, minScore, maxPatches,
                excludeGlobs, skip, overwrite, memoryBytes);
    }

    public CurationOptions withOverwrite(boolean replace) {
        return new CurationOptions(inputs, out, size, allPlanes, stride, margin, hamming, minScore, maxPatches,
                excludeGlobs, skipLabels, replace, memoryBytes);
    }

    public CurationOptions withMargin(int newMargin) {
        return new CurationOptions(inputs, out, size, allPlanes, stride, newMargin, hamming, minScore, maxPatches,
                excludeGlobs, skipLabels, overwrite, memoryBytes);
    }
}
