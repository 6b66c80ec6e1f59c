package org.vemseg.cli.demo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.ops.ConversionRequest;
import org.vemseg.core.ops.VolumeConverter;
import org.vemseg.core.synth.SyntheticEm;
import org.vemseg.core.volume.Block;

/**
 * The end-to-end demonstration on data vemseg generates itself: a synthetic EM-like volume with exact
 * labels is written as OME-Zarr, converted to the other writable formats, read back and checked voxel
 * for voxel. Each step prints what it did and where the output is.
 *
 * <p>Training, prediction and evaluation steps join this pipeline as those parts of vemseg land.
 */
public final class DemoPipeline {

    private final Path outDir;
    private final long seed;
    private final PrintWriter out;

    public DemoPipeline(Path outDir, long seed, PrintWriter out) {
        this.outDir = outDir;
        this.seed = seed;
        this.out = out;
    }

    /** Runs the demo; returns the number of voxels that did not survive the round trips (0 = success). */
    public long run(boolean overwrite) {
        long t0 = System.nanoTime();
        WriteOptions opts = WriteOptions.defaults().withOverwrite(overwrite);
        step("1. generate a synthetic EM volume with labels (cells, membranes, mitochondria, noise)");
        SyntheticEm.Sample sample = SyntheticEm.demo(seed);
        Block img = sample.image();
        out.printf(Locale.ROOT, "   %s uint8, voxel %s; mitochondria %.1f %%, membranes %.1f %% of voxels%n",
                img.box().shapeString(), sample.voxelSize(), 100 * fraction(sample.labels(), SyntheticEm.MITOCHONDRION),
                100 * fraction(sample.labels(), SyntheticEm.MEMBRANE));

        VolumeLocation zarr = VolumeLocation.of(outDir.resolve("image.ome.zarr"));
        VolumeLocation labels = VolumeLocation.of(outDir.resolve("labels.ome.zarr"));
        step("2. write image and labels as OME-Zarr (opens in napari, Neuroglancer, BigDataViewer)");
        Volumes.write(zarr, img, Optional.of(sample.voxelSize()), opts);
        Volumes.write(labels, sample.labels(), Optional.of(sample.voxelSize()), opts.withScaleLevels(1));
        out.println("   " + zarr.path() + "\n   " + labels.path());

        step("3. convert OME-Zarr -> multi-page TIFF (ImageJ metadata) -> folder of PNG slices");
        VolumeLocation tif = VolumeLocation.of(outDir.resolve("image.tif"));
        VolumeLocation slices = VolumeLocation.of(outDir.resolve("image-slices"));
        convert(zarr, tif, opts);
        convert(tif, slices, opts);
        out.println("   " + tif.path() + "\n   " + slices.path());

        step("4. read every copy back and compare voxel by voxel");
        long wrong = 0;
        for (VolumeLocation loc : new VolumeLocation[] {zarr, tif, slices}) {
            try (VolumeReader r = Volumes.open(loc)) {
                long diff = countDifferences(img, r.readAll());
                wrong += diff;
                out.printf(Locale.ROOT, "   %-60s %s, voxel size %s: %s%n", loc.path().getFileName(), r.describeFormat(),
                        r.info().voxelSize().map(Object::toString).orElse("not stored"),
                        diff == 0 ? "identical" : diff + " voxels differ");
            }
        }
        out.printf(Locale.ROOT, "demo finished in %.1f s; outputs in %s%n", (System.nanoTime() - t0) / 1e9,
                outDir.toAbsolutePath());
        out.flush();
        return wrong;
    }

    private void convert(VolumeLocation from, VolumeLocation to, WriteOptions opts) {
        VolumeConverter.run(new ConversionRequest(from, to, Optional.empty(), Optional.empty(), false, Optional.empty(),
                opts, 2), Progress.NONE);
    }

    private void step(String text) {
        out.println(text);
        out.flush();
    }

    private static double fraction(Block labels, int value) {
        byte[] b = labels.bytes();
        long n = 0;
        for (byte v : b) {
            if (v == value) {
                n++;
            }
        }
        return (double) n / b.length;
    }

    private static long countDifferences(Block expected, Block actual) {
        if (!expected.box().shapeString().equals(actual.box().shapeString()) || expected.type() != actual.type()) {
            throw new VemsegException.Corrupt("read back " + actual + " but wrote " + expected);
        }
        long n = 0;
        for (int i = 0; i < expected.size(); i++) {
            if (expected.get(i) != actual.get(i)) {
                n++;
            }
        }
        return n;
    }
}
