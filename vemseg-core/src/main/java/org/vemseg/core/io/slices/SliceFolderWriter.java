package org.vemseg.core.io.slices;

import java.nio.file.Path;
import java.util.BitSet;
import java.util.Locale;
import org.vemseg.core.io.AtomicOutput;
import org.vemseg.core.io.VolumeWriter;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.VolumeInfo;

/**
 * Writes a volume as a folder with one image per z slice, {@code slice_00000.png}, {@code slice_00001.png},
 * ... (at least five digits, more when the volume has more slices, so names sort in z order by plain
 * string order too). The chunk is one whole slice. Files go into a hidden temporary folder that
 * {@link #commit()} renames to the target. Not sequential: slices may be written in any order and from
 * several threads at once.
 */
final class SliceFolderWriter implements VolumeWriter {

    private final AtomicOutput output;
    private final VolumeInfo info;
    private final SliceEncoder encoder;
    private final String namePattern;
    private final BitSet written = new BitSet();

    SliceFolderWriter(AtomicOutput output, VolumeInfo info, SliceEncoder encoder) {
        this.output = output;
        this.info = VolumeInfo.ofSlices(info.depth(), info.height(), info.width(), info.dataType(),
                info.voxelSize());
        this.encoder = encoder;
        int digits = Math.max(5, Long.toString(info.depth() - 1).length());
        this.namePattern = "slice_%0" + digits + "d." + encoder.format().extension();
    }

    /** File name of slice {@code z}. */
    String fileName(long z) {
        return String.format(Locale.ROOT, namePattern, z);
    }

    @Override
    public VolumeInfo info() {
        return info;
    }

    @Override
    public void write(Block block) {
        Box b = block.box();
        if (b.depth() != 1 || b.y() != 0 || b.x() != 0 || b.height() != info.height() || b.width() != info.width()
                || b.z() < 0 || b.z() >= info.depth()) {
            throw new IllegalArgumentException("a slice folder is written one whole slice at a time (chunk 1 x "
                    + info.height() + " x " + info.width() + "), but got block " + b);
        }
        if (block.type() != info.dataType()) {
            throw new IllegalArgumentException("expected a " + info.dataType() + " block but got " + block.type());
        }
        Path file = output.temp().resolve(fileName(b.z()));
        encoder.write(block, file);
        synchronized (written) {
            written.set((int) b.z());
        }
    }

    @Override
    public void commit() {
        synchronized (written) {
            int missing = written.nextClearBit(0);
            if (missing < info.depth()) {
                throw new IllegalStateException("cannot commit " + output.target() + ": slice " + missing
                        + " was never written (" + written.cardinality() + " of " + info.depth() + " written)");
            }
        }
        output.commit();
    }

    @Override
    public void close() {
        output.close();
    }
}
