package org.vemseg.nn.data;

import java.nio.file.Path;
import java.util.Optional;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.LabelVote;
import org.vemseg.core.volume.VoxelSize;

/**
 * An image volume and its class labels held in memory (training and validation sets are small: a few
 * hundred MB at most). Images are raw intensities as float, labels class indices or {@link LabelMapping#IGNORE};
 * both z-y-x, x fastest.
 */
public final class LabelledVolume {

    /** Largest image volume loaded for training, in voxels (≈ 1 GB of floats). */
    public static final long MAX_VOXELS = 256L << 20;

    private final float[] images;
    private final byte[] labels;
    private final int depth;
    private final int height;
    private final int width;
    private final Optional<VoxelSize> voxelSize;

    public LabelledVolume(float[] images, byte[] labels, int depth, int height, int width,
            Optional<VoxelSize> voxelSize) {
        if (images.length != (long) depth * height * width || labels.length != images.length) {
            throw new IllegalArgumentException("arrays of length " + images.length + " and " + labels.length
                    + " do not match shape " + depth + "×" + height + "×" + width);
        }
        this.images = images;
        this.labels = labels;
        this.depth = depth;
        this.height = height;
        this.width = width;
        this.voxelSize = voxelSize;
    }

    /** Reads both volumes; throws InvalidInput naming both files if their shapes differ. */
    public static LabelledVolume read(Path imagePath, Path labelPath, LabelMapping mapping) {
        try (VolumeReader img = Volumes.open(imagePath.toString());
                VolumeReader lab = Volumes.open(labelPath.toString())) {
            var ii = img.info();
            var li = lab.info();
            if (ii.depth() != li.depth() || ii.height() != li.height() || ii.width() != li.width()) {
                throw new VemsegException.InvalidInput(imagePath + " (" + ii.bounds().shapeString() + ") and "
                        + labelPath + " (" + li.bounds().shapeString() + "): images and labels differ in shape");
            }
            if (ii.voxels() > MAX_VOXELS) {
                throw new VemsegException.InvalidInput(imagePath + ": " + ii.bounds().shapeString()
                        + " is too large to train from in memory; crop it (conversion with {crop})");
            }
            Block im = img.readAll();
            float[] f = new float[im.size()];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) im.get(i);
            }
            byte[] l = mapping.apply(lab.readAll(), labelPath.toString());
            return new LabelledVolume(f, l, (int) ii.depth(), (int) ii.height(), (int) ii.width(), ii.voxelSize());
        }
    }

    public float[] images() {
        return images;
    }

    public byte[] labels() {
        return labels;
    }

    public int depth() {
        return depth;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public Optional<VoxelSize> voxelSize() {
        return voxelSize;
    }

    public long[] shape() {
        return new long[] {depth, height, width};
    }

    /** Mean and standard deviation of all image voxels (double accumulation). */
    public double[] meanStd() {
        double s = 0;
        double s2 = 0;
        for (float v : images) {
            s += v;
            s2 += (double) v * v;
        }
        double mean = s / images.length;
        double var = Math.max(0, s2 / images.length - mean * mean);
        return new double[] {mean, Math.sqrt(var)};
    }

    /** Voxel count per class (ignored voxels not counted). */
    public long[] classCounts(int classes) {
        long[] c = new long[classes];
        for (byte b : labels) {
            int k = b & 0xFF;
            if (k < classes) {
                c[k]++;
            }
        }
        return c;
    }

    /**
     * This volume at 1/{@code factor} of the in-plane resolution, as {@code Downsampling} shows it to a network:
     * each image pixel the mean of a {@code factor × factor} block (rows and columns beyond the last whole block
     * dropped), each label the most frequent value of its block, ties going to the higher class so that thin
     * foreground is not lost. {@link LabelMapping#IGNORE} counts as a value like any class.
     */
    public LabelledVolume downsampled(int factor) {
        if (factor == 1) {
            return this;
        }
        if (factor < 1 || height / factor == 0 || width / factor == 0) {
            throw new IllegalArgumentException("cannot downsample " + height + "×" + width + " slices by " + factor);
        }
        int h = height / factor;
        int w = width / factor;
        float[] img = new float[depth * h * w];
        byte[] lab = new byte[depth * h * w];
        double[] block = new double[factor * factor];
        float area = factor * factor;
        for (int z = 0; z < depth; z++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float sum = 0;
                    int n = 0;
                    for (int dy = 0; dy < factor; dy++) {
                        int row = (z * height + y * factor + dy) * width + x * factor;
                        for (int dx = 0; dx < factor; dx++) {
                            sum += images[row + dx];
                            block[n++] = labels[row + dx] & 0xFF;
                        }
                    }
                    int i = (z * h + y) * w + x;
                    img[i] = sum / area;
                    lab[i] = (byte) LabelVote.of(block, n);
                }
            }
        }
        Optional<VoxelSize> size = voxelSize.map(v -> new VoxelSize(v.z(), v.y() * factor, v.x() * factor));
        return new LabelledVolume(img, lab, depth, h, w, size);
    }

    /** Slices {@code from} (inclusive) to {@code to} (exclusive) as a volume of their own, copied. */
    public LabelledVolume slices(int from, int to) {
        if (from < 0 || to > depth || from >= to) {
            throw new IllegalArgumentException("slices " + from + ".." + to + " of a " + depth + "-slice volume");
        }
        int plane = height * width;
        return new LabelledVolume(java.util.Arrays.copyOfRange(images, from * plane, to * plane),
                java.util.Arrays.copyOfRange(labels, from * plane, to * plane), to - from, height, width, voxelSize);
    }

    /** z index reflected into [0, depth) for frame stacks reaching past the first or last slice. */
    public int reflectZ(int z) {
        if (depth == 1) {
            return 0;
        }
        int period = 2 * (depth - 1);
        int m = Math.floorMod(z, period);
        return m < depth ? m : period - m;
    }
}
