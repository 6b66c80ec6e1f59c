package org.vemseg.nn.data;

import java.util.OptionalInt;
import java.util.TreeSet;
import org.vemseg.core.VemsegException;
import org.vemseg.core.volume.Block;

/**
 * Turns label voxel values into class indices 0 .. {@code classes} − 1, or {@link #IGNORE}.
 *
 * <ul>
 * <li>{@code ignore}: voxels of this value are excluded from loss and metrics.</li>
 * <li>{@code foreground} (two classes only): this value is class 1, every other value class 0.</li>
 * <li>neither, two classes: labels must be binary, {0, 1} or {0, 255}; anything else is rejected (so a
 * multi-valued label volume is never silently binarised).</li>
 * <li>more than two classes: labels are class indices, used as they are; any other value is rejected.</li>
 * </ul>
 *
 * @param classes number of classes, 2 ≤ classes ≤ 255 (255 is {@link #IGNORE})
 */
public record LabelMapping(OptionalInt foreground, OptionalInt ignore, int classes) {

    /** Class value of excluded voxels. */
    public static final byte IGNORE = (byte) 255;

    /** Most distinct unexpected values named in an error message. */
    private static final int SHOWN = 16;

    public LabelMapping {
        if (classes < 2 || classes > 255) {
            throw new IllegalArgumentException("classes must be between 2 and 255 but was " + classes);
        }
        if (foreground.isPresent() && classes > 2) {
            // the foreground makes one class out of a multi-valued volume; with N classes the values are the classes
            throw new VemsegException.InvalidInput("{foreground} selects the class of a binary run and cannot be used "
                    + "with {classes} " + classes + " (labels are then class indices 0-" + (classes - 1) + ")");
        }
    }

    /** Two classes: {@code foreground} (if given) is class 1. */
    public LabelMapping(OptionalInt foreground, OptionalInt ignore) {
        this(foreground, ignore, 2);
    }

    public static LabelMapping binary() {
        return new LabelMapping(OptionalInt.empty(), OptionalInt.empty());
    }

    /** Class indices (0 .. classes − 1 or {@link #IGNORE}) of every voxel of {@code labels}. */
    public byte[] apply(Block labels, String source) {
        return classes > 2 ? classIndices(labels, source) : binary(labels, source);
    }

    private byte[] binary(Block labels, String source) {
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
                        + "; expected binary 0/1 or 0/255, or name the class with {foreground} V");
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

    /** Labels that are class indices already; every voxel is checked, not just the first distinct values. */
    private byte[] classIndices(Block labels, String source) {
        int n = labels.size();
        byte[] out = new byte[n];
        TreeSet<Double> unexpected = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            double v = labels.get(i);
            if (ignore.isPresent() && v == ignore.getAsInt()) {
                out[i] = IGNORE;
            } else if (v >= 0 && v < classes && v == Math.rint(v)) {
                out[i] = (byte) v;
            } else if (unexpected.size() < SHOWN) {
                unexpected.add(v);
            }
        }
        if (!unexpected.isEmpty()) {
            throw new VemsegException.InvalidInput(source + ": unexpected label values " + names(unexpected)
                    + " for {classes} " + classes + "; expected class indices 0-" + (classes - 1)
                    + " (exclude other values with {ignore} V)");
        }
        return out;
    }

    private static String names(TreeSet<Double> values) {
        return values.stream().map(v -> v == Math.rint(v) ? String.valueOf(v.longValue()) : String.valueOf(v))
                .toList().toString();
    }

    private static TreeSet<Long> distinct(Block labels) {
        TreeSet<Long> seen = new TreeSet<>();
        for (int i = 0, n = labels.size(); i < n && seen.size() <= SHOWN; i++) {
            seen.add((long) labels.get(i));
        }
        return seen;
    }

    @Override
    public String toString() {
        String fg = classes > 2 ? classes + " classes"
                : foreground.isPresent() ? "foreground=" + foreground.getAsInt() : "binary";
        return ignore.isPresent() ? fg + ", ignore=" + ignore.getAsInt() : fg;
    }
}
