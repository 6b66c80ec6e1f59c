package org.vemseg.nn.data;

import java.util.OptionalInt;
import java.util.TreeSet;
import org.vemseg.core.VemsegException;
import org.vemseg.core.volume.Block;

/**
 * Turns label voxel values into class indices 0 (background) / 1 (foreground), or {@link #IGNORE}.
 *
 * <ul>
 * <li>{@code ignore}: voxels of this value are excluded from loss and metrics.</li>
 * <li>{@code foreground}: this value is class 1, every other value class 0.</li>
 * <li>neither: labels must be binary, {0, 1} or {0, 255}; anything else is rejected (so a multi-valued label
 * volume is never silently binarised).</li>
 * </ul>
 */
public record LabelMapping(OptionalInt foreground, OptionalInt ignore) {

    /** Class value of excluded voxels. */
    public static final byte IGNORE = (byte) 255;

    public static LabelMapping binary() {
        return new LabelMapping(OptionalInt.empty(), OptionalInt.empty());
    }

    /** Class indices (0, 1 or {@link #IGNORE}) of every voxel of {@code labels}. */
    public byte[] apply(Block labels, String source) {
        int n = labels.size();
        byte[] out = new byte[n];
        double fgValue = foreground.isPresent() ? foreground.getAsInt() : Double.NaN;
        if (foreground.isEmpty()) {
            TreeSet<Long> seen = distinct(labels);
            if (ignore.isPresent()) {
                seen.remove((long) ignore.getAsInt());
            }
            seen.remove(0L);
            if (seen.size() > 1 || (seen.size() == 1 && seen.first() != 1 && seen.first() != 255)) {
                throw new VemsegException.InvalidInput(source + ": unexpected label values " + distinct(labels)
                        + "; expected binary 0/1 or 0/255, or name the class with --foreground V");
            }
            fgValue = seen.isEmpty() ? 1 : seen.first();
        }
        for (int i = 0; i < n; i++) {
            double v = labels.get(i);
            if (ignore.isPresent() && v == ignore.getAsInt()) {
                out[i] = IGNORE;
            } else {
                out[i] = v == fgValue ? (byte) 1 : (byte) 0;
            }
        }
        return out;
    }

    private static TreeSet<Long> distinct(Block labels) {
        TreeSet<Long> seen = new TreeSet<>();
        for (int i = 0, n = labels.size(); i < n && seen.size() <= 16; i++) {
            seen.add((long) labels.get(i));
        }
        return seen;
    }

    @Override
    public String toString() {
        String fg = foreground.isPresent() ? "foreground=" + foreground.getAsInt() : "binary";
        return ignore.isPresent() ? fg + ", ignore=" + ignore.getAsInt() : fg;
    }
}
