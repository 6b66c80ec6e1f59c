package org.vemseg.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.vemseg.core.io.ByteSize;
import java.util.concurrent.Callable;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.ops.VolumeDescription;
import org.vemseg.core.ops.VolumeStatistics;
import org.vemseg.core.volume.VolumeInfo;
import org.vemseg.nn.predict.ModelPredictors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vemseg info}: shape, type, voxel size, chunking and value statistics of a volume; or what a model (.vsm or
 * bioimage.io package or TorchScript file) holds.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show a model's contents (.vsm, bioimage.io package or TorchScript .pt), or a volume's "
                + "shape (z, y, x), data type, voxel size, chunking and min/max/mean (sampled on evenly spaced "
                + "slices for large volumes); warns if chunks of a Zarr array are missing.")
final class InfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "VOLUME", converter = Converters.Location.class,
            description = "A volume: file.tif, slice folder, file.h5:/dataset, file.mrc, volume.zarr; or a model: "
                    + "model.vsm, a bioimage.io package (.zip or folder), a TorchScript file (.pt).")
    VolumeLocation volume;

    @Option(names = "--no-stats", description = "Skip reading voxels; show metadata only.")
    boolean noStats;

    @Override
    public Integer call() {
        // getFileName() is null for a root path, which then goes on to be reported as no volume
        if (String.valueOf(volume.path().getFileName()).toLowerCase(Locale.ROOT).endsWith(".vsm")) {
            ModelInfo.print(volume.path(), spec.commandLine().getOut());
            return 0;
        }
        if (ModelPredictors.isTorchScript(volume.path())) {
            TorchScriptInfo.print(volume.path(), spec.commandLine().getOut());
            return 0;
        }
        if (PackageInfo.isPackage(volume.path())) {
            PackageInfo.print(volume.path(), spec.commandLine().getOut());
            return 0;
        }
        VolumeDescription d = VolumeDescription.of(volume, !noStats, new ConsoleProgress(256L << 20, true));
        print(d, spec.commandLine().getOut());
        return 0;
    }

    static void print(VolumeDescription d, PrintWriter out) {
        VolumeInfo i = d.info();
        int[] c = i.chunk();
        out.println(d.location());
        row(out, "format", d.formatDetail());
        row(out, "shape", i.depth() + " x " + i.height() + " x " + i.width() + " (z, y, x)");
        row(out, "dtype", i.dataType().toString());
        row(out, "voxel size", i.voxelSize().map(Object::toString)
                .orElse("unknown (set it with --voxel-size z,y,x in nm when converting)"));
        row(out, "chunking", c[0] + " x " + c[1] + " x " + c[2]);
        row(out, "size", ByteSize.binary(i.bytes()) + " uncompressed");
        d.statistics().ifPresent(s -> printStatistics(out, s, i));
        d.missingChunks().ifPresent(m -> out.println("warning: " + m.warning(d.location())));
        out.flush();
    }

    private static void printStatistics(PrintWriter out, VolumeStatistics s, VolumeInfo i) {
        row(out, "min / max", num(s.min()) + " / " + num(s.max()));
        row(out, "mean", String.format(Locale.ROOT, "%.4g", s.mean())
                + (s.sampled() ? "  (sampled: " + s.slicesSeen() + " of " + i.depth() + " slices)" : ""));
    }

    private static void row(PrintWriter out, String key, String value) {
        out.printf(Locale.ROOT, "  %-11s %s%n", key, value);
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.6g", v);
    }
}
