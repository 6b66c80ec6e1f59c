package org.vemseg.core.predict;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;

/**
 * Mean, standard deviation and percentiles of whole z slices of a volume, for {@link PlaneNormalization}: each slice
 * is computed once, when a work unit first needs it, and kept (a few numbers per slice).
 *
 * <p>Memory stays bounded whatever the plane size: slices are read in slabs of at most {@link #SLAB} slices (so a
 * chunked format reads each chunk once) and pieces of about {@link #PIECE_VOXELS} voxels aligned to the input's
 * chunks, into one histogram per slice. For 8- and 16-bit data the histogram has a bin per value and the statistics
 * are exact. For other types the mean and std are exact and percentiles come from 65536 bins between the slice's
 * minimum and maximum: within (max − min) / 65535 of numpy's, and exact at 0 and 100. Costs one extra read of every
 * slice predicted.
 *
 * <p>Thread-safe: {@link #of(long[])} is synchronized, so concurrent work units compute a slice once.
 */
public final class PlaneStatistics {

    /** Slices read together (one chunk depth of an OME-Zarr volume in vemseg's default chunking). */
    static final int SLAB = 32;
    /** Voxels per read while computing (more when one chunk of each slice of a slab is larger). */
    static final long PIECE_VOXELS = 1L << 22;
    private static final int FLOAT_BINS = 1 << 16;

    private final VolumeInfo info;
    /** Reads a box of the volume. */
    private final Function<Box, Block> reader;
    private final double[] percentiles;
    private final long pieceVoxels;
    private final Map<Long, Stats> cache = new ConcurrentHashMap<>();

    /**
     * The statistics of one slice.
     *
     * @param mean        mean of the slice's voxels
     * @param std         their standard deviation (population, divided by the count)
     * @param percentiles the percentiles computed (0–100)
     * @param values      the value at each of them, linearly interpolated between ranks as numpy's default
     */
    public record Stats(double mean, double std, double[] percentiles, double[] values) {

        public Stats {
            percentiles = percentiles.clone();
            values = values.clone();
            if (percentiles.length != values.length) {
                throw new IllegalArgumentException(percentiles.length + " percentiles but " + values.length
                        + " values");
            }
        }

        /** The value at percentile {@code q}, which must be one of those computed. */
        public double percentile(double q) {
            for (int i = 0; i < percentiles.length; i++) {
                if (percentiles[i] == q) {
                    return values[i];
                }
            }
            throw new IllegalArgumentException("percentile " + q + " was not computed (have "
                    + Arrays.toString(percentiles) + ")");
        }

        @Override
        public double[] percentiles() {
            return percentiles.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }
    }

    /** Statistics of {@code reader}'s slices with the given percentiles (0–100). */
    public PlaneStatistics(VolumeReader reader, double[] percentiles) {
        this(reader.info(), reader::read, percentiles, PIECE_VOXELS);
    }

    /** With reads of {@code pieceVoxels} voxels (tests use small ones to cut planes into many pieces). */
    PlaneStatistics(VolumeInfo info, Function<Box, Block> reader, double[] percentiles, long pieceVoxels) {
        this.info = info;
        this.reader = reader;
        this.pieceVoxels = pieceVoxels;
        this.percentiles = Arrays.stream(percentiles).distinct().sorted().toArray();
        for (double q : this.percentiles) {
            if (!(q >= 0 && q <= 100)) {
                throw new IllegalArgumentException("percentile must be between 0 and 100, was " + q);
            }
        }
    }

    /** The statistics of each slice of a block in memory (e.g. a test tensor), as they would be read from a file. */
    public static Stats[] of(Block block, double[] percentiles) {
        Block data = block.moveTo(0, 0, 0);
        Box b = data.box();
        VolumeInfo info = VolumeInfo.ofSlices(b.depth(), b.height(), b.width(), data.type(), Optional.empty());
        return new PlaneStatistics(info, data::crop, percentiles, PIECE_VOXELS)
                .of(LongStream.range(0, b.depth()).toArray());
    }

    /** The statistics of slice {@code z}. */
    public Stats of(long z) {
        return of(new long[] {z})[0];
    }

    /** The statistics of each slice in {@code zs}; missing runs of consecutive slices are read together. */
    public synchronized Stats[] of(long[] zs) {
        long[] missing = Arrays.stream(zs).filter(z -> !cache.containsKey(z)).distinct().sorted().toArray();
        int i = 0;
        while (i < missing.length) {
            int j = i + 1;
            while (j < missing.length && missing[j] == missing[j - 1] + 1 && j - i < SLAB) {
                j++;
            }
            Stats[] slab = compute(missing[i], j - i);
            for (int k = 0; k < slab.length; k++) {
                cache.put(missing[i] + k, slab[k]);
            }
            i = j;
        }
        Stats[] out = new Stats[zs.length];
        for (int k = 0; k < zs.length; k++) {
            out[k] = cache.get(zs[k]);
        }
        return out;
    }

