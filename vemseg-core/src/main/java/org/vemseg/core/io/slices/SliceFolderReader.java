package org.vemseg.core.io.slices;

import java.awt.Rectangle;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.IntStream;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.VolumeInfo;

/**
 * Reads a folder of 2D slices (or one image file) as a volume; z is the index of a file in
 * {@link NaturalOrder}. Opening reads every file's header (not its pixels) to check that all slices have
 * the same size and type, so a stray file fails at once rather than half-way through a long job.
 * {@link #read(Box)} decodes only the slices the box touches, several at a time on the common
 * fork-join pool, since decoding a PNG costs far more than reading it. Thread-safe. Slices carry no
 * voxel size.
 */
final class SliceFolderReader implements VolumeReader {

    private final SliceFiles slices;
    private final SliceHeader header;
    private final VolumeInfo info;

    private SliceFolderReader(SliceFiles slices, SliceHeader header) {
        this.slices = slices;
        this.header = header;
        this.info = VolumeInfo.ofSlices(slices.count(), header.height(), header.width(), header.dataType(),
                Optional.empty());
    }

    /**
     * Lists the slices and checks their headers.
     *
     * @throws VemsegException.InvalidInput naming the first slice whose size or type differs from the first
     * @throws VemsegException.Corrupt naming a slice whose header cannot be read
     */
    static SliceFolderReader open(Path path) {
        SliceFiles slices = SliceFiles.of(path);
        Path first = slices.file(0);
        SliceHeader header = SliceDecoder.probe(first, slices.format());
        for (int z = 1; z < slices.count(); z++) {
            Path file = slices.file(z);
            SliceHeader h = SliceDecoder.probe(file, slices.format());
            if (!h.equals(header)) {
                throw new VemsegException.InvalidInput(file + ": slice is " + h + " but the first slice "
                        + first.getFileName() + " is " + header + "; all slices must have the same size and type");
            }
        }
        return new SliceFolderReader(slices, header);
    }

    @Override
    public VolumeInfo info() {
        return info;
    }

    @Override
    public Block read(Box box) {
        VolumeReader.checkInside(info, box, slices.source());
        Block out = Block.allocate(box, info.dataType());
        if (box.isEmpty()) {
            return out;
        }
        Rectangle region = new Rectangle((int) box.x(), (int) box.y(), (int) box.width(), (int) box.height());
        int plane = (int) (box.width() * box.height());
        IntStream range = IntStream.range(0, (int) box.depth());
        (box.depth() > 1 ? range.parallel() : range).forEach(k -> {
            Object pixels = SliceDecoder.decode(slices.file((int) box.z() + k), slices.format(), header, region);
            System.arraycopy(pixels, 0, out.array(), k * plane, plane);
        });
        return out;
    }

    @Override
    public String describeFormat() {
        return slices.format() + " slices (" + slices.count() + (slices.count() == 1 ? " file)" : " files)");
    }

    @Override
    public void close() {
        // nothing held open: each read opens and closes its own files
    }
}
