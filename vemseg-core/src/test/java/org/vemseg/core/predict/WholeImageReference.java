package org.vemseg.core.predict;

import java.util.List;
import org.vemseg.core.transform.GeometricVariant;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;

/**
 * The prediction without tiling: each slice as one image, mirror padded by a border (by default 0, as
 * {@link TiledPrediction}'s) in y and x, and at the far ends up to a multiple of the predictor's stride, and by its
 * z context in z, each variant applied to the whole padded image, predicted, undone and averaged. Tiled prediction
 * must agree with it.
 */
final class WholeImageReference {

    private WholeImageReference() {
    }

    /** Class probabilities {@code [class][z][y][x]} of the whole volume, with the default border of 0. */
    static float[] predict(Block volume, TilePredictor p, Normalization norm, List<GeometricVariant> variants) {
        return predict(volume, p, norm, variants, 0);
    }

    /** Class probabilities {@code [class][z][y][x]} of the whole volume, mirror padded by {@code border}. */
    static float[] predict(Block volume, TilePredictor p, Normalization norm, List<GeometricVariant> variants,
            int border) {
        Box b = volume.box();
        int d = (int) b.depth();
        int h = (int) b.height();
        int w = (int) b.width();
        int m = p.sizeMultiple();
        int ph = (h + 2 * border + m - 1) / m * m;
        int pw = (w + 2 * border + m - 1) / m * m;
        int f = p.frames();
        int classes = p.classes();
        float[] result = new float[classes * d * h * w];
        float[] padded = new float[f * ph * pw];
        float[] transformed = new float[f * ph * pw];
        float[] out = new float[classes * ph * pw];
        float[] undone = new float[classes * ph * pw];
        for (int z = 0; z < d; z++) {
            for (int k = 0; k < f; k++) {
                long vz = Reflect.index(z - f / 2 + k, d);
                for (int y = 0; y < ph; y++) {
                    long vy = Reflect.index(y - border, h);
                    for (int x = 0; x < pw; x++) {
                        long vx = Reflect.index(x - border, w);
                        double v = volume.get(volume.index(b.z() + vz, b.y() + vy, b.x() + vx));
                        padded[(k * ph + y) * pw + x] = (float) ((v - norm.mean()) / norm.std());
                    }
                }
            }
            for (GeometricVariant v : variants) {
                v.applyToInput(padded, 0, f, ph, pw, transformed, 0);
                p.predict(transformed, 1, v.plane().outHeight(ph, pw), v.plane().outWidth(ph, pw), out);
                v.undoOnOutput(out, 0, classes, ph, pw, undone, 0);
                for (int c = 0; c < classes; c++) {
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            result[((c * d + z) * h + y) * w + x] += undone[(c * ph + y + border) * pw + x + border]
                                    / variants.size();
                        }
                    }
                }
            }
        }
        return result;
    }
}
