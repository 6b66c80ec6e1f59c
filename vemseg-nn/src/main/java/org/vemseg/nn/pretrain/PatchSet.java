package org.vemseg.nn.pretrain;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.vemseg.core.VemsegException;

/**
 * The unlabeled patches of a pre-training run: every PNG below a folder (e.g. the {@code patches/} written by
 * {@code vemseg curate}), in sorted path order, read as 8-bit grey levels. Decoded patches are cached up to a
 * byte budget, beyond which they are read from disk on every use, so memory stays bounded for any set size.
 * Not thread-safe.
 */
public final class PatchSet {

    private final Path root;
    private final List<Path> files;
    private final byte[][] cache;
    private final int[][] shapes;
    private long cachedBytes;
    private final long budgetBytes;

    private PatchSet(Path root, List<Path> files, long budgetBytes) {
        this.root = root;
        this.files = files;
        this.cache = new byte[files.size()][];
        this.shapes = new int[files.size()][];
        this.budgetBytes = budgetBytes;
    }

    /** Lists the PNGs below {@code root}; throws InvalidInput if there are none. */
    public static PatchSet open(Path root, long cacheBudgetBytes) {
        if (!Files.isDirectory(root)) {
            throw new VemsegException.InvalidInput(root + ": not a folder of patches");
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png"))
                    .sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new VemsegException.IO(root + ": cannot list patches: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new VemsegException.InvalidInput(root + ": no PNG patches found (run vemseg curate first)");
        }
        return new PatchSet(root, files, cacheBudgetBytes);
    }

    public Path root() {
        return root;
    }

    public int size() {
        return files.size();
    }

    /** Grey levels 0–255 of patch {@code i}, row-major; see {@link #height} and {@link #width}. */
    public byte[] pixels(int i) {
        if (cache[i] != null) {
            return cache[i];
        }
        byte[] v = read(i);
        if (cachedBytes + v.length <= budgetBytes) {
            cache[i] = v;
            cachedBytes += v.length;
        }
        return v;
    }

    public int height(int i) {
        if (shapes[i] == null) {
            pixels(i);
        }
        return shapes[i][0];
    }

    public int width(int i) {
        if (shapes[i] == null) {
            pixels(i);
        }
        return shapes[i][1];
    }

    /** Mean and standard deviation of the grey levels of up to {@code sample} patches spread over the set. */
    public double[] meanStd(int sample) {
        int n = Math.min(sample, size());
        double s = 0;
        double s2 = 0;
        long count = 0;
        for (int j = 0; j < n; j++) {
            byte[] px = pixels((int) ((long) j * size() / n));
            for (byte b : px) {
                int v = b & 0xFF;
                s += v;
                s2 += (double) v * v;
            }
            count += px.length;
        }
        double mean = s / count;
        return new double[] {mean, Math.sqrt(Math.max(0, s2 / count - mean * mean))};
    }

    private byte[] read(int i) {
        Path p = files.get(i);
        BufferedImage img;
        try {
            img = ImageIO.read(p.toFile());
        } catch (IOException e) {
            throw VemsegException.IO.of(p, "read patch", e);
        }
        if (img == null) {
            throw new VemsegException.Corrupt(p + ": not a readable PNG");
        }
        Raster r = img.getRaster();
        int h = r.getHeight();
        int w = r.getWidth();
        int bands = Math.min(3, r.getNumBands());
        boolean grey = r.getNumBands() < 3;
        byte[] out = new byte[h * w];
        int[] row = new int[w];
        int bits = img.getColorModel().getComponentSize(0);
        for (int y = 0; y < h; y++) {
            int[] sum = new int[w];
            for (int b = 0; b < (grey ? 1 : bands); b++) {
                r.getSamples(0, y, w, 1, b, row);
                for (int x = 0; x < w; x++) {
                    sum[x] += bits > 8 ? row[x] >> (bits - 8) : row[x];
                }
            }
            for (int x = 0; x < w; x++) {
                out[y * w + x] = (byte) (sum[x] / (grey ? 1 : bands));
            }
        }
        shapes[i] = new int[] {h, w};
        return out;
    }
}
