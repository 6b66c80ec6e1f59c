package org.vemseg.core.predict;

import org.vemseg.core.volume.Box;

/**
 * Weighted sums of one unit's tile outputs: per accumulated channel {@code sum(w p)}, optionally
 * {@code sum(w p^2)} of the output class for the spread, and the 2D sum of blend weights (the same for
 * every slice, since every slice has the same tiles). The ensemble average at a voxel is
 * {@code sum(w p) / (weight * models)}: each model's variant weights add up to 1.
 */
final class UnitAccumulator {

    final PredictionUnit unit;
    final int channels;
    final int depth;
    final int height;
    final int width;
    /** {@code [channel][z][y][x]} of the unit. */
    final float[] sum;
    /** {@code [z][y][x]}, or null if the spread is not wanted. */
    final float[] sumSquares;
    /** {@code [y][x]}: sum of the tiles' blend weights. */
    final float[] weight;
    /** The channel whose square is accumulated. */
    final int squaredChannel;
    /** Blend weights along the valid region of each tile row and column of the unit's plan. */
    private final float[][] rowWeights;
    private final float[][] columnWeights;

    UnitAccumulator(PredictionUnit unit, int channels, boolean squares, int squaredChannel, BlendWeights wy,
            BlendWeights wx) {
        this.unit = unit;
        Box b = unit.box();
        this.channels = channels;
        this.depth = (int) b.depth();
        this.height = (int) b.height();
        this.width = (int) b.width();
        int voxels = Math.multiplyExact(Math.multiplyExact(depth, height), width);
        this.sum = new float[Math.multiplyExact(voxels, channels)];
        this.sumSquares = squares ? new float[voxels] : null;
        this.squaredChannel = squaredChannel;
        this.weight = new float[height * width];
        TilePlan plan = unit.plan();
        this.rowWeights = new float[plan.rows()][];
        for (int i = 0; i < plan.rows(); i++) {
            rowWeights[i] = wy.axis(plan.validHeight(i), i > 0, i < plan.rows() - 1);
        }
        this.columnWeights = new float[plan.columns()][];
        for (int j = 0; j < plan.columns(); j++) {
            columnWeights[j] = wx.axis(plan.validWidth(j), j > 0, j < plan.columns() - 1);
        }
        for (int i = 0; i < plan.rows(); i++) {
            for (int j = 0; j < plan.columns(); j++) {
                addWeights(i, j);
            }
        }
    }

    private void addWeights(int i, int j) {
        Box b = unit.box();
        float[] wy = rowWeights[i];
        float[] wx = columnWeights[j];
        Span s = span(i, j);
        for (long y = s.ya; y < s.yb; y++) {
            float w = wy[(int) (y - s.ys)];
            int row = (int) (y - b.y()) * width + (int) (s.xs - b.x());
            for (int x = s.xa; x < s.xb; x++) {
                weight[row + x] += w * wx[x];
            }
        }
    }

    /**
     * Adds one tile's output, already in the original orientation: {@code channels} planes of
     * {@code tileHeight x tileWidth} starting at {@code off} in {@code p}, for slice {@code zl} of the
     * unit and tile {@code (i, j)} of the plan, blended over its valid region and scaled by {@code scale}.
     */
    void add(float[] p, int off, int zl, int i, int j, float scale) {
        TilePlan plan = unit.plan();
        TileGeometry g = plan.geometry();
        Box b = unit.box();
        int tw = g.tileWidth();
        int tilePlane = g.tileHeight() * tw;
        float[] wy = rowWeights[i];
        float[] wx = columnWeights[j];
        // Where the valid region starts in the tile: the halo inside it, less at the volume's edges.
        int vy = (int) (plan.validY(i) - plan.inputY(i));
        int vx = (int) (plan.validX(j) - plan.inputX(j));
        Span s = span(i, j);
        int n = s.xb - s.xa;
        int plane = depth * height * width;
        for (long y = s.ya; y < s.yb; y++) {
            float rowWeight = wy[(int) (y - s.ys)] * scale;
            int ty = (int) (y - s.ys) + vy;
            int acc = (zl * height + (int) (y - b.y())) * width + (int) (s.xs - b.x()) + s.xa;
            for (int c = 0; c < channels; c++) {
                int src = off + c * tilePlane + ty * tw + vx + s.xa;
                int dst = c * plane + acc;
                if (sumSquares != null && c == squaredChannel) {
                    for (int x = 0; x < n; x++) {
                        float w = rowWeight * wx[s.xa + x];
                        float v = p[src + x];
                        sum[dst + x] += w * v;
                        sumSquares[acc + x] += w * v * v;
                    }
                } else {
                    for (int x = 0; x < n; x++) {
                        sum[dst + x] += rowWeight * wx[s.xa + x] * p[src + x];
                    }
                }
            }
        }
    }

    /**
     * Where tile {@code (i, j)}'s valid region meets the unit: it starts at {@code (ys, xs)}; it covers volume rows
     * {@code [ya, yb)} of the unit and columns {@code [xa, xb)} of the valid region.
     */
    private Span span(int i, int j) {
        TilePlan plan = unit.plan();
        Box b = unit.box();
        long ys = plan.validY(i);
        long xs = plan.validX(j);
        int ny = plan.validHeight(i);
        int nx = plan.validWidth(j);
        return new Span(ys, xs, Math.max(ys, b.y()), Math.min(ys + ny, b.end(1)), (int) (Math.max(xs, b.x()) - xs),
                (int) (Math.min(xs + nx, b.end(2)) - xs));
    }

    private record Span(long ys, long xs, long ya, long yb, int xa, int xb) {
    }
}
