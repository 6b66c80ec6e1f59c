package org.vemseg.core.io;

import java.nio.file.Path;
import java.util.List;
import org.vemseg.core.volume.VolumeInfo;

/**
 * One file format: how to recognise it, open it for reading and, if writable, create it. Implementations
 * live in one package per format ({@code io.tiff}, {@code io.slices}, ...) and are listed in
 * {@link Format}.
 */
public interface VolumeFormat {

    /** Whether the location looks like this format by name (extension) or, for folders, by content. */
    boolean recognises(VolumeLocation location);

    /**
     * Whether the first bytes of a file are this format's signature. Used for files whose extension
     * does not say what they are. {@code header} holds up to 1024 bytes.
     */
    default boolean matchesSignature(byte[] header) {
        return false;
    }

    /**
     * Opens a volume for lazy reading (metadata only).
     *
     * @throws org.vemseg.core.VemsegException with a one-line message naming the file and the problem
     */
    VolumeReader open(VolumeLocation location);

    /**
     * The volumes a container holds, as locations {@link #open} accepts, in a stable order (N5's
     * {@code list}). A container format names each volume as a dataset ({@code file.h5:/volumes/raw}); a
     * file or folder that is one volume, which is what most formats hold, lists itself (the default).
     * Reads metadata only.
     *
     * @return empty if the container holds no volume this format can open
     * @throws org.vemseg.core.VemsegException if the container cannot be read
     */
    default List<VolumeLocation> list(Path container) {
        return List.of(VolumeLocation.of(container));
    }

    /**
     * Whether a folder of this format is a stack of files that are each a volume on their own (a folder of
     * slices) rather than one container, so a search for volumes descends into it.
     */
    default boolean isFileStack() {
        return false;
    }

    /** Whether this format can be written. */
    default boolean isWritable() {
        return false;
    }

    /**
     * Creates a writer. Fails before any data is written if the output exists (without
     * {@link WriteOptions#overwrite()}), or if {@code info} cannot be stored in this format
     * (e.g. float32 in PNG).
     */
    default VolumeWriter create(VolumeLocation location, VolumeInfo info, WriteOptions options) {
        throw new org.vemseg.core.VemsegException.Unsupported(location + ": " + this
                + " files can be read but not written");
    }

    /**
     * Whether {@link #createResumable} works: the format stores each chunk as its own atomically written object,
     * so a writer can take any chunk shape and an interrupted run can be continued.
     */
    default boolean isResumable() {
        return false;
    }

    /**
     * Creates a writer that an interrupted run can continue ({@link ResumableWriter}). Only chunked
     * formats that write each chunk atomically support it.
     *
     * @param resume continue a partial output left by an earlier run, if there is one
     */
    default ResumableWriter createResumable(VolumeLocation location, VolumeInfo info, WriteOptions options,
            boolean resume) {
        throw new org.vemseg.core.VemsegException.Unsupported(location + ": resumable output needs OME-Zarr "
                + "(a .zarr or .ome.zarr path), not " + this);
    }
}
