package org.vemseg.core.io.zarr;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.vemseg.core.VemsegException;
import org.vemseg.core.volume.VoxelSize;

/**
 * The first {@code multiscales} entry of an OME-Zarr (NGFF) group's {@code .zattrs}: the resolution levels
 * (dataset paths) with their physical scale, finest first.
 *
 * <p>Only the last three axes matter (z, y, x; leading t and c axes must have size 1 in the arrays).
 * A voxel size is reported only when all three spatial axes carry a known length unit. An axis without a
 * unit gets no voxel size rather than an assumed nanometre: many writers put plain pixel factors
 * (1, 2, 4...) in {@code scale} with no unit, and inventing a physical size from those would be wrong.
 *
 * @param version  NGFF version string, e.g. {@code 0.4} ({@code ?} if absent)
 * @param levels   resolution levels, finest first
 */
record OmeMultiscales(String version, List<Level> levels) {

    /** One resolution level: its array path and voxel size, if known. */
    record Level(String path, Optional<VoxelSize> voxelSize) {
    }

    OmeMultiscales {
        levels = List.copyOf(levels);
    }

    /** The multiscales of a group's attributes, if it has any. */
    static Optional<OmeMultiscales> parse(JsonObject zattrs, String where) {
        JsonElement ms = zattrs.get("multiscales");
        if (ms == null) {
            return Optional.empty();
        }
        try {
            JsonObject m = ms.getAsJsonArray().get(0).getAsJsonObject();
            String version = m.has("version") ? m.get("version").getAsString() : "?";
            String[] units = units(m.get("axes"));
            double[] global = scaleOf(m.get("coordinateTransformations"));
            List<Level> levels = new ArrayList<>();
            for (JsonElement d : m.getAsJsonArray("datasets")) {
                JsonObject ds = d.getAsJsonObject();
                String path = ds.get("path").getAsString();
                double[] scale = scaleOf(ds.get("coordinateTransformations"));
                levels.add(new Level(path, voxelSize(scale, global, units)));
            }
            if (levels.isEmpty()) {
                throw new VemsegException.Corrupt(where + ": multiscales lists no datasets");
            }
            return Optional.of(new OmeMultiscales(version, levels));
        } catch (VemsegException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new VemsegException.Corrupt(where + ": invalid OME-Zarr multiscales metadata (" + e.getMessage()
                    + ")", e);
        }
    }

