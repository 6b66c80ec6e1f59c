package org.vemseg.core.io.hdf5;

import io.jhdf.HdfFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.VolumeFormat;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;

/**
 * HDF5 files (read only, pure Java through jHDF): one 2D or 3D dataset, named as
 * {@code file.h5:/group/dataset} or found as the file's only volume. See {@link Hdf5Reader}.
 */
public final class Hdf5Format implements VolumeFormat {

    private static final Set<String> EXTENSIONS = Set.of(".h5", ".hdf5", ".hdf", ".he5");

    /** The 8-byte HDF5 format signature {@code \211HDF\r\n\032\n}. */
    private static final byte[] SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    @Override
    public boolean recognises(VolumeLocation location) {
        return EXTENSIONS.contains(location.extension());
    }

    /**
     * The HDF5 signature at byte 0, or at 512 (a file with a user block; the signature may also sit at
     * 1024, 2048, ..., beyond the header bytes passed in).
     */
    @Override
    public boolean matchesSignature(byte[] header) {
        return signatureAt(header, 0) || signatureAt(header, 512);
    }

    private static boolean signatureAt(byte[] header, int offset) {
        if (header.length < offset + SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (header[offset + i] != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public VolumeReader open(VolumeLocation location) {
        return Hdf5Reader.open(location);
    }

    /**
     * Each dataset that is a 2D or 3D volume (after dropping leading size-1 dimensions), as
     * {@code file.h5:/group/dataset}, depth first.
     */
    @Override
    public List<VolumeLocation> list(Path container) {
        try (HdfFile file = Hdf5Reader.openFile(container)) {
            return Hdf5Datasets.volumes(file).stream()
                    .map(d -> new VolumeLocation(container, Optional.of(Hdf5Datasets.absolute(d.getPath()))))
                    .toList();
        } catch (VemsegException e) {
            throw e;
        } catch (RuntimeException e) {
            // jHDF fails with assorted runtime exceptions on damaged group structures
            throw new VemsegException.Corrupt(container + ": damaged HDF5 file: " + Hdf5Reader.oneLine(e), e);
        }
    }

    @Override
    public String toString() {
        return "HDF5";
    }
}
