package org.vemseg.core.volume;

import org.vemseg.core.VemsegException;

/**
 * Physical size of one voxel in nanometres, in (z, y, x) order like every shape in vemseg.
 */
public record VoxelSize(double z, double y, double x) {

    public VoxelSize {
        if (!(z > 0 && y > 0 && x > 0) || Double.isInfinite(z) || Double.isInfinite(y) || Double.isInfinite(x)) {
            throw new VemsegException.InvalidInput(
                    "voxel size must be three positive numbers in nm (z,y,x), got " + z + "," + y + "," + x);
        }
    }

    /** Parses {@code "z,y,x"} in nanometres, e.g. {@code "50,4,4"}. */
    public static VoxelSize parse(String text) {
        String[] parts = text.split(",");
        if (parts.length != 3) {
            throw new VemsegException.InvalidInput(
                    "voxel size must be 'z,y,x' in nm, e.g. '50,4,4', but was '" + text + "'");
        }
        try {
            return new VoxelSize(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()),
                    Double.parseDouble(parts[2].trim()));
        } catch (NumberFormatException e) {
            throw new VemsegException.InvalidInput(
                    "voxel size must be 'z,y,x' in nm, e.g. '50,4,4', but was '" + text + "'");
        }
    }

    /** Size along an axis: 0 = z, 1 = y, 2 = x. */
    public double get(int axis) {
        return switch (axis) {
            case 0 -> z;
            case 1 -> y;
            case 2 -> x;
            default -> throw new IllegalArgumentException("axis must be 0, 1 or 2, was " + axis);
        };
    }

    /** Volume of one voxel in cubic nanometres. */
    public double voxelVolumeNm3() {
        return z * y * x;
    }

    @Override
    public String toString() {
        return fmt(z) + " x " + fmt(y) + " x " + fmt(x) + " nm (z, y, x)";
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
