package org.vemseg.cli;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vemseg.core.volume.VoxelSize;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A length on the command line: {@code 20um}, {@code 500nm} or {@code 12vox} (a bare number is µm). */
record Length(double value, String unit) {

    private static final Pattern FORM =
            Pattern.compile("\\s*([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*(um|µm|nm|vox|voxels?)?\\s*");

    static Length parse(String text) {
        Matcher m = FORM.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new TypeConversionException(
                    "must be a length like '20um', '500nm' or '12vox', but was '" + text + "'");
        }
        String u = m.group(2) == null ? "um" : m.group(2).replace("µm", "um").replaceAll("voxels?", "vox");
        return new Length(Double.parseDouble(m.group(1)), u);
    }

    boolean isVoxels() {
        return unit.equals("vox");
    }

    /**
     * The length in the unit of an analysis: µm if the voxel size is known (voxels count along x), voxels
     * otherwise (a physical length is then taken as a number of voxels, which the caller reports).
     */
    double inAnalysisUnit(Optional<VoxelSize> voxelSize) {
        if (voxelSize.isEmpty()) {
            return value;
        }
        return switch (unit) {
            case "nm" -> value / 1000;
            case "vox" -> value * voxelSize.get().x() / 1000;
            default -> value;
        };
    }

    @Override
    public String toString() {
        return (value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value)) + unit;
    }

    static final class Converter implements ITypeConverter<Length> {
        @Override
        public Length convert(String value) {
            return parse(value);
        }
    }
}
