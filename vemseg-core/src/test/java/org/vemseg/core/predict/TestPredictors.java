package org.vemseg.core.predict;

/**
 * Small, deterministic, real predictors with a finite receptive field, for testing tiling, blending,
 * test-time augmentation and ensembles without a network. All read pixels outside the tile by clamping
 * to the tile border; that only affects the halo, which tiling discards.
 */
final class TestPredictors {

    private TestPredictors() {
    }

    static float sigmoid(float v) {
        return (float) (1 / (1 + Math.exp(-v)));
    }

    /** Base: per-pixel outputs computed from the tile with clamped access. */
    abstract static class PixelPredictor implements TilePredictor {
        private final int frames;
        private final int classes;
        private final int tile;
        private final int halo;
        private final int multiple;
        int calls;

        PixelPredictor(int frames, int classes, int tile, int halo, int multiple) {
            this.frames = frames;
            this.classes = classes;
            this.tile = tile;
            this.halo = halo;
            this.multiple = multiple;
        }

        @Override
        public int frames() {
            return frames;
        }

        @Override
        public int classes() {
            return classes;
        }

        @Override
        public int maxTile() {
            return tile;
        }

        @Override
        public int halo() {
            return halo;
        }

        @Override
        public int sizeMultiple() {
            return multiple;
        }

        @Override
        public void predict(float[] input, int batch, int height, int width, float[] output) {
            calls++;
            if (input.length != batch * frames * height * width || output.length != batch * classes * height * width) {
                throw new AssertionError("buffer sizes do not match the batch shape");
            }
            if (height % multiple != 0 || width % multiple != 0) {
                throw new AssertionError("tile " + height + "x" + width + " is not a multiple of " + multiple);
            }
            float[] values = new float[classes];
            for (int b = 0; b < batch; b++) {
                int in = b * frames * height * width;
                int out = b * classes * height * width;
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        pixel(input, in, height, width, y, x, values);
                        for (int c = 0; c < classes; c++) {
                            output[out + (c * height + y) * width + x] = values[c];
                        }
                    }
                }
            }
        }

        /** Value of frame {@code f} at (y, x), clamped to the tile. */
        float at(float[] input, int off, int h, int w, int f, int y, int x) {
            int cy = Math.max(0, Math.min(h - 1, y));
            int cx = Math.max(0, Math.min(w - 1, x));
            return input[off + (f * h + cy) * w + cx];
        }

        abstract void pixel(float[] input, int off, int h, int w, int y, int x, float[] values);
    }

    /** Mean of the centre frame over a (2r+1)² window, mapped to two class probabilities by a sigmoid. */
    static final class MeanFilter extends PixelPredictor {
        private final int radius;
        private final float steepness;

        MeanFilter(int frames, int tile, int radius, float steepness, int multiple) {
            super(frames, 2, tile, radius, multiple);
            this.radius = radius;
            this.steepness = steepness;
        }

        float mean(float[] input, int off, int h, int w, int y, int x) {
            float s = 0;
            for (int dy = -radius; dy <= radius; dy++) {
                for (int dx = -radius; dx <= radius; dx++) {
                    s += at(input, off, h, w, frames() / 2, y + dy, x + dx);
                }
            }
            return s / ((2 * radius + 1) * (2 * radius + 1));
        }

        @Override
        void pixel(float[] input, int off, int h, int w, int y, int x, float[] values) {
            float p = sigmoid(steepness * mean(input, off, h, w, y, x));
            values[0] = 1 - p;
            values[1] = p;
        }
    }

    /**
     * The mean of the centre frame over the {@code multiple x multiple} cell of the tile holding the pixel, through a
     * sigmoid: like a network that pools by {@code multiple} and upsamples again, it gives the same output for an
     * input shifted by a multiple of {@code multiple} only.
     */
    static final class CellMean extends PixelPredictor {
        private final int cell;

        CellMean(int tile, int cell) {
            super(1, 2, tile, cell, cell);
            this.cell = cell;
        }

        @Override
        void pixel(float[] input, int off, int h, int w, int y, int x, float[] values) {
            int y0 = y / cell * cell;
            int x0 = x / cell * cell;
            float s = 0;
            for (int dy = 0; dy < cell; dy++) {
                for (int dx = 0; dx < cell; dx++) {
                    s += at(input, off, h, w, 0, y0 + dy, x0 + dx);
                }
            }
            float p = sigmoid(3 * s / (cell * cell));
            values[0] = 1 - p;
            values[1] = p;
        }
    }

    /** Horizontal central difference of the centre frame through a sigmoid: not rotation invariant. */
    static final class HorizontalGradient extends PixelPredictor {
        HorizontalGradient(int tile) {
            super(1, 2, tile, 1, 1);
        }

        @Override
        void pixel(float[] input, int off, int h, int w, int y, int x, float[] values) {
            float g = at(input, off, h, w, 0, y, x + 1) - at(input, off, h, w, 0, y, x - 1);
            float p = sigmoid(3 * g);
            values[0] = 1 - p;
            values[1] = p;
        }
    }

    /** Class 0: last frame minus first frame; class 1: the centre frame. Shows which slices it got. */
    static final class FrameDifference extends PixelPredictor {
        FrameDifference(int frames, int tile) {
            super(frames, 2, tile, 0, 1);
        }

        @Override
        void pixel(float[] input, int off, int h, int w, int y, int x, float[] values) {
            values[0] = at(input, off, h, w, frames() - 1, y, x) - at(input, off, h, w, 0, y, x);
            values[1] = at(input, off, h, w, frames() / 2, y, x);
        }
    }

    /** Three classes: softmax of how close the local mean is to -1, 0 and 1. */
    static final class ThreeClasses extends PixelPredictor {
        private final MeanFilter mean;

        ThreeClasses(int tile) {
            super(1, 3, tile, 1, 1);
            this.mean = new MeanFilter(1, tile, 1, 1, 1);
        }

        @Override
        void pixel(float[] input, int off, int h, int w, int y, int x, float[] values) {
            float m = mean.mean(input, off, h, w, y, x);
            double total = 0;
            for (int c = 0; c < 3; c++) {
                double d = m - (c - 1);
                values[c] = (float) Math.exp(-4 * d * d);
                total += values[c];
            }
            for (int c = 0; c < 3; c++) {
                values[c] /= (float) total;
            }
        }
    }

    /** Fails on its n-th call, to check that failures end the pipeline instead of hanging it. */
    static final class FailingAfter extends PixelPredictor {
        private final int failAt;

        FailingAfter(int failAt) {
            super(1, 2, 16, 1, 1);
            this.failAt = failAt;
        }

        @Override
        public void predict(float[] input, int batch, int height, int width, float[] output) {
            if (calls + 1 >= failAt) {
                throw new IllegalStateException("network failed on call " + (calls + 1));
            }
            super.predict(input, batch, height, width, output);
        }

        @Override
        void pixel(float[] input, int off, int h, int w, int y, int x, float[] values) {
            values[0] = 0.5f;
            values[1] = 0.5f;
        }
    }
}
