package org.vemseg.core.predict;

import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.VolumeInfo;

/**
 * The raw (not yet normalised) input of one unit as floats: planes {@code unit.z - context ...
 * unit.end(z) + context - 1}, each covering the union of the unit's tile inputs in y and x. Positions
 * outside the volume are mirror padded ({@link Reflect}), in z as in y and x.
 *
 * <p>The reader is asked for one box, the unit's {@link PredictionUnit#inputBox()}, so memory is bounded by
 * the unit size and the z context.
 */
final class UnitInput {

    final PredictionUnit unit;
    final int context;
    final int planes;
    final int height;
    final int width;
    final float[] data;
    /** Statistics of the volume slice each padded plane comes from, or null if no model normalises per plane. */
    private PlaneStatistics.Stats[] planeStats;

    private UnitInput(PredictionUnit unit, int context, float[] data) {
        this.unit = unit;
        this.context = context;
        this.planes = (int) unit.box().depth() + 2 * context;
        this.height = unit.plan().inputHeight();
        this.width = unit.plan().inputWidth();
        this.data = data;
    }

    /** Index in {@link #data} of plane {@code p}, row {@code r}, column {@code c} of the padded input. */
    int index(int p, int r, int c) {
        return (p * height + r) * width + c;
    }

    /** Statistics of the volume slice padded plane {@code p} comes from (see {@link #withStatistics}). */
    PlaneStatistics.Stats stats(int p) {
        if (planeStats == null) {
            throw new IllegalStateException("no plane statistics were computed for this unit");
        }
        return planeStats[p];
    }

    /** Looks up, computing where needed, the statistics of the slices of every padded plane. */
    UnitInput withStatistics(PlaneStatistics statistics, long depth) {
        long[] zs = new long[planes];
        for (int p = 0; p < planes; p++) {
            zs[p] = Reflect.index(unit.box().z() - context + p, depth);
        }
        planeStats = statistics.of(zs);
        return this;
    }

    static UnitInput load(VolumeReader reader, PredictionUnit unit, int context) {
        VolumeInfo info = reader.info();
        Box u = unit.box();
        TilePlan plan = unit.plan();
        long z0 = u.z() - context;
        long y0 = plan.inputY0();
        long x0 = plan.inputX0();
        int planes = (int) u.depth() + 2 * context;
        int h = plan.inputHeight();
        int w = plan.inputWidth();
        Box readBox = unit.inputBox();
        long rx0 = readBox.x();
        Block raw = reader.read(readBox);
        float[] data = new float[Math.multiplyExact(Math.multiplyExact(planes, h), w)];
        UnitInput in = new UnitInput(unit, context, data);
        // Columns [inA, inB) of the padded row come straight from the read row; the rest mirror.
        int inA = (int) (rx0 - x0);
        int inB = (int) (readBox.end(2) - x0);
        for (int p = 0; p < planes; p++) {
            long vz = Reflect.index(z0 + p, info.depth());
            for (int r = 0; r < h; r++) {
                long vy = Reflect.index(y0 + r, info.height());
                int dst = in.index(p, r, 0);
                int rowStart = raw.index(vz, vy, rx0);
                FloatRows.copy(raw, rowStart, data, dst + inA, inB - inA);
                for (int c = 0; c < inA; c++) {
                    data[dst + c] = (float) raw.get(rowStart + (int) (Reflect.index(x0 + c, info.width()) - rx0));
                }
                for (int c = inB; c < w; c++) {
                    data[dst + c] = (float) raw.get(rowStart + (int) (Reflect.index(x0 + c, info.width()) - rx0));
                }
            }
        }
        return in;
    }
}
