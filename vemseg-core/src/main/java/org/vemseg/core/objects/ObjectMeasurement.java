package org.vemseg.core.objects;

/**
 * One row of the object table. Lengths are in micrometres (areas µm², volumes µm³) when the voxel size is
 * known, otherwise in voxels; {@link ObjectTable#physical()} says which. Centroid and bounding box are in
 * voxel coordinates (z, y, x); the box is inclusive of {@code min} and exclusive of {@code max}.
 *
 * @param surfaceArea area of the object's smoothed marching-cubes surface
 * @param sphericity {@code pi^(1/3) (6 V)^(2/3) / A}: 1 for a ball, smaller for anything else
 */
public record ObjectMeasurement(int id, long voxels, double volume, double centroidZ, double centroidY,
        double centroidX, int minZ, int minY, int minX, int maxZ, int maxY, int maxX, double equivalentDiameter,
        double surfaceArea, double sphericity) {
}
