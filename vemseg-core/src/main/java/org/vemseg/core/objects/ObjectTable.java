package org.vemseg.core.objects;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.AtomicOutput;

/**
 * The measured objects of one label volume.
 *
 * @param physical whether lengths are in µm (voxel size known) or in voxels
 * @param voxelVolume volume of one voxel in the table's unit (µm³ or 1)
 * @param spacing voxel size (z, y, x) in the table's unit
 * @param shape volume shape (z, y, x) in voxels
 */
public record ObjectTable(List<ObjectMeasurement> objects, boolean physical, double voxelVolume, double[] spacing,
        long[] shape) {

    public ObjectTable {
        objects = List.copyOf(objects);
        spacing = spacing.clone();
        shape = shape.clone();
    }

    public int count() {
        return objects.size();
    }

    /** "um" or "voxel", for column headers. */
    public String lengthUnit() {
        return physical ? "um" : "voxel";
    }

    /** Total volume of the whole image in the table's unit. */
    public double imageVolume() {
        return shape[0] * shape[1] * shape[2] * voxelVolume;
    }

    /** Sum of object volumes over the image volume. */
    public double volumeFraction() {
        long n = 0;
        for (ObjectMeasurement o : objects) {
            n += o.voxels();
        }
        return n / (double) (shape[0] * shape[1] * shape[2]);
    }

    /** Objects per mm³ (NaN without a voxel size). */
    public double densityPerMm3() {
        return physical ? count() / (imageVolume() * 1e-9) : Double.NaN;
    }

    /** Writes the table as CSV (one header row, one row per object). */
    public void writeCsv(Path path, boolean overwrite) {
        String u = lengthUnit();
        try (AtomicOutput out = AtomicOutput.begin(path, overwrite, false)) {
            try (BufferedWriter w = Files.newBufferedWriter(out.temp(), StandardCharsets.UTF_8)) {
                // Centroid and box in voxel indices (z, y, x), box ends exclusive; sizes in the table's unit.
                w.write("id,voxels,volume_" + u + "3,centroid_z_vox,centroid_y_vox,centroid_x_vox,bbox_min_z,"
                        + "bbox_min_y,bbox_min_x,bbox_end_z,bbox_end_y,bbox_end_x,equivalent_diameter_" + u
                        + ",surface_area_" + u + "2,sphericity\n");
                for (ObjectMeasurement o : objects) {
                    w.write(String.format(Locale.ROOT, "%d,%d,%.6g,%.3f,%.3f,%.3f,%d,%d,%d,%d,%d,%d,%.6g,%.6g,%.4f%n",
                            o.id(), o.voxels(), o.volume(), o.centroidZ(), o.centroidY(), o.centroidX(), o.minZ(),
                            o.minY(), o.minX(), o.maxZ(), o.maxY(), o.maxX(), o.equivalentDiameter(),
                            o.surfaceArea(), o.sphericity()));
                }
            } catch (IOException e) {
                throw VemsegException.IO.of(path, "write object table", e);
            }
            out.commit();
        }
    }
}
