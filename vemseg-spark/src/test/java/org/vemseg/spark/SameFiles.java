package org.vemseg.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Compares two output folders file for file: what "identical to one machine" means for an OME-Zarr output. */
final class SameFiles {

    private SameFiles() {
    }

    /** Every file of both folders (chunks of every pyramid level, metadata) has the same bytes. */
    static void assertSame(Path expected, Path actual) {
        List<Path> a = files(expected);
        List<Path> b = files(actual);
        assertEquals(a, b, "the same files");
        assertTrue(a.size() > 10, "chunks were written: " + a);
        for (Path f : a) {
            try {
                assertArrayEquals(Files.readAllBytes(expected.resolve(f)), Files.readAllBytes(actual.resolve(f)),
                        f.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static List<Path> files(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
