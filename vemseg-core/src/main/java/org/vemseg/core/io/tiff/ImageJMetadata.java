package org.vemseg.core.io.tiff;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.vemseg.core.volume.VoxelSize;

/**
 * The voxel size convention of ImageJ/Fiji hyperstacks, which tifffile follows too: the first page's
 * ImageDescription starts with {@code ImageJ=} and holds {@code key=value} lines, among them
 * {@code unit=} (nm, micron, ...) and {@code spacing=} (z step in that unit), while XResolution and
 * YResolution give pixels per unit in x and y (ResolutionUnit none).
 */
final class ImageJMetadata {

    private ImageJMetadata() {
    }

    /**
     * The voxel size in nm from ImageJ metadata, or empty if the description is not ImageJ's or its unit is
     * not a length vemseg knows. Missing values take ImageJ's defaults (1 unit per pixel, spacing 1 unit).
     */
    static Optional<VoxelSize> voxelSize(Optional<String> description, double xResolution, double yResolution) {
        if (description.isEmpty() || !description.get().startsWith("ImageJ=")) {
            return Optional.empty();
        }
        Map<String, String> values = parse(description.get());
        Optional<Double> nmPerUnit = nanometresPer(values.getOrDefault("unit", ""));
        if (nmPerUnit.isEmpty()) {
            return Optional.empty();
        }
        double f = nmPerUnit.get();
        double x = xResolution > 0 ? 1 / xResolution : 1;
        double y = yResolution > 0 ? 1 / yResolution : x;
        double z = 1;
        try {
            z = Double.parseDouble(values.getOrDefault("spacing", "1"));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!(x > 0 && y > 0 && z > 0) || Double.isInfinite(x * y * z)) {
            return Optional.empty();
        }
        // ImageJ stores 1/resolution as a rational of 32-bit numbers: undo the rounding noise.
        return Optional.of(new VoxelSize(clean(z * f), clean(y * f), clean(x * f)));
    }

    private static double clean(double v) {
        double r = Double.parseDouble(String.format(Locale.ROOT, "%.9g", v));
        return r > 0 ? r : v;
    }

    private static Map<String, String> parse(String description) {
        Map<String, String> values = new HashMap<>();
        for (String line : description.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.putIfAbsent(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return values;
    }

    /** Nanometres per unit for ImageJ's unit names; empty for pixels or unknown units. */
    static Optional<Double> nanometresPer(String unit) {
        String u = unit.replace("\\u00B5", "\u00B5").replace("\\u00b5", "\u00B5").replace('\u03BC', '\u00B5')
                .trim().toLowerCase(Locale.ROOT);
        return Optional.ofNullable(switch (u) {
            case "nm", "nanometer", "nanometers", "nanometre", "nanometres" -> 1.0;
            case "micron", "microns", "um", "\u00B5m", "micrometer", "micrometers", "micrometre", "micrometres" -> 1e3;
            case "mm", "millimeter", "millimeters", "millimetre", "millimetres" -> 1e6;
            case "cm", "centimeter", "centimeters", "centimetre", "centimetres" -> 1e7;
            case "m", "meter", "meters", "metre", "metres" -> 1e9;
            case "pm", "picometer", "picometers" -> 1e-3;
            case "a", "\u00E5", "\u212B", "angstrom", "angstroms" -> 0.1;
            case "inch", "inches", "in" -> 2.54e7;
            default -> null;
        });
    }

    /**
     * The ImageDescription vemseg writes with a voxel size. {@code images=} tells ImageJ to read the pages
     * as one contiguous block, which holds only for uncompressed output; compressed stacks leave it out so
     * that ImageJ walks the IFDs instead.
     */
    static String description(long pages, VoxelSize size, boolean contiguous) {
        StringBuilder s = new StringBuilder("ImageJ=1.11a\n");
        if (contiguous) {
            s.append("images=").append(pages).append('\n').append("slices=").append(pages).append('\n');
        }
        s.append("unit=nm\n").append("spacing=").append(size.z()).append('\n').append("loop=false\n");
        return s.toString();
    }

    /**
     * Pixels per nm for a pixel size in nm as a TIFF RATIONAL {numerator, denominator} of unsigned
     * 32-bit numbers, exact for sizes with up to six decimals.
     */
    static long[] resolution(double sizeNm) {
        long num = 1_000_000;
        while (num > 1 && sizeNm * num > 0xFFFFFFFFL) {
            num /= 10;
        }
        long den = Math.max(1, Math.min(0xFFFFFFFFL, Math.round(sizeNm * num)));
        long g = gcd(num, den);
        return new long[] {num / g, den / g};
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
