package org.vemseg.core.predict;

import org.vemseg.core.Progress;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.DataType;

/**
 * Measures the cost of tiling itself (read, normalise, transform, undo, blend, encode, write) with a
 * predictor that does almost nothing, so it can be compared with a network's time per tile. Not a
 * test; run by hand:
 * {@code java -cp vemseg-core/target/classes:vemseg-core/target/test-classes
 * org.vemseg.core.predict.TiledPredictionBenchmark [depth] [tta]}.
 */
public final class TiledPredictionBenchmark {

    private TiledPredictionBenchmark() {
    }

    /** Copies the centre frame into class 1 and its complement into class 0. */
    static final class PassThrough implements TilePredictor {
        private final int frames;

        PassThrough(int frames) {
            this.frames = frames;
        }

        @Override
        public int frames() {
            return frames;
        }

        @Override
        public int classes() {
            return 2;
        }

        @Override
        public int maxTile() {
            return 512;
        }

        @Override
        public int halo() {
            return 32;
        }

        @Override
        public int sizeMultiple() {
            return 16;
        }

        @Override
        public void predict(float[] input, int batch, int height, int width, float[] output) {
            int plane = height * width;
            for (int b = 0; b < batch; b++) {
                int in = (b * frames + frames / 2) * plane;
                int out = b * 2 * plane;
                for (int i = 0; i < plane; i++) {
                    float v = input[in + i];
                    output[out + plane + i] = v;
                    output[out + i] = 1 - v;
                }
            }
        }
    }

    public static void main(String[] args) {
        int depth = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int tta = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Block in = TiledPredictionTest.volume(depth, 1024, 1024, 1);
        TiledPrediction p = TiledPrediction.builder().addModel(new PassThrough(5), new Normalization(128, 40))
                .optTile(512).optOverlap(64).optTta(tta).build();
        for (int round = 0; round < 3; round++) {
            InMemoryVolumeWriter w = new InMemoryVolumeWriter(depth, 1024, 1024, DataType.UINT8,
                    new int[] {1, 1024, 1024}, true);
            long t0 = System.nanoTime();
            p.run(new InMemoryVolumeReader(in), w, Progress.NONE);
            double s = (System.nanoTime() - t0) / 1e9;
            long voxels = in.box().voxels();
            int tiles = TilePlan.cover(1024, 1024, p.geometryFor(new InMemoryVolumeReader(in).info())).tileCount();
            System.out.printf("tta %d: %.2f s, %.1f Mvoxel/s, %.2f ms per tile and variant%n", tta, s, voxels / s / 1e6,
                    s * 1e3 / (tiles * depth * (double) tta));
        }
    }
}
