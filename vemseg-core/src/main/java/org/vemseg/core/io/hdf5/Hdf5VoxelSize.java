package org.vemseg.core.io.hdf5;

import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import java.lang.reflect.Array;
import java.util.Optional;
import org.vemseg.core.VemsegException;
import org.vemseg.core.volume.VoxelSize;

/**
 * Voxel size from the dataset attributes the field's tools write: {@code resolution} in nm, z, y, x
 * (CREMI, many connectomics pipelines) or {@code element_size_um} in µm, z, y, x (ilastik, Fiji's HDF5
 * plugin). Voxel size is optional metadata, so an attribute that is missing or malformed (wrong length,
 * not positive, not numeric) gives "unknown" rather than an error.
 */
final class Hdf5VoxelSize {

    private Hdf5VoxelSize() {
    }

    static Optional<VoxelSize> of(Dataset dataset) {
        return read(dataset, "resolution", 1).or(() -> read(dataset, "element_size_um", 1000));
    }

    private static Optional<VoxelSize> read(Dataset dataset, String name, double toNm) {
        try {
            Attribute attribute = dataset.getAttribute(name);
            if (attribute == null) {
                return Optional.empty();
            }
            Object data = attribute.getData();
            if (data == null || !data.getClass().isArray() || Array.getLength(data) < 3) {
                return Optional.empty();
            }
            int n = Array.getLength(data);
            double[] zyx = new double[3];
            for (int i = 0; i < 3; i++) {
                if (!(Array.get(data, n - 3 + i) instanceof Number v)) {
                    return Optional.empty();
                }
                // rounded to 1e-6 nm so that 0.004 µm gives exactly 4 nm, not 4.000000000000001
                zyx[i] = Math.rint(v.doubleValue() * toNm * 1e6) / 1e6;
            }
            return Optional.of(new VoxelSize(zyx[0], zyx[1], zyx[2]));
        } catch (VemsegException.InvalidInput | io.jhdf.exceptions.HdfException e) {
            return Optional.empty();
        }
    }
}
