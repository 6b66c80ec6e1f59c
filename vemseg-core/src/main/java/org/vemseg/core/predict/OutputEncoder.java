package org.vemseg.core.predict;

import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;

/**
 * Turns a unit's accumulated sums into output blocks: the ensemble average of the chosen class as
 * {@link OutputType#PROB8}, {@link OutputType#PROB32} or a {@link OutputType#MASK}, and the spread
 * (standard deviation over tiles, variants and models, weighted like the average) as uint8
 * ({@code round(255 s)}) or float32.
 */
final class OutputEncoder {

    private final OutputType type;
    private final float threshold;
    private final int models;

    OutputEncoder(OutputType type, double threshold, int models) {
        this.type = type;
        this.threshold = (float) threshold;
        this.models = models;
    }

    /** The output block {@code box} (inside the unit) of the prediction. */
    Block prediction(UnitAccumulator a, Box box) {
        Block out = Block.allocate(box, type.dataType());
        int plane = a.depth * a.height * a.width;
        int i = 0;
        for (long z = box.z(); z < box.end(0); z++) {
            for (long y = box.y(); y < box.end(1); y++) {
                int acc = index(a, z, y, box.x());
                int wrow = (int) (y - a.unit.box().y()) * a.width + (int) (box.x() - a.unit.box().x());
                int n = (int) box.width();
                switch (type) {
                    case PROB8 -> {
                        byte[] o = out.bytes();
                        for (int x = 0; x < n; x++) {
                            float p = a.sum[acc + x] / (a.weight[wrow + x] * models);
                            o[i + x] = (byte) OutputType.prob8(p);
                        }
                    }
                    case PROB32 -> {
                        float[] o = out.floats();
                        for (int x = 0; x < n; x++) {
                            o[i + x] = a.sum[acc + x] / (a.weight[wrow + x] * models);
                        }
                    }
                    case MASK -> {
                        byte[] o = out.bytes();
                        if (a.channels == 1) {
                            for (int x = 0; x < n; x++) {
                                float p = a.sum[acc + x] / (a.weight[wrow + x] * models);
                                o[i + x] = (byte) (p >= threshold ? 1 : 0);
                            }
                        } else {
                            // The denominator is shared by all classes, so compare the sums directly.
                            for (int x = 0; x < n; x++) {
                                int best = 0;
                                float bestSum = a.sum[acc + x];
                                for (int c = 1; c < a.channels; c++) {
                                    float s = a.sum[c * plane + acc + x];
                                    if (s > bestSum) {
                                        best = c;
                                        bestSum = s;
                                    }
                                }
                                o[i + x] = (byte) best;
                            }
                        }
                    }
                }
                i += n;
            }
        }
        return out;
    }

    /** The spread block {@code box} as {@code dataType} (uint8 scaled by 255, or float32). */
    Block spread(UnitAccumulator a, Box box, DataType dataType) {
        Block out = Block.allocate(box, dataType);
        int channelOffset = a.squaredChannel * a.depth * a.height * a.width;
        int i = 0;
        for (long z = box.z(); z < box.end(0); z++) {
            for (long y = box.y(); y < box.end(1); y++) {
                int acc = index(a, z, y, box.x());
                int wrow = (int) (y - a.unit.box().y()) * a.width + (int) (box.x() - a.unit.box().x());
                for (int x = 0, n = (int) box.width(); x < n; x++, i++) {
                    float w = a.weight[wrow + x] * models;
                    float mean = a.sum[channelOffset + acc + x] / w;
                    float meanSq = a.sumSquares[acc + x] / w;
                    float s = (float) Math.sqrt(Math.max(0f, meanSq - mean * mean));
                    if (dataType == DataType.UINT8) {
                        out.bytes()[i] = (byte) OutputType.prob8(s);
                    } else {
                        out.floats()[i] = s;
                    }
                }
            }
        }
        return out;
    }

    private static int index(UnitAccumulator a, long z, long y, long x) {
        Box u = a.unit.box();
        return (int) (((z - u.z()) * a.height + (y - u.y())) * a.width + (x - u.x()));
    }
}
