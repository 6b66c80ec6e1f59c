package org.vemseg.core.curate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.vemseg.core.VemsegException;

/**
 * Streams {@code manifest.csv}: one row per cut patch, written as it is decided, so the manifest of
 * millions of patches never sits in memory. Columns: {@code id, source, plane, z, y, x, hash, score,
 * kept, reason, file}; (z, y, x) is the patch's first voxel, {@code hash} its dHash in hex,
 * {@code reason} empty for kept patches, {@code low-score} or {@code duplicate-of <id>} (distance in
 * bits after a colon) for dropped ones; {@code file} is the kept patch's PNG relative to the output.
 */
final class ManifestWriter implements AutoCloseable {

    static final String HEADER = "id,source,plane,z,y,x,hash,score,kept,reason,file";

    private final Path file;
    private final BufferedWriter out;

    ManifestWriter(Path file) {
        this.file = file;
        try {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            out.write(HEADER);
            out.newLine();
        } catch (IOException e) {
            throw VemsegException.IO.of(file, "write manifest", e);
        }
    }

    void row(int id, String source, Patch p, long hash, double score, String reason, String patchFile) {
        try {
            out.write(String.format(Locale.ROOT, "%d,%s,%s,%d,%d,%d,%s,%.2f,%s,%s,%s", id, csv(source), p.plane(),
                    p.z(), p.y(), p.x(), DHash.hex(hash), score, reason.isEmpty(), reason, patchFile));
            out.newLine();
        } catch (IOException e) {
            throw VemsegException.IO.of(file, "write manifest", e);
        }
    }

    private static String csv(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw VemsegException.IO.of(file, "write manifest", e);
        }
    }
}
