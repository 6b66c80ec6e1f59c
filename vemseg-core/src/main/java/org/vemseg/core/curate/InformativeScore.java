package org.vemseg.core.curate;

import java.util.Arrays;

/**
 * How much visible structure an 8-bit patch holds, in grey levels. Blank, saturated, empty-resin and
 * featureless patches score low; tissue with membranes and organelles scores high.
 *
 * <p>The patch is first averaged over 4 x 4 pixel cells. This removes most of the pixel noise (its
 * standard deviation drops 4-fold) while keeping membranes, vesicles and organelles, which span tens of
 * pixels at EM resolutions; so noisy empty resin does not pass for texture. On the averaged image:
 * <ul>
 *   <li>{@code contrast}: the 99th minus the 1st percentile (robust to a few specks of dirt);
 *   <li>{@code detail}: the mean absolute Laplacian (each cell minus the mean of its 4 neighbours), high
 *       where there are membranes, vesicles and organelle boundaries, zero for flat areas and for smooth
 *       shading ramps (uneven illumination, charging);
 *   <li>{@code clipped}: the fraction of raw pixels at 0..1 or 254..255 (saturated or black borders).
 * </ul>
 * {@code score = sqrt(contrast * 8 * detail) * (1 - clipped)}: the geometric mean of contrast and scaled
 * detail (both are needed: a ramp or a single step edge has contrast but little detail; a faint speckle
 * has detail but little contrast), discounted by the part of the patch that carries no information.
 *
 * @param contrast p99 - p1 of the 4 x 4-averaged patch, grey levels
 * @param detail mean absolute Laplacian of the averaged patch, grey levels
 * @param clipped fraction of pixels at the ends of the 8-bit range
 * @param score the combined score, grey levels
 */
public record InformativeScore(double contrast, double detail, double clipped, double score) {

    /** Puts detail on the scale of contrast (typical EM tissue: contrast 150..200, detail 10..25). */
    static final double DETAIL_WEIGHT = 8;

    /** Side of the averaging cell in pixels. */
    static final int CELL = 4;

    /** Scores a {@code size x size} patch. */
    public static InformativeScore of(byte[] pixels, int size) {
        int n = size / CELL;
        if (n < 2) {
            throw new IllegalArgumentException("patch of " + size + " pixels is too small to score (needs >= 8)");
        }
        double[] cells = new double[n * n];
        int clippedPixels = 0;
        for (int y = 0; y < n * CELL; y++) {
            int row = y * size;
            int out = (y / CELL) * n;
            for (int x = 0; x < n * CELL; x++) {
                int v = pixels[row + x] & 0xFF;
                cells[out + x / CELL] += v;
                if (v <= 1 || v >= 254) {
                    clippedPixels++;
                }
            }
        }
        double inv = 1.0 / (CELL * CELL);
        for (int i = 0; i < cells.length; i++) {
            cells[i] *= inv;
        }
        double detailSum = 0;
        for (int y = 1; y < n - 1; y++) {
            for (int x = 1; x < n - 1; x++) {
                int i = y * n + x;
                detailSum += Math.abs(4 * cells[i] - cells[i - 1] - cells[i + 1] - cells[i - n] - cells[i + n]) / 4;
            }
        }
        double detail = n > 2 ? detailSum / ((n - 2) * (n - 2)) : 0;
        double[] sorted = cells.clone();
        Arrays.sort(sorted);
        double contrast = sorted[(int) Math.ceil(0.99 * (sorted.length - 1))]
                - sorted[(int) Math.floor(0.01 * (sorted.length - 1))];
        double clipped = clippedPixels / (double) (n * CELL * n * CELL);
        double score = Math.sqrt(contrast * DETAIL_WEIGHT * detail) * (1 - clipped);
        return new InformativeScore(contrast, detail, clipped, score);
    }
}
