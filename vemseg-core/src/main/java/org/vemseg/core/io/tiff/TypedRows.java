package org.vemseg.core.io.tiff;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import org.vemseg.core.volume.Block;

/**
 * Copies runs of voxels from raw bytes (in the buffer's byte order) into a block's primitive array with
 * bulk buffer operations, so no per-voxel call happens. Bind a buffer once, then copy many rows.
 */
final class TypedRows {

    private final Object dst;
    private final int bytes;
    private ByteBuffer src;
    private ShortBuffer shorts;
    private IntBuffer ints;
    private FloatBuffer floats;
    private DoubleBuffer doubles;
    private final boolean floating;

    TypedRows(Block block) {
        this.dst = block.array();
        this.bytes = block.type().bytes();
        this.floating = block.type().isFloating();
    }

    /** Uses {@code buffer} (from index 0, in its byte order) as the source of the next copies. */
    void bind(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate().order(buffer.order()).position(0);
        src = b;
        switch (bytes) {
            case 2 -> shorts = b.asShortBuffer();
            case 4 -> {
                if (floating) {
                    floats = b.asFloatBuffer();
                } else {
                    ints = b.asIntBuffer();
                }
            }
            case 8 -> doubles = b.asDoubleBuffer();
            default -> {
                // bytes are copied straight from src
            }
        }
    }

    /** Copies {@code n} voxels starting at voxel {@code srcVoxel} of the bound buffer to {@code dstIndex}. */
    void copy(int srcVoxel, int dstIndex, int n) {
        switch (bytes) {
            case 1 -> src.get(srcVoxel, (byte[]) dst, dstIndex, n);
            case 2 -> shorts.get(srcVoxel, (short[]) dst, dstIndex, n);
            case 4 -> {
                if (floating) {
                    floats.get(srcVoxel, (float[]) dst, dstIndex, n);
                } else {
                    ints.get(srcVoxel, (int[]) dst, dstIndex, n);
                }
            }
            default -> doubles.get(srcVoxel, (double[]) dst, dstIndex, n);
        }
    }
}
