package org.vemseg.core.io.zarr;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.AtomicFile;

/**
 * The chunk files of one Zarr array folder: counted from directory listings, and written atomically
 * without ever recreating the array folder.
 */
final class ChunkFiles {

    private ChunkFiles() {
    }

    /**
     * Chunk files present, counted from directory listings without opening or stat-ing a chunk, so it stays cheap
     * on arrays of millions of chunks: one listing of the array folder with the {@code .} separator, one per folder
     * of the nested layout with {@code /}. Names that are not chunk keys of this array (metadata, temporary files)
     * are not counted.
     */
    static long count(Path dir, ZarrArrayMetadata meta) {
        long[] counts = gridCounts(meta);
        return meta.separator().equals("/") ? nestedChunks(dir, 0, counts) : flatChunks(dir, counts);
    }

    /** Chunks along each stored axis (2 to 5 of them, as chunk keys have). */
    static long[] gridCounts(ZarrArrayMetadata meta) {
        long[] shape = meta.shape();
        int[] chunks = meta.chunks();
        long[] counts = new long[shape.length];
        for (int d = 0; d < shape.length; d++) {
            counts[d] = (shape[d] + chunks[d] - 1) / chunks[d];
        }
        return counts;
    }

    private static long flatChunks(Path dir, long[] counts) {
        long n = 0;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                String[] key = p.getFileName().toString().split("\\.", -1);
                boolean isChunk = key.length == counts.length;
                for (int d = 0; isChunk && d < key.length; d++) {
                    isChunk = isIndex(key[d], counts[d]);
                }
                n += isChunk ? 1 : 0;
            }
        } catch (IOException e) {
            throw VemsegException.IO.of(dir, "list", e);
        }
        return n;
    }

    private static long nestedChunks(Path folder, int axis, long[] counts) {
        long n = 0;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(folder)) {
            for (Path p : s) {
                if (isIndex(p.getFileName().toString(), counts[axis])) {
                    n += axis == counts.length - 1 ? 1 : nestedChunks(p, axis + 1, counts);
                }
            }
        } catch (NotDirectoryException e) {
            return 0; // a stray file where a folder of the layout belongs
        } catch (IOException e) {
            throw VemsegException.IO.of(folder, "list", e);
        }
        return n;
    }

    /** Whether {@code name} is a chunk index below {@code count}. */
    private static boolean isIndex(String name, long count) {
        if (name.isEmpty() || name.length() > 18 || !name.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        return Long.parseLong(name) < count;
    }

    /**
     * Writes one chunk file, creating its folders below the array folder but never the array folder itself: a
     * worker still running while Ctrl-C deletes a temporary output must fail rather than recreate it.
     */
    static void write(Path dir, Path file, byte[] bytes) {
        try {
            if (!file.getParent().equals(dir)) {
                createBelowArray(dir, dir.relativize(file.getParent()));
            }
        } catch (IOException e) {
            throw VemsegException.IO.of(file, "write chunk", e);
        }
        AtomicFile.write(file, bytes, "write chunk");
    }

    private static void createBelowArray(Path dir, Path relative) throws IOException {
        Path folder = dir;
        for (Path name : relative) {
            folder = folder.resolve(name);
            try {
                Files.createDirectory(folder);
            } catch (FileAlreadyExistsException e) {
                // made by an earlier chunk or another worker
            }
        }
    }
}
