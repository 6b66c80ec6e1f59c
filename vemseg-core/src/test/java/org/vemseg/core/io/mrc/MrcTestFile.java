package org.vemseg.core.io.mrc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes small MRC files for tests: a 1024-byte header with the fields vemseg reads, an optional
 * extended header, and raw voxel bytes. Defaults: little-endian with machine stamp, MAP tag, axes
 * 1, 2, 3, cell = shape (1 Å voxels, i.e. "voxel size unknown").
 */
final class MrcTestFile {

    int nx = 4;
    int ny = 3;
    int nz = 2;
    int mode = 1;
    int[] grid;
    float[] cellAngstrom;
    int extendedBytes;
    int version;
    int imodStamp;
    int imodFlags;
    ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    boolean machineStamp = true;

    MrcTestFile shape(int depth, int height, int width) {
        nz = depth;
        ny = height;
        nx = width;
        return this;
    }

    MrcTestFile mode(int m) {
        mode = m;
        return this;
    }

    /** Voxel spacing in Å along x, y, z (cell = spacing x grid, grid = shape). */
    MrcTestFile spacing(float x, float y, float z) {
        grid = new int[] {nx, ny, nz};
        cellAngstrom = new float[] {x * nx, y * ny, z * nz};
        return this;
    }

    byte[] header() {
        ByteBuffer h = ByteBuffer.allocate(1024).order(order);
        int[] g = grid != null ? grid : new int[] {nx, ny, nz};
        float[] c = cellAngstrom != null ? cellAngstrom : new float[] {nx, ny, nz};
        h.putInt(0, nx).putInt(4, ny).putInt(8, nz).putInt(12, mode);
        h.putInt(28, g[0]).putInt(32, g[1]).putInt(36, g[2]);
        h.putFloat(40, c[0]).putFloat(44, c[1]).putFloat(48, c[2]);
        h.putFloat(52, 90).putFloat(56, 90).putFloat(60, 90);
        h.putInt(64, 1).putInt(68, 2).putInt(72, 3);
        h.putInt(92, extendedBytes).putInt(108, version).putInt(152, imodStamp).putInt(156, imodFlags);
        h.put(208, (byte) 'M').put(209, (byte) 'A').put(210, (byte) 'P').put(211, (byte) ' ');
        if (machineStamp) {
            byte stamp = order == ByteOrder.LITTLE_ENDIAN ? (byte) 0x44 : (byte) 0x11;
            h.put(212, stamp).put(213, stamp);
        }
        return h.array();
    }

    /**
     * Header, {@link #extendedBytes} bytes of 0x7F (so a reader that skips them wrongly sees it), then
     * {@code data}.
     */
    Path write(Path file, byte[] data) throws IOException {
        ByteBuffer all = ByteBuffer.allocate(1024 + extendedBytes + data.length);
        all.put(header());
        for (int i = 0; i < extendedBytes; i++) {
            all.put((byte) 0x7F);
        }
        all.put(data);
        return Files.write(file, all.array());
    }

    /** 16-bit voxel values in this file's byte order. */
    byte[] shorts(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(order);
        for (int v : values) {
            b.putShort((short) v);
        }
        return b.array();
    }

    /** The voxel values {@code 0, 1, 2, ...} as 16-bit in this file's byte order, one per voxel. */
    byte[] rampShorts() {
        int[] v = new int[nx * ny * nz];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        return shorts(v);
    }
}
