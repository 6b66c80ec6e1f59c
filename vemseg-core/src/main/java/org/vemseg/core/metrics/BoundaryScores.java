package org.vemseg.core.metrics;

import org.vemseg.core.objects.ConnectedComponents;
import org.vemseg.core.objects.Connectivity;
import org.vemseg.core.objects.LabelVolume;
import org.vemseg.core.objects.Mask;

/**
 * The ISBI 2012 measures for boundary (membrane) maps: the cells a boundary map encloses (4-connected
 * regions of non-boundary pixels in each slice, so each slice has its own cells) are compared with the
 * true cells by the Rand F-score and by the variation of information.
 *
 * <p>Like the challenge's foreground-restricted measures, only pixels inside true cells are counted (true
 * boundary pixels are ignored). A pixel the prediction marks as boundary belongs to no cell; it counts as
 * a cell of its own, so thick predicted boundaries cost a little and missing ones cost a merge.
 *
 * <p>With {@code n_ij} the pixels in true cell i and predicted cell j, {@code t_i} and {@code p_j} the cell
 * sizes (Arganda-Carreras et al. 2015): Rand split = {@code sum n_ij^2 / sum t_i^2} (drops when the
 * prediction splits true cells), Rand merge = {@code sum n_ij^2 / sum p_j^2} (drops when it merges them), Rand
 * F-score their harmonic mean and Rand error {@code 1 - F}. VI split = H(predicted | true), VI merge =
 * H(true | predicted), in bits.
 */
public record BoundaryScores(double randSplit, double randMerge, double randFScore, double randError,
        double viSplit, double viMerge, double vi) {

    /** Accumulates slices; call {@link #add} per slice, then {@link #result()}. */
    public static final class Accumulator {
        private final PairCounter joint = new PairCounter();
        private final PairCounter truthSizes = new PairCounter();
        private final PairCounter predSizes = new PairCounter();
        private long cellOffsetT;
        private long cellOffsetP;
        private long singletons;

        /**
         * @param predBoundary 1 where the prediction says boundary, one slice {@code h * w}
         * @param truthBoundary 1 where the truth says boundary
         */
        public void add(byte[] predBoundary, byte[] truthBoundary, int h, int w) {
            LabelVolume t = cells(truthBoundary, h, w);
            LabelVolume p = cells(predBoundary, h, w);
            int[] tl = t.labels();
            int[] pl = p.labels();
            for (int i = 0; i < tl.length; i++) {
                if (tl[i] == 0) {
                    continue;
                }
                long ti = cellOffsetT + tl[i];
                truthSizes.add(ti);
                if (pl[i] == 0) {
                    singletons++;
                } else {
                    long pj = cellOffsetP + pl[i];
                    predSizes.add(pj);
                    joint.add((ti << 32) | pj);
                }
            }
            cellOffsetT += t.count();
            cellOffsetP += p.count();
            if (cellOffsetT >= 1L << 31 || cellOffsetP >= 1L << 31) {
                throw new IllegalStateException("too many cells for the contingency table");
            }
        }

        public BoundaryScores result() {
            double sumJoint2 = singletons;
            double sumT2 = 0;
            double sumP2 = singletons;
            for (long c : joint.counts()) {
                sumJoint2 += (double) c * c;
            }
            for (long c : truthSizes.counts()) {
                sumT2 += (double) c * c;
            }
            for (long c : predSizes.counts()) {
                sumP2 += (double) c * c;
            }
            long total = 0;
            for (long c : truthSizes.counts()) {
                total += c;
            }
            if (total == 0) {
                return new BoundaryScores(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN);
            }
            double split = sumJoint2 / sumT2;
            double merge = sumJoint2 / sumP2;
            double f = 2 * split * merge / (split + merge);
            // Entropies in bits: H(P|T) = H(T,P) - H(T), H(T|P) = H(T,P) - H(P); singletons are their own
            // cells in P and in the joint table.
            double hJoint = entropy(joint.counts(), total) + singletons * term(1, total);
            double hT = entropy(truthSizes.counts(), total);
            double hP = entropy(predSizes.counts(), total) + singletons * term(1, total);
            double viSplit = hJoint - hT;
            double viMerge = hJoint - hP;
            return new BoundaryScores(split, merge, f, 1 - f, viSplit, viMerge, viSplit + viMerge);
        }
    }

    private static LabelVolume cells(byte[] boundary, int h, int w) {
        byte[] inside = new byte[boundary.length];
        for (int i = 0; i < inside.length; i++) {
            inside[i] = (byte) (boundary[i] == 0 ? 1 : 0);
        }
        return ConnectedComponents.label(new Mask(1, h, w, inside), Connectivity.SIX);
    }

    private static double entropy(long[] counts, long total) {
        double h = 0;
        for (long c : counts) {
            h += term(c, total);
        }
        return h;
    }

    private static double term(long c, long total) {
        double p = c / (double) total;
        return p > 0 ? -p * Math.log(p) / Math.log(2) : 0;
    }
}
