package org.vemseg.core.io.mrc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import org.vemseg.core.VemsegException;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VoxelSize;

/**
 * The fields of the 1024-byte MRC header that vemseg uses (MRC2014 / IMOD layout). Words are 4 bytes;
 * the byte offsets below are those of the standard.
 *
 * @param nx columns (x, fastest varying)
 * @param ny rows (y)
 * @param nz sections (z, slowest)
 * @param mode how voxels are stored
 * @param grid sampling intervals {@code mx, my, mz} (words 8-10)
 * @param cell cell dimensions {@code x, y, z} in Ångström (words 11-13); voxel spacing is cell / grid
 * @param axes {@code mapc, mapr, maps}: which axis columns, rows and sections are (1 = x, 2 = y, 3 = z)
 * @param extendedHeaderBytes {@code nsymbt} (word 24): bytes between the header and the data
 * @param version {@code nversion} (byte 108), e.g. 20140 for files written to the MRC2014 standard
 * @param imodStamp {@code imodStamp} (byte 152); {@link #IMOD_STAMP} when IMOD's flag bits are valid
 * @param imodFlags {@code imodFlags} (byte 156); bit 0 set means mode-0 bytes are signed
 * @param order byte order of header and data
 */
record MrcHeader(int nx, int ny, int nz, MrcMode mode, int[] grid, float[] cell, int[] axes,
        int extendedHeaderBytes, int version, int imodStamp, int imodFlags, ByteOrder order) {

    /** Length of the fixed header. */
    static final int LENGTH = 1024;
    /** Offset of the {@code "MAP "} file-type tag. */
    static final int MAP_TAG_OFFSET = 208;
    /** Offset of the machine stamp, which gives the byte order. */
    static final int MACHINE_STAMP_OFFSET = 212;
    /** {@code "IMOD"} as a little-endian int: the writer sets {@link #imodFlags()}. */
    static final int IMOD_STAMP = 1146047817;

    MrcHeader {
        grid = grid.clone();
        cell = cell.clone();
        axes = axes.clone();
    }

    @Override
    public int[] grid() {
        return grid.clone();
    }

    @Override
    public float[] cell() {
        return cell.clone();
    }

    @Override
    public int[] axes() {
        return axes.clone();
    }

    /**
     * Parses the first {@link #LENGTH} bytes of a file.
     *
     * @throws VemsegException.Corrupt if the header is not a plausible MRC header
     * @throws VemsegException.Unsupported if the mode or axis order is one vemseg does not read
     */
    static MrcHeader parse(byte[] bytes, Object source) {
        if (bytes.length < LENGTH) {
            throw new VemsegException.Corrupt(source + ": truncated: expected at least " + LENGTH
                    + " bytes of MRC header, found " + bytes.length);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(byteOrder(bytes, source));
        int nx = buf.getInt(0);
        int ny = buf.getInt(4);
        int nz = buf.getInt(8);
        int code = buf.getInt(12);
        if (nx <= 0 || ny <= 0 || nz <= 0) {
            throw new VemsegException.Corrupt(source + ": MRC header gives an invalid shape nx, ny, nz = "
                    + nx + ", " + ny + ", " + nz);
        }
        MrcMode mode = MrcMode.of(code).orElseThrow(() -> new VemsegException.Unsupported(source
                + ": unknown MRC mode " + code + "; vemseg reads modes " + MrcMode.supportedCodes()));
        if (!mode.isSupported()) {
            throw new VemsegException.Unsupported(source + ": MRC " + mode + " is not supported; vemseg reads modes "
                    + MrcMode.supportedCodes());
        }
        int[] axes = {buf.getInt(64), buf.getInt(68), buf.getInt(72)};
        boolean standardAxes = (axes[0] == 1 && axes[1] == 2 && axes[2] == 3)
                || (axes[0] == 0 && axes[1] == 0 && axes[2] == 0);
        if (!standardAxes) {
            throw new VemsegException.Unsupported(source + ": MRC axis order mapc, mapr, maps = " + axes[0] + ", "
                    + axes[1] + ", " + axes[2] + " is not supported (only 1, 2, 3: columns x, rows y, sections z)");
        }
        int extended = buf.getInt(92);
        if (extended < 0) {
            throw new VemsegException.Corrupt(source + ": MRC header gives a negative extended header size "
                    + extended);
        }
        return new MrcHeader(nx, ny, nz, mode, new int[] {buf.getInt(28), buf.getInt(32), buf.getInt(36)},
                new float[] {buf.getFloat(40), buf.getFloat(44), buf.getFloat(48)}, axes, extended, buf.getInt(108),
                buf.getInt(152), buf.getInt(156), buf.order());
    }

    /** Whether a file starts with an MRC header: the {@code "MAP "} tag at byte 208 (MRC2000 and later). */
    static boolean hasMapTag(byte[] header) {
        return header.length >= MAP_TAG_OFFSET + 4 && header[MAP_TAG_OFFSET] == 'M' && header[MAP_TAG_OFFSET + 1] == 'A'
                && header[MAP_TAG_OFFSET + 2] == 'P' && header[MAP_TAG_OFFSET + 3] == ' ';
    }

    /**
     * The byte order from the machine stamp ({@code 0x44 0x44} or {@code 0x44 0x41} little-endian,
     * {@code 0x11 0x11} big-endian). Old files lack a valid stamp; then the order in which the shape and
     * mode words are plausible wins.
     */
    private static ByteOrder byteOrder(byte[] bytes, Object source) {
        byte s0 = bytes[MACHINE_STAMP_OFFSET];
        byte s1 = bytes[MACHINE_STAMP_OFFSET + 1];
        if (s0 == 0x44 && (s1 == 0x44 || s1 == 0x41)) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        if (s0 == 0x11 && s1 == 0x11) {
            return ByteOrder.BIG_ENDIAN;
        }
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            ByteBuffer buf = ByteBuffer.wrap(bytes).order(order);
            if (plausible(buf.getInt(0)) && plausible(buf.getInt(4)) && plausible(buf.getInt(8))
                    && MrcMode.of(buf.getInt(12)).isPresent()) {
                return order;
            }
        }
        throw new VemsegException.Corrupt(source + ": not a valid MRC header (no machine stamp, and neither byte order"
                + " gives a plausible shape and mode)");
    }

    private static boolean plausible(int size) {
        return size > 0 && size < (1 << 30);
    }

    /**
     * The voxel type. Mode 0 is the one ambiguous case: MRC2014 defines it as signed int8 (mrcfile reads
     * and writes it so), while IMOD writes unsigned bytes unless bit 0 of {@code imodFlags} is set, and
     * older writers (and Fiji) treat it as unsigned. So: IMOD stamp present → the flag decides; else an
     * MRC2014 version number (2014x) → int8; else uint8.
     */
    DataType dataType() {
        if (mode != MrcMode.BYTE) {
            return mode.fixedType().orElseThrow();
        }
        if (imodStamp == IMOD_STAMP) {
            return (imodFlags & 1) != 0 ? DataType.INT8 : DataType.UINT8;
        }
        return version / 10 == 2014 ? DataType.INT8 : DataType.UINT8;
    }

    /** Where the voxels start: after the fixed and the extended header. */
    long dataOffset() {
        return LENGTH + (long) extendedHeaderBytes;
    }

    /** Bytes of voxel data the header announces. */
    long dataBytes() {
        return (long) nx * ny * nz * mode.bytes();
    }

    /**
     * Voxel size in nm (z, y, x): cell / grid per axis, Å → nm. Empty where the header does not say:
     * a zero or invalid grid or cell, or a spacing of exactly 1 Å on every axis, which is what IMOD and
     * other writers store when no pixel size is known.
     */
    Optional<VoxelSize> voxelSize() {
        double[] angstrom = new double[3];
        for (int a = 0; a < 3; a++) {
            if (grid[a] <= 0 || !(cell[a] > 0) || Float.isInfinite(cell[a])) {
                return Optional.empty();
            }
            angstrom[a] = (double) cell[a] / grid[a];
        }
        if (angstrom[0] == 1 && angstrom[1] == 1 && angstrom[2] == 1) {
            return Optional.empty();
        }
        return Optional.of(new VoxelSize(nm(angstrom[2]), nm(angstrom[1]), nm(angstrom[0])));
    }

    /** Å → nm, rounded to float precision so 40 Å stored as a float reads back as exactly 4 nm. */
    private static double nm(double angstrom) {
        return Double.parseDouble(Float.toString((float) (angstrom / 10)));
    }
}