    /** Slices {@code z0 .. z0 + depth - 1}, read in pieces. */
    private Stats[] compute(long z0, int depth) {
        DataType type = info.dataType();
        boolean exact = !type.isFloating() && type.bytes() <= 2;
        double[] min = new double[depth];
        double[] max = new double[depth];
        double[] shift = new double[depth];
        double[] sum = new double[depth];
        double[] sumSq = new double[depth];
        long[][] hist = new long[depth][];
        if (exact) {
            for (int d = 0; d < depth; d++) {
                hist[d] = new long[1 << (8 * type.bytes())];
            }
            forEachPiece(z0, depth, (d, b, from, n) -> {
                double offset = type.minValue();
                for (int k = from; k < from + n; k++) {
                    hist[d][(int) (b.get(k) - offset)]++;
                }
            });
        } else {
            Arrays.fill(min, Double.POSITIVE_INFINITY);
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
            Arrays.fill(shift, Double.NaN);
            // Sums shifted by the slice's first value keep the variance accurate for values far from 0.
            forEachPiece(z0, depth, (d, b, from, n) -> {
                if (Double.isNaN(shift[d])) {
                    shift[d] = b.get(from);
                }
                for (int k = from; k < from + n; k++) {
                    double v = b.get(k);
                    min[d] = Math.min(min[d], v);
                    max[d] = Math.max(max[d], v);
                    double s = v - shift[d];
                    sum[d] += s;
                    sumSq[d] += s * s;
                }
            });
            if (percentiles.length > 0) {
                for (int d = 0; d < depth; d++) {
                    hist[d] = new long[FLOAT_BINS];
                }
                forEachPiece(z0, depth, (d, b, from, n) -> {
                    double scale = max[d] > min[d] ? (FLOAT_BINS - 1) / (max[d] - min[d]) : 0;
                    for (int k = from; k < from + n; k++) {
                        hist[d][(int) ((b.get(k) - min[d]) * scale)]++;
                    }
                });
            }
        }
        long count = (long) info.height() * info.width();
        Stats[] out = new Stats[depth];
        for (int d = 0; d < depth; d++) {
            double mean;
            double variance;
            Bins bins;
            if (exact) {
                int last = hist[d].length - 1;
                while (last > 0 && hist[d][last] == 0) {
                    last--;
                }
                bins = new Bins(hist[d], type.minValue(), 1, type.minValue() + last);
                mean = bins.mean(count);
                variance = bins.variance(count, mean);
            } else {
                double m = sum[d] / count;
                mean = shift[d] + m;
                variance = Math.max(0, sumSq[d] / count - m * m);
                bins = hist[d] == null ? null : new Bins(hist[d], min[d], (max[d] - min[d]) / (FLOAT_BINS - 1),
                        max[d]);
            }
            double[] values = new double[percentiles.length];
            for (int q = 0; q < percentiles.length; q++) {
                values[q] = bins.percentile(percentiles[q], count);
            }
            out[d] = new Stats(mean, Math.sqrt(variance), percentiles, values);
        }
        return out;
    }

    /**
     * A histogram whose bin {@code b} holds the value {@code first + b * width}, and whose largest value is
     * {@code top} (exact even where rounding put the maximum in the bin below the last).
     */
    private record Bins(long[] counts, double first, double width, double top) {

        double value(int bin) {
            return first + bin * width;
        }

        double mean(long n) {
            double s = 0;
            for (int b = 0; b < counts.length; b++) {
                s += counts[b] * value(b);
            }
            return s / n;
        }

        double variance(long n, double mean) {
            double s = 0;
            for (int b = 0; b < counts.length; b++) {
                double dv = value(b) - mean;
                s += counts[b] * dv * dv;
            }
            return s / n;
        }

        /** numpy's linear percentile: between the values of ranks floor and ceil of {@code q / 100 * (n - 1)}. */
        double percentile(double q, long n) {
            double pos = q / 100 * (n - 1);
            long lo = (long) Math.floor(pos);
            long hi = Math.min(lo + 1, n - 1);
            double a = atRank(lo, n);
            double b = atRank(hi, n);
            return a + (pos - lo) * (b - a);
        }

        private double atRank(long rank, long n) {
            if (rank == n - 1) {
                return top;
            }
            long seen = 0;
            for (int b = 0; b < counts.length; b++) {
                seen += counts[b];
                if (seen > rank) {
                    return value(b);
                }
            }
            return top;
        }
    }

    /** Receives the voxels {@code from .. from + n - 1} of {@code block}, all of slice {@code z0 + d}. */
    private interface PieceVisitor {
        void visit(int d, Block block, int from, int n);
    }

    /**
     * Visits slices {@code z0 ..} in pieces of whole chunks of the input's natural chunking (so that no chunk is
     * decompressed twice per slab), as wide as the plane when that fits {@link #PIECE_VOXELS}, never below one chunk.
     */
    private void forEachPiece(long z0, int depth, PieceVisitor visitor) {
        long height = info.height();
        long width = info.width();
        long ch = Math.max(1, Math.min(info.chunk()[1], height));
        long cw = Math.max(1, Math.min(info.chunk()[2], width));
        long budget = Math.max(pieceVoxels / depth, ch * cw);
        long pieceWidth = width * ch <= budget ? width : Math.max(cw, budget / ch / cw * cw);
        long pieceHeight = Math.max(ch, budget / pieceWidth / ch * ch);
        for (long y = 0; y < height; y += pieceHeight) {
            for (long x = 0; x < width; x += pieceWidth) {
                long h = Math.min(pieceHeight, height - y);
                long w = Math.min(pieceWidth, width - x);
                Block b = reader.apply(new Box(z0, y, x, depth, h, w));
                int perSlice = (int) (h * w);
                for (int d = 0; d < depth; d++) {
                    visitor.visit(d, b, d * perSlice, perSlice);
                }
            }
        }
    }
}
