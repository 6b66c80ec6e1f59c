package org.vemseg.core.predict;

import java.util.ArrayList;
import java.util.List;
import org.vemseg.core.VemsegException;
import org.vemseg.core.transform.GeometricVariant;

/**
 * The models of a prediction, checked to fit together: they predict the same classes and need an odd number of
 * frames. The ensemble needs the most frames and the largest halo of its models, and tiles whose size is a
 * multiple of every model's size multiple.
 *
 * @param members       each model with its normalisation and distinct variants
 * @param classes       classes every model predicts
 * @param frames        largest number of input frames a model needs
 * @param halo          largest halo of the models
 * @param multiple      least common multiple of the models' size multiples
 * @param maxTile       smallest of the models' largest tiles
 * @param workingBytes  largest of the models' working memory per tile pixel of a call
 * @param frameSum      frames summed over the models that need different numbers of them (the tile runner keeps a
 *                      batch buffer for each)
 */
record Ensemble(List<EnsembleMember> members, int classes, int frames, int halo, int multiple, int maxTile,
        long workingBytes, int frameSum) {

    static Ensemble of(List<TilePredictor> models, List<InputNormalization> normalizations,
            List<GeometricVariant> variants) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("a prediction needs at least one model");
        }
        List<EnsembleMember> members = new ArrayList<>();
        for (int k = 0; k < models.size(); k++) {
            members.add(EnsembleMember.of(models.get(k), normalizations.get(k), variants));
        }
        int classes = models.get(0).classes();
        int frames = 0;
        int halo = 0;
        int multiple = 1;
        int maxTile = Integer.MAX_VALUE;
        long workingBytes = 0;
        java.util.Set<Integer> distinctFrames = new java.util.HashSet<>();
        for (TilePredictor p : models) {
            if (p.classes() != classes) {
                throw new VemsegException.InvalidInput("the models of an ensemble must predict the same classes, "
                        + "but one has " + classes + " and another " + p.classes());
            }
            if (p.frames() < 1 || p.frames() % 2 == 0) {
                throw new VemsegException.InvalidInput("a model's frame count must be odd, was " + p.frames());
            }
            frames = Math.max(frames, p.frames());
            halo = Math.max(halo, p.halo());
            multiple = lcm(multiple, p.sizeMultiple());
            maxTile = Math.min(maxTile, p.maxTile());
            workingBytes = Math.max(workingBytes, p.workingBytesPerPixel());
            distinctFrames.add(p.frames());
        }
        int frameSum = distinctFrames.stream().mapToInt(Integer::intValue).sum();
        return new Ensemble(List.copyOf(members), classes, frames, halo, multiple, maxTile, workingBytes, frameSum);
    }

    private static int lcm(int a, int b) {
        if (a < 1 || b < 1) {
            throw new IllegalArgumentException("size multiples must be positive, were " + a + " and " + b);
        }
        int x = a;
        int y = b;
        while (y != 0) {
            int t = x % y;
            x = y;
            y = t;
        }
        return a / x * b;
    }
}
