package org.vemseg.core.report;

import java.util.Optional;
import org.vemseg.core.mesh.MeshFormat;
import org.vemseg.core.objects.Connectivity;
import org.vemseg.core.objects.HoleFilling;
import org.vemseg.core.objects.PostProcessing;
import org.vemseg.core.volume.VoxelSize;

/**
 * What {@link ObjectAnalysis} does.
 *
 * @param threshold probability above which a voxel is foreground
 * @param minSize objects with fewer voxels are dropped
 * @param perSlice label each z slice on its own (2D objects, e.g. cells in serial-section TEM whose z step is
 *     ten times the pixel size, where 3D components would merge through the slices)
 * @param splitTouching separate touching roundish objects (distance transform + watershed)
 * @param seedHeight with splitting, the least height (µm, or voxels) of a distance maximum above its saddle
 *     for it to seed an object (the h of h-maxima); 0 or less = one voxel (the smallest voxel side)
 * @param seedDistance smallest distance between two split seeds of one object, in µm (voxels without a voxel
 *     size); 0 = no such rule
 * @param window sliding window of the density profile, in µm (voxels without a voxel size)
 * @param mesh write surface meshes in this format, if present
 * @param meshPerObject one mesh file per object instead of one for the whole mask
 * @param smoothing Taubin smoothing rounds applied to written meshes
 * @param labelsFile file name of the instance-label volume in the output folder (extension picks the format);
 *     empty = do not write it
 * @param voxelSize overrides the input's voxel size
 * @param fillHoles holes filled in the mask before objects are labelled and measured (and before
 *     {@code minSize} applies; see {@link PostProcessing})
 */
public record AnalysisOptions(double threshold, long minSize, Connectivity connectivity, boolean perSlice,
        boolean splitTouching, double seedHeight, double seedDistance, double window, Optional<MeshFormat> mesh,
        boolean meshPerObject, int smoothing, Optional<String> labelsFile, Optional<VoxelSize> voxelSize,
        boolean overwrite, HoleFilling fillHoles) {

    /** Options without hole filling. */
    public AnalysisOptions(double threshold, long minSize, Connectivity connectivity, boolean perSlice,
            boolean splitTouching, double seedHeight, double seedDistance, double window, Optional<MeshFormat> mesh,
            boolean meshPerObject, int smoothing, Optional<String> labelsFile, Optional<VoxelSize> voxelSize,
            boolean overwrite) {
        this(threshold, minSize, connectivity, perSlice, splitTouching, seedHeight, seedDistance, window, mesh,
                meshPerObject, smoothing, labelsFile, voxelSize, overwrite, HoleFilling.NONE);
    }

    /** The post-processing of the mask: holes filled, then objects smaller than {@code minSize} removed. */
    public PostProcessing postProcessing() {
        return new PostProcessing(fillHoles, minSize);
    }

    public AnalysisOptions withFillHoles(HoleFilling h) {
        return new AnalysisOptions(threshold, minSize, connectivity, perSlice, splitTouching, seedHeight,
                seedDistance, window, mesh, meshPerObject, smoothing, labelsFile, voxelSize, overwrite, h);
    }

    public static AnalysisOptions defaults() {
        return new AnalysisOptions(0.5, 1, Connectivity.TWENTY_SIX, false, false, 0, 0, 20, Optional.empty(), false, 0,
                Optional.of("labels.tif"), Optional.empty(), false);
    }

    public AnalysisOptions withSplitTouching(boolean on) {
        return new AnalysisOptions(threshold, minSize, connectivity, perSlice, on, seedHeight, seedDistance, window,
                mesh, meshPerObject, smoothing, labelsFile, voxelSize, overwrite,
                fillHoles);
    }

    public AnalysisOptions withMesh(MeshFormat f, boolean perObject, int rounds) {
        return new AnalysisOptions(threshold, minSize, connectivity, perSlice, splitTouching, seedHeight,
                seedDistance, window, Optional.of(f), perObject, rounds, labelsFile, voxelSize, overwrite,
                fillHoles);
    }

    public AnalysisOptions withLabelsFile(Optional<String> name) {
        return new AnalysisOptions(threshold, minSize, connectivity, perSlice, splitTouching, seedHeight,
                seedDistance, window, mesh, meshPerObject, smoothing, name, voxelSize, overwrite, fillHoles);
    }

    public AnalysisOptions withPerSlice(boolean on) {
        return new AnalysisOptions(threshold, minSize, connectivity, on, splitTouching, seedHeight, seedDistance,
                window, mesh, meshPerObject, smoothing, labelsFile, voxelSize, overwrite,
                fillHoles);
    }

    public AnalysisOptions withMinSize(long n) {
        return new AnalysisOptions(threshold, n, connectivity, perSlice, splitTouching, seedHeight, seedDistance,
                window, mesh, meshPerObject, smoothing, labelsFile, voxelSize, overwrite,
                fillHoles);
    }

    public AnalysisOptions withWindow(double w) {
        return new AnalysisOptions(threshold, minSize, connectivity, perSlice, splitTouching, seedHeight,
                seedDistance, w, mesh, meshPerObject, smoothing, labelsFile, voxelSize, overwrite,
                fillHoles);
    }

    public AnalysisOptions withSeedHeight(double h) {
        return new AnalysisOptions(threshold, minSize, connectivity, perSlice, splitTouching, h, seedDistance, window,
                mesh, meshPerObject, smoothing, labelsFile, voxelSize, overwrite,
                fillHoles);
    }
}
