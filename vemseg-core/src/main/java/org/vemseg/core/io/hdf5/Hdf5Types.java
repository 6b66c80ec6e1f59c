package org.vemseg.core.io.hdf5;

import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.OrderedDataType;
import java.nio.ByteOrder;
import java.util.Locale;
import org.vemseg.core.VemsegException;
import org.vemseg.core.volume.DataType;

/** Maps HDF5 element types onto vemseg voxel types: (u)int 8/16/32 and float 32/64. */
final class Hdf5Types {

    private static final String SUPPORTED = "vemseg reads int8/16/32, uint8/16/32, float32 and float64";

    private Hdf5Types() {
    }

    /**
     * The voxel type of an HDF5 element type.
     *
     * @throws VemsegException.Unsupported naming the type, e.g. for uint64 labels, float16 or compound data
     */
    static DataType voxelType(io.jhdf.object.datatype.DataType type, Object source) {
        if (type instanceof FixedPoint fp) {
            int bits = fp.getSize() * 8;
            String name = (fp.isSigned() ? "int" : "uint") + bits;
            if (bits != 8 && bits != 16 && bits != 32) {
                throw new VemsegException.Unsupported(source + ": data type " + name + " is not supported; " + SUPPORTED
                        + (bits == 64 ? " (convert 64-bit labels to uint32, e.g. relabel consecutively)" : ""));
            }
            return DataType.integer(bits, fp.isSigned());
        }
        if (type instanceof FloatingPoint) {
            return switch (type.getSize()) {
                case 4 -> DataType.FLOAT32;
                case 8 -> DataType.FLOAT64;
                default -> throw new VemsegException.Unsupported(source + ": data type float" + type.getSize() * 8
                        + " is not supported; " + SUPPORTED);
            };
        }
        String kind = type.getClass().getSimpleName().replace("DataType", "").toLowerCase(Locale.ROOT);
        throw new VemsegException.Unsupported(source + ": data type " + kind + " is not supported; " + SUPPORTED);
    }

    /** Byte order of the stored elements (HDF5 records it per type). */
    static ByteOrder byteOrder(io.jhdf.object.datatype.DataType type) {
        return type instanceof OrderedDataType ordered ? ordered.getByteOrder() : ByteOrder.LITTLE_ENDIAN;
    }
}
