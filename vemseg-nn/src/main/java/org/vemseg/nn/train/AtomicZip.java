package org.vemseg.nn.train;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.AtomicFile;

/**
 * A zip of named byte entries, the container of training and pre-training checkpoints. Written with
 * {@link AtomicFile#writeDurably}, so a checkpoint on disk is always complete: an interruption while saving (Ctrl-C,
 * kill -9, the out-of-memory killer, a power cut) leaves the previous one. Read whole, with one error wording for
 * every kind of checkpoint.
 */
public final class AtomicZip {

    private static final Gson GSON = new Gson();

    private AtomicZip() {
    }

    /** Writes {@code entries} (in their iteration order) as the zip {@code path}. */
    public static void write(Path path, Map<String, byte[]> entries) {
        AtomicFile.writeDurably(path, out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey()));
                    zip.write(e.getValue());
                    zip.closeEntry();
                }
            }
        }, "write checkpoint");
    }

    /**
     * Reads every entry of the zip {@code path}.
     *
     * @param kind what the file should be, for error messages ("checkpoint")
     * @throws VemsegException.Corrupt if the file is not a zip
     */
    public static Map<String, byte[]> read(Path path, String kind) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(path.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(e)) {
                    entries.put(e.getName(), in.readAllBytes());
                }
            }
        } catch (ZipException e) {
            throw corrupt(path, kind, e.getMessage());
        } catch (IOException e) {
            throw VemsegException.IO.of(path, "read " + kind, e);
        }
        return entries;
    }

    /** The entry {@code name} of entries read by {@link #read}; Corrupt if it is missing. */
    public static byte[] require(Map<String, byte[]> entries, String name, Path path, String kind) {
        byte[] v = entries.get(name);
        if (v == null) {
            throw corrupt(path, kind, "missing entry " + name);
        }
        return v;
    }

    /** {@code value} as the UTF-8 JSON of an entry that {@link #json} reads back. */
    public static byte[] jsonBytes(Object value) {
        return GSON.toJson(value).getBytes(StandardCharsets.UTF_8);
    }

    /** The JSON entry {@code name} of entries read by {@link #read}, as a {@code type}; Corrupt if unreadable. */
    public static <T> T json(Map<String, byte[]> entries, String name, Class<T> type, Path path, String kind) {
        try {
            return GSON.fromJson(new String(require(entries, name, path, kind), StandardCharsets.UTF_8), type);
        } catch (JsonParseException e) {
            throw corrupt(path, kind, name + ": " + e.getMessage());
        }
    }

    /** The one wording of a file that is not what it should be. */
    public static VemsegException.Corrupt corrupt(Path path, String kind, String why) {
        return new VemsegException.Corrupt(path + ": not a vemseg " + kind + " (" + why + ")");
    }
}
