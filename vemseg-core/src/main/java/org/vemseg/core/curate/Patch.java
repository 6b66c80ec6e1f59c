package org.vemseg.core.curate;

/**
 * One square 8-bit patch cut from a source: its plane, the (z, y, x) voxel of its first pixel and its
 * pixels row by row ({@code size * size} unsigned bytes). For an xz patch rows run along z and columns
 * along x; for a yz patch rows run along z and columns along y.
 */
record Patch(Plane plane, long z, long y, long x, int size, byte[] pixels) {
}
