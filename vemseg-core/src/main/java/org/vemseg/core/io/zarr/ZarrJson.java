package org.vemseg.core.io.zarr;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vemseg.core.VemsegException;

/** Reads and writes the small JSON documents of a Zarr hierarchy, with errors that name the file. */
final class ZarrJson {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping()
            .serializeSpecialFloatingPointValues()
            .create();

    private ZarrJson() {
    }

    /** Parses a JSON object file. */
    static JsonObject read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw VemsegException.IO.of(file, "read", e);
        }
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) {
                throw new VemsegException.Corrupt(file + ": not a JSON object");
            }
            return e.getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            throw new VemsegException.Corrupt(file + ": invalid JSON (" + c.getMessage() + ")", e);
        }
    }

    /** Writes a JSON object, pretty-printed like zarr-python does. */
    static void write(Path file, JsonObject o) {
        try {
            Files.writeString(file, GSON.toJson(o) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw VemsegException.IO.of(file, "write", e);
        }
    }
}
