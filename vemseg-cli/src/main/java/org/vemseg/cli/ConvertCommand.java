package org.vemseg.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.vemseg.core.Progress;
import org.vemseg.core.io.Compression;
import org.vemseg.core.io.SliceFormat;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.ops.ClusterConverter;
import org.vemseg.core.ops.ConversionRequest;
import org.vemseg.core.ops.ConversionResult;
import org.vemseg.core.ops.VolumeConverter;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;
import org.vemseg.core.volume.VoxelSize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vemseg convert}: any readable volume to any writable format, block by block. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert a volume to another format, optionally cropped, retyped and rescaled.",
            "The output format follows the extension: .tif/.tiff (multi-page; BigTIFF past 4 GB), .zarr / .ome.zarr "
                    + "(OME-Zarr with a multiscale pyramid), no extension = a folder of slices.",
            "Memory stays bounded whatever the volume size; the output appears only when complete.",
            "An OME-Zarr output (.zarr) survives interruption (Ctrl-C, kill -9): rerun with --resume to continue; "
                    + "TIFF and slice-folder outputs are written whole to a temporary and start again."})
final class ConvertCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", converter = Converters.Location.class,
            description = "Volume to read.")
    VolumeLocation input;

    @Parameters(index = "1", paramLabel = "OUTPUT", converter = Converters.Location.class,
            description = "Volume to write.")
    VolumeLocation output;

    @Option(names = "--crop", paramLabel = "z0:z1,y0:y1,x0:x1",
            description = "Keep only this box (ends exclusive; ':' keeps an axis; negative counts from the end).")
    String crop;

    @Option(names = "--dtype", paramLabel = "TYPE", converter = Converters.Type.class,
            description = "Output type: uint8, int8, uint16, int16, uint32, int32, float32, float64. "
                    + "Values outside its range saturate unless --rescale.")
    DataType dataType;

    @Option(names = "--rescale",
            description = "Map the input's min..max onto the output type's range (0..1 for float types).")
    boolean rescale;

    @Option(names = "--voxel-size", paramLabel = "z,y,x", converter = Converters.Voxel.class,
            description = "Voxel size in nm to record in the output, e.g. 50,4,4.")
    VoxelSize voxelSize;

    @Option(names = "--compression", paramLabel = "NAME", converter = Converters.Compress.class,
            description = "none, deflate, lzw, packbits (TIFF); blosc-zstd (default), blosc-lz4, deflate, none (Zarr).")
    Compression compression;

    // split, not a converter: picocli applies an array option's converter to each element, not to the list.
    @Option(names = "--chunk", paramLabel = "z,y,x", split = ",",
            description = "Chunk shape of an OME-Zarr output (default 32,256,256).")
    int[] chunk;

    @Option(names = "--levels", paramLabel = "N",
            description = "Resolution levels of an OME-Zarr pyramid (default: until the largest side is <= 512).")
    int levels;

    @Option(names = "--labels", description = "The volume holds labels (classes or object ids): OME-Zarr pyramid "
            + "levels take the most frequent value of each 2x2(x2) window instead of the mean.")
    boolean labels;

    @Option(names = "--slice-format", paramLabel = "png|tif", converter = Converters.Slices.class,
            description = "Image type for a folder of slices (default png for 8/16-bit, tif otherwise).")
    SliceFormat sliceFormat;

    @Mixin
    Overwrite overwrite;

    @Option(names = "--resume", description = "Continue an interrupted OME-Zarr conversion, skipping finished "
            + "chunks; the result equals an uninterrupted run's. Refused if the input, the crop, the type, the chunk "
            + "or another setting changed, for TIFF and slice-folder outputs (not resumable), and with --spark.")
    boolean resume;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: cores, at most 4).")
    int threads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    @Option(names = "--spark", paramLabel = "MASTER", description = "Run on Apache Spark, with the same chunks: "
            + "local[N] in this process, spark://HOST:7077 on a standalone cluster. The output must be OME-Zarr; the "
            + "input and the output must be on storage every node sees.")
    String spark;

    @Mixin
    Quiet quiet;

    @Override
    public Integer call() {
        WriteOptions options = WriteOptions.defaults().withOverwrite(overwrite.requested())
                .withScaleLevels(Math.max(0, levels))
                .withLabels(labels);
        if (compression != null) {
            options = options.withCompression(compression);
        }
        if (chunk != null) {
            options = options.withChunk(checkedChunk());
        }
        if (sliceFormat != null) {
            options = options.withSliceFormat(sliceFormat);
        }
        ConversionRequest request = new ConversionRequest(input, output, Optional.ofNullable(crop),
                Optional.ofNullable(dataType), rescale, Optional.ofNullable(voxelSize), options, threads, resume);
        if (spark != null) {
            VolumeConverter.refuseResumeOnCluster(request); // before a cluster is started for nothing
        }
        Progress progress = quiet.progress(32L << 20);
        // The cluster's libraries are loaded only when asked for (./vemseg adds them to the class path for --spark).
        ConversionResult r = spark == null ? VolumeConverter.run(request, progress)
                : ClusterConverter.find().run(spark, request, progress);
        PrintWriter out = spec.commandLine().getOut();
        VolumeInfo i = r.info();
        out.printf(Locale.ROOT, "wrote %s: %d x %d x %d %s, %s, %s in %.1f s (%.0f MB/s)%n", output, i.depth(),
                i.height(), i.width(), i.dataType(), r.format(),
                i.voxelSize().map(v -> "voxel " + v).orElse("no voxel size"), r.seconds(),
                i.bytes() / 1e6 / Math.max(r.seconds(), 1e-3));
        if (r.skipped() > 0) {
            out.printf(Locale.ROOT, "resumed: %d of %d chunks were written by the interrupted run%n", r.skipped(),
                    r.chunks());
        }
        r.rescale().ifPresent(m -> out.printf(Locale.ROOT, "rescaled %.6g..%.6g to %.6g..%.6g%n", m.inMin(), m.inMax(),
                m.outMin(), m.outMax()));
        out.flush();
        return 0;
    }

    private int[] checkedChunk() {
        if (chunk.length != 3 || Arrays.stream(chunk).anyMatch(v -> v < 1)) {
            throw new ParameterException(spec.commandLine(), "--chunk must be three positive integers 'z,y,x', "
                    + "e.g. '64,64,64', but was '" + Arrays.stream(chunk).mapToObj(String::valueOf)
                    .collect(Collectors.joining(",")) + "'");
        }
        return chunk;
    }
}
