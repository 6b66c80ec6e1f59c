package org.vemseg.core.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.AtomicOutput;
import org.vemseg.core.objects.ObjectMeasurement;
import org.vemseg.core.objects.ObjectTable;

/**
 * Object density along one axis with a sliding window (CDeep3M's cell-density profile): at every slice
 * position along the axis, the objects whose centroid lies within half a window of it, divided by the
 * volume of the window (its length, clipped at the image's ends, times the image's cross-section).
 * Densities are objects per mm³ when the voxel size is known, else objects per million voxels.
 *
 * @param axis 0 = z, 1 = y, 2 = x
 * @param position window centres (µm, or voxels)
 * @param count objects in each window
 * @param density objects per mm³ (or per 10^6 voxels)
 */
public record DensityProfile(int axis, double window, boolean physical, double[] position, int[] count,
        double[] density) {

    private static final String[] AXES = {"z", "y", "x"};

    public String axisName() {
        return AXES[axis];
    }

    /**
     * @param window window length in the table's unit (µm, or voxels without a voxel size)
     */
    public static DensityProfile of(ObjectTable table, int axis, double window) {
        if (!(window > 0)) {
            throw new VemsegException.InvalidInput("density window must be positive, was " + window);
        }
        double[] s = table.spacing();
        long[] shape = table.shape();
        int n = (int) shape[axis];
        double crossSection = 1;
        for (int a = 0; a < 3; a++) {
            if (a != axis) {
                crossSection *= shape[a] * s[a];
            }
        }
        List<ObjectMeasurement> objects = table.objects();
        double[] c = new double[objects.size()];
        for (int i = 0; i < c.length; i++) {
            ObjectMeasurement o = objects.get(i);
            c[i] = (axis == 0 ? o.centroidZ() : axis == 1 ? o.centroidY() : o.centroidX()) * s[axis];
        }
        Arrays.sort(c);
        double lo = -0.5 * s[axis];
        double hi = (n - 0.5) * s[axis];
        double[] pos = new double[n];
        int[] count = new int[n];
        double[] density = new double[n];
        double scale = table.physical() ? 1e9 : 1e6; // µm³ per mm³, or voxels per million
        for (int i = 0; i < n; i++) {
            double p = i * s[axis];
            double a = Math.max(lo, p - window / 2);
            double b = Math.min(hi, p + window / 2);
            int k = lowerBound(c, b + 1e-12) - lowerBound(c, a);
            pos[i] = p;
            count[i] = k;
            density[i] = k / ((b - a) * crossSection) * scale;
        }
        return new DensityProfile(axis, window, table.physical(), pos, count, density);
    }

    private static int lowerBound(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Unit of {@link #density()}, for headers and axis labels. */
    public String densityUnit() {
        return physical ? "objects/mm3" : "objects/1e6 voxels";
    }

    /** Writes profiles along several axes as one CSV: axis, position, objects in window, density. */
    public static void writeCsv(List<DensityProfile> profiles, Path path, boolean overwrite) {
        StringBuilder sb = new StringBuilder();
        String unit = profiles.isEmpty() || profiles.get(0).physical ? "um" : "voxel";
        sb.append("axis,position_").append(unit).append(",window_").append(unit).append(",objects_in_window,density_")
                .append(profiles.isEmpty() || profiles.get(0).physical ? "per_mm3" : "per_1e6_voxels").append('\n');
        for (DensityProfile p : profiles) {
            for (int i = 0; i < p.position.length; i++) {
                sb.append(String.format(Locale.ROOT, "%s,%.4f,%.4f,%d,%.6g%n", p.axisName(), p.position[i], p.window,
                        p.count[i], p.density[i]));
            }
        }
        try (AtomicOutput out = AtomicOutput.begin(path, overwrite, false)) {
            try {
                Files.writeString(out.temp(), sb.toString(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw VemsegException.IO.of(path, "write density profile", e);
            }
            out.commit();
        }
    }
}
