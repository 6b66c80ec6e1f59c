package org.vemseg.core.io;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Free space for outputs, checked before a long write: otherwise a full disk shows only when the chunk that does
 * not fit is written, minutes into a prediction. It warns rather than refuses: the size of a compressed output is
 * only bounded from above, and other programs may free (or take) space meanwhile.
 */
public final class DiskSpace {

    private DiskSpace() {
    }

    /**
     * The warning if {@code outputs} may need more than the {@code usableBytes} of their file system, else empty.
     *
     * @param outputs     what is written, for the message (one path, or several on one file system)
     * @param neededBytes their size, or an upper bound of it (voxels times bytes per voxel)
     */
    public static Optional<String> warning(String outputs, long neededBytes, long usableBytes) {
        if (neededBytes <= usableBytes) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "%s: up to %s to write but only %s free on the file system; "
                + "writing will fail when the disk is full", outputs, ByteSize.binary(neededBytes),
                ByteSize.binary(usableBytes)));
    }

    /**
     * Warnings for outputs about to be written, given the bytes each needs at most: the needs of outputs on one
     * file system are added up and compared with the space usable there.
     */
    public static List<String> warnings(Map<Path, Long> neededBytes) {
        Map<FileStore, List<Path>> byStore = new LinkedHashMap<>();
        for (Path p : neededBytes.keySet()) {
            fileStore(p).ifPresent(s -> byStore.computeIfAbsent(s, k -> new ArrayList<>()).add(p));
        }
        List<String> warnings = new ArrayList<>();
        for (Map.Entry<FileStore, List<Path>> e : byStore.entrySet()) {
            long needed = e.getValue().stream().mapToLong(neededBytes::get).sum();
            String outputs = e.getValue().stream().map(Path::toString).collect(Collectors.joining(" and "));
            usableBytes(e.getKey()).flatMap(usable -> warning(outputs, needed, usable)).ifPresent(warnings::add);
        }
        return warnings;
    }

    /** The file system that will hold {@code target}: that of its nearest existing folder. */
    private static Optional<FileStore> fileStore(Path target) {
        Path p = target.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        try {
            return p == null ? Optional.empty() : Optional.of(Files.getFileStore(p));
        } catch (IOException e) {
            return Optional.empty(); // a file system that cannot tell is not worth failing a run over
        }
    }

    private static Optional<Long> usableBytes(FileStore store) {
        try {
            return Optional.of(store.getUsableSpace());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