    /** Finds a level by its path ({@code "1"}, {@code "/1"} and {@code "1/"} all match {@code 1}). */
    Optional<Integer> indexOf(String path) {
        String p = trimSlashes(path);
        for (int i = 0; i < levels.size(); i++) {
            if (trimSlashes(levels.get(i).path()).equals(p)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    static String trimSlashes(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && s.charAt(a) == '/') {
            a++;
        }
        while (b > a && s.charAt(b - 1) == '/') {
            b--;
        }
        return s.substring(a, b);
    }

    /** Units of the axes (null where none), or null if the version has no axis objects. */
    private static String[] units(JsonElement axes) {
        if (axes == null || !axes.isJsonArray()) {
            return null;
        }
        JsonArray a = axes.getAsJsonArray();
        String[] u = new String[a.size()];
        for (int i = 0; i < u.length; i++) {
            JsonElement e = a.get(i);
            if (e.isJsonObject() && e.getAsJsonObject().has("unit") && !e.getAsJsonObject().get("unit").isJsonNull()) {
                u[i] = e.getAsJsonObject().get("unit").getAsString();
            }
        }
        return u;
    }

    /** The {@code scale} of a coordinateTransformations list, or null if it has none. */
    private static double[] scaleOf(JsonElement transforms) {
        if (transforms == null || !transforms.isJsonArray()) {
            return null;
        }
        for (JsonElement t : transforms.getAsJsonArray()) {
            JsonObject o = t.getAsJsonObject();
            if (o.has("type") && o.get("type").getAsString().equals("scale") && o.has("scale")) {
                JsonArray s = o.getAsJsonArray("scale");
                double[] v = new double[s.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = s.get(i).getAsDouble();
                }
                return v;
            }
        }
        return null;
    }

    private static Optional<VoxelSize> voxelSize(double[] scale, double[] global, String[] units) {
        if (scale == null || units == null || scale.length < 3 || units.length != scale.length) {
            return Optional.empty(); // 2D images and pre-0.4 metadata carry no usable z spacing / units
        }
        int n = scale.length;
        double[] nm = new double[3];
        for (int d = 0; d < 3; d++) {
            int axis = n - 3 + d;
            double factor = nanometresPer(units[axis]);
            double g = global != null && global.length == n ? global[axis] : 1;
            nm[d] = scale[axis] * g * factor;
            if (!(nm[d] > 0) || Double.isInfinite(nm[d])) {
                return Optional.empty();
            }
        }
        return Optional.of(new VoxelSize(nm[0], nm[1], nm[2]));
    }

    /** Nanometres per unit for the UDUNITS length names NGFF allows; NaN for unknown or missing units. */
    static double nanometresPer(String unit) {
        if (unit == null) {
            return Double.NaN;
        }
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "nanometer", "nm" -> 1;
            case "micrometer", "micron", "um", "µm" -> 1e3;
            case "millimeter", "mm" -> 1e6;
            case "centimeter", "cm" -> 1e7;
            case "meter", "m" -> 1e9;
            case "angstrom", "å" -> 0.1;
            case "picometer", "pm" -> 1e-3;
            default -> Double.NaN;
        };
    }

    /**
     * The {@code .zattrs} of an image vemseg writes: NGFF 0.4 multiscales with axes z, y, x (unit nanometer
     * when the voxel size is known) and, per level, its scale and the half-voxel translation that mean
     * downsampling implies.
     *
     * @param factors per level, the cumulative downsampling factor (z, y, x) relative to level 0
     */
    static JsonObject toZattrs(String name, List<int[]> factors, Optional<VoxelSize> voxelSize) {
        JsonObject m = new JsonObject();
        JsonArray axes = new JsonArray();
        for (String a : new String[] {"z", "y", "x"}) {
            JsonObject ax = new JsonObject();
            ax.addProperty("name", a);
            ax.addProperty("type", "space");
            if (voxelSize.isPresent()) {
                ax.addProperty("unit", "nanometer");
            }
            axes.add(ax);
        }
        m.add("axes", axes);
        JsonArray datasets = new JsonArray();
        for (int level = 0; level < factors.size(); level++) {
            int[] f = factors.get(level);
            JsonArray scale = new JsonArray();
            JsonArray shift = new JsonArray();
            boolean shifted = false;
            for (int d = 0; d < 3; d++) {
                int axis = d;
                double base = voxelSize.map(v -> v.get(axis)).orElse(1.0);
                scale.add(base * f[d]);
                shift.add(base * (f[d] - 1) / 2.0);
                shifted |= f[d] > 1;
            }
            JsonArray transforms = new JsonArray();
            JsonObject s = new JsonObject();
            s.addProperty("type", "scale");
            s.add("scale", scale);
            transforms.add(s);
            if (shifted) {
                JsonObject t = new JsonObject();
                t.addProperty("type", "translation");
                t.add("translation", shift);
                transforms.add(t);
            }
            JsonObject ds = new JsonObject();
            ds.add("coordinateTransformations", transforms);
            ds.addProperty("path", Integer.toString(level));
            datasets.add(ds);
        }
        m.add("datasets", datasets);
        m.addProperty("name", name);
        m.addProperty("type", "mean");
        m.addProperty("version", "0.4");
        JsonArray list = new JsonArray();
        list.add(m);
        JsonObject root = new JsonObject();
        root.add("multiscales", list);
        return root;
    }
}
