package org.vemseg.core.predict;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vemseg.core.transform.Dihedral;
import org.vemseg.core.transform.GeometricVariant;

/**
 * Runs the ensemble on one unit: for each model and each of its variants, cuts the unit's tiles out of
 * the padded input (normalising on the way), transforms them, predicts them in batches, undoes the
 * variant on the needed output channels and adds them to the unit's blended sums.
 *
 * <p>Buffers are allocated once per batch shape and reused; nothing is allocated per tile or voxel.
 * Not thread-safe: one runner per prediction thread.
 */
final class TileRunner {

    private final List<EnsembleMember> members;
    private final int batchSize;
    private final int classes;
    /** Output class of each accumulated channel. */
    private final int[] channelClasses;
    private final TileGeometry geometry;
    private final Map<Integer, float[]> buffers = new HashMap<>();
    private final float[] scratchIn;
    private final float[] scratchOut;

    TileRunner(List<EnsembleMember> members, TileGeometry geometry, int batchSize, int[] channelClasses) {
        this.members = members;
        this.geometry = geometry;
        this.batchSize = batchSize;
        this.classes = members.get(0).predictor().classes();
        this.channelClasses = channelClasses.clone();
        int maxFrames = members.stream().mapToInt(m -> m.predictor().frames()).max().orElse(1);
        int tile = geometry.tileHeight() * geometry.tileWidth();
        this.scratchIn = new float[maxFrames * tile];
        this.scratchOut = new float[channelClasses.length * tile];
    }

    void run(UnitInput in, UnitAccumulator acc) {
        TilePlan plan = in.unit.plan();
        int th = geometry.tileHeight();
        int tw = geometry.tileWidth();
        int tiles = plan.tileCount();
        int items = (int) in.unit.box().depth() * tiles;
        for (EnsembleMember m : members) {
            TilePredictor predictor = m.predictor();
            int frames = predictor.frames();
            int inSize = frames * th * tw;
            int outSize = classes * th * tw;
            InputNormalization norm = m.normalization();
            float variantWeight = m.variantWeight();
            for (GeometricVariant v : m.variants()) {
                Dihedral plane = v.plane();
                int oh = plane.outHeight(th, tw);
                int ow = plane.outWidth(th, tw);
                for (int first = 0; first < items; first += batchSize) {
                    int n = Math.min(batchSize, items - first);
                    float[] batchIn = buffer(n * inSize, true);
                    float[] batchOut = buffer(n * outSize, false);
                    for (int k = 0; k < n; k++) {
                        int item = first + k;
                        int zl = item / tiles;
                        int t = item % tiles;
                        if (v.isIdentity()) {
                            gather(in, zl, t / plan.columns(), t % plan.columns(), frames, norm, batchIn,
                                    k * inSize);
                        } else {
                            gather(in, zl, t / plan.columns(), t % plan.columns(), frames, norm, scratchIn, 0);
                            v.applyToInput(scratchIn, 0, frames, th, tw, batchIn, k * inSize);
                        }
                    }
                    predictor.predict(batchIn, n, oh, ow, batchOut);
                    for (int k = 0; k < n; k++) {
                        int item = first + k;
                        int zl = item / tiles;
                        int t = item % tiles;
                        int i = t / plan.columns();
                        int j = t % plan.columns();
                        float[] src;
                        int off;
                        if (plane == Dihedral.IDENTITY) {
                            // Channels are either all classes in order, or the one output class.
                            src = batchOut;
                            off = k * outSize + (channelClasses.length == classes ? 0 : channelClasses[0] * th * tw);
                        } else {
                            Dihedral inv = plane.inverse();
                            for (int c = 0; c < channelClasses.length; c++) {
                                inv.apply(batchOut, k * outSize + channelClasses[c] * th * tw, oh, ow,
                                        scratchOut, c * th * tw);
                            }
                            src = scratchOut;
                            off = 0;
                        }
                        acc.add(src, off, zl, i, j, variantWeight);
                    }
                }
            }
        }
    }

    /**
     * Copies the normalised input of tile {@code (i, j)} of unit slice {@code zl} into {@code dst}; each frame with
     * the normalisation of the slice it comes from.
     */
    private void gather(UnitInput in, int zl, int i, int j, int frames, InputNormalization norm, float[] dst,
            int off) {
        TilePlan plan = in.unit.plan();
        int th = geometry.tileHeight();
        int tw = geometry.tileWidth();
        int r0 = (int) (plan.inputY(i) - plan.inputY0());
        int c0 = (int) (plan.inputX(j) - plan.inputX0());
        float[] src = in.data;
        for (int f = 0; f < frames; f++) {
            int p = zl + in.context - frames / 2 + f;
            Normalization n = norm instanceof Normalization fixed ? fixed : norm.forPlane(in.stats(p));
            float scale = n.scale();
            float shift = n.shift();
            for (int r = 0; r < th; r++) {
                int s = in.index(p, r0 + r, c0);
                int d = off + (f * th + r) * tw;
                for (int x = 0; x < tw; x++) {
                    dst[d + x] = src[s + x] * scale + shift;
                }
            }
        }
    }

    /** A reusable buffer of exactly {@code length} floats (input and output buffers kept apart). */
    private float[] buffer(int length, boolean input) {
        return buffers.computeIfAbsent(input ? length : -length - 1, k -> new float[length]);
    }
}
