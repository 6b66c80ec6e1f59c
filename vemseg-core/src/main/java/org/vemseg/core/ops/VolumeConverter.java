package org.vemseg.core.ops;

import java.util.Optional;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.concurrent.ChunkRunner;
import org.vemseg.core.io.AtomicOutput;
import org.vemseg.core.io.BlockGrid;
import org.vemseg.core.io.Format;
import org.vemseg.core.io.ResumableWriter;
import org.vemseg.core.io.ResumeGuard;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.VolumeWriter;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.predict.WrittenBlocks;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;

/**
 * Converts any readable volume into any writable format, optionally cropped, retyped and rescaled.
 * All checks (input readable, crop inside, output writable and not existing) happen before any voxel is
 * written; the output appears only when complete. An OME-Zarr output is written resumably: an interrupted
 * conversion leaves a hidden partial folder, which the same conversion with {@code resume} continues.
 */
public final class VolumeConverter {

    /**
     * Memory of one slab when slabs are tasks of a cluster: small enough for many tasks (progress, retries, balance)
     * and for any executor, large enough that a task reads whole rows of chunks.
     */
    static final long CLUSTER_SLAB_BYTES = 32L << 20;

    private VolumeConverter() {
    }

    /** Converts on this machine, with the request's threads. */
    public static ConversionResult run(ConversionRequest request, Progress progress) {
        long t0 = System.nanoTime();
        Format outFormat = Format.forWriting(request.output());
        boolean resumable = outFormat.format().isResumable();
        ResumeGuard.requireResumable(request.output(), outFormat.format(), request.resume());
        if (resumable) {
            // before reading the input (rescaling reads all of it): a partial output needs resume or overwrite
            AtomicOutput.checkPartial(request.output().path(), request.options().overwrite(), request.resume());
        }
        try (VolumeReader reader = Volumes.open(checked(request).input())) {
            Target t = Target.of(request, reader, progress);
            VolumeCopy.Builder b = VolumeCopy.from(reader).optRegion(t.region()).optThreads(request.threads());
            t.map().ifPresent(b::optIntensityMap);
            VolumeCopy copy = b.build();
            if (resumable) {
                return runResumable(request, reader, t, copy, outFormat, progress, t0);
            }
            VolumeInfo outInfo;
            long chunks;
            try (VolumeWriter writer = outFormat.format().create(request.output(), t.info(), request.options())) {
                copy.into(writer, progress);
                writer.commit();
                outInfo = writer.info();
                chunks = BlockGrid.of(outInfo).size();
            }
            return new ConversionResult(outInfo, outFormat, (System.nanoTime() - t0) / 1e9, t.map(), chunks, 0);
        }
    }

    /**
     * Converts into a partial output that survives an interruption (OME-Zarr), as {@code predict} does: the job is
     * recorded beside it ({@link ResumeGuard}), a resumed run is refused if any setting that shapes the output
     * differs, and writes only the chunks the interrupted run had not, so the result equals an uninterrupted run's.
     */
    private static ConversionResult runResumable(ConversionRequest request, VolumeReader reader, Target t,
            VolumeCopy copy, Format outFormat, Progress progress, long t0) {
        ResumeGuard guard = ResumeGuard.checked(request.output().path(),
                ConversionJob.describe(request, reader, t, outFormat), request.resume());
        try (ResumableWriter writer = outFormat.format().createResumable(request.output(), t.info(),
                request.options(), request.resume())) {
            guard.record();
            BlockGrid grid = BlockGrid.of(writer.info());
            WrittenBlocks written = writer.resumed() ? WrittenBlocks.scan(grid, writer::isWritten)
                    : WrittenBlocks.none(grid);
            copy.into(writer, written, progress);
            writer.commit();
            guard.clear();
            return new ConversionResult(writer.info(), outFormat, (System.nanoTime() - t0) / 1e9, t.map(),
                    grid.size(), written.blocks());
        }
    }

    /**
     * Converts into OME-Zarr with the slabs, and then the pyramid levels, written by {@code runner}, e.g. as the
     * tasks of a cluster whose workers read their own input boxes and write their own chunks: the output's chunks
     * are those {@link #run(ConversionRequest, Progress)} writes. Input and output must be on storage that every
     * worker sees at the same path. The output is written in the fixed partial folder of a resumable OME-Zarr output
     * (which workers open by the output's name) and moved into place when complete.
     *
     * @throws VemsegException.InvalidInput if the output is not OME-Zarr, or a worker sees another input
     */
    public static ConversionResult run(ConversionRequest request, ChunkRunner runner, Progress progress) {
        long t0 = System.nanoTime();
        Format outFormat = Format.forWriting(request.output());
        if (!outFormat.format().isResumable()) {
            throw new VemsegException.InvalidInput(request.output() + ": a distributed convert writes OME-Zarr "
                    + "(.zarr), whose chunks workers write on their own; give the output a .zarr path");
        }
        refuseResumeOnCluster(request);
        try (VolumeReader reader = Volumes.open(checked(request).input())) {
            Target t = Target.of(request, reader, progress);
            try (ResumableWriter writer = outFormat.format().createResumable(request.output(), t.info(),
                    request.options(), false)) {
                VolumeInfo out = writer.info();
                VolumeCopy copy = VolumeCopy.from(reader).optRegion(t.region())
                        .optBudgetBytes(CLUSTER_SLAB_BYTES).build();
                ConvertSlabs task = new ConvertSlabs(new VolumeLocation(
                        request.input().path().toAbsolutePath().normalize(), request.input().dataset()).toString(),
                        request.output().path().toAbsolutePath().normalize().toString(), reader.info().bounds(),
                        t.region(), out.chunk(), out.dataType(), t.map().orElse(null));
                try {
                    runner.run("conversion", task, copy.slabs(out, false), progress);
                    writer.commit(runner, progress);
                } catch (RuntimeException e) {
                    // A conversion is not resumed: a failed one leaves nothing behind (a driver killed outright
                    // leaves its partial folder, which overwrite removes).
                    AtomicOutput.discardPartial(request.output().path());
                    throw e;
                }
                return new ConversionResult(writer.info(), outFormat, (System.nanoTime() - t0) / 1e9, t.map(),
                        BlockGrid.of(writer.info()).size(), 0);
            }
        }
    }

    private static ConversionRequest checked(ConversionRequest request) {
        if (request.input().path().toAbsolutePath().normalize()
                .equals(request.output().path().toAbsolutePath().normalize())) {
            throw new VemsegException.InvalidInput(request.output().path() + ": output is the same as the input");
        }
        return request;
    }

    /**
     * Refuses {@code resume} for a distributed conversion, whose workers do not skip finished chunks yet; callers
     * that start a cluster check this first, so that no cluster is started for nothing.
     */
    public static void refuseResumeOnCluster(ConversionRequest request) {
        if (request.resume()) {
            throw new VemsegException.InvalidInput(request.output() + ": {resume} is not available with {spark} yet; "
                    + "resume on one machine (without {spark}) or start again with {overwrite}");
        }
    }

    /** What the output holds: the region of the input, its type and info, and the rescaling, if any. */
    record Target(Box region, VolumeInfo info, Optional<IntensityMap> map) {

        static Target of(ConversionRequest request, VolumeReader reader, Progress progress) {
            VolumeInfo in = reader.info();
            Box region = request.crop().map(c -> Box.parseCrop(c, in.bounds())).orElse(in.bounds());
            DataType type = request.dataType().orElse(in.dataType());
            Optional<IntensityMap> map = Optional.empty();
            if (request.rescale()) {
                map = Optional.of(rescaleMap(reader, type, progress));
            }
            VolumeInfo outInfo = VolumeCopy.outputInfo(in, region, type);
            if (request.voxelSize().isPresent()) {
                outInfo = outInfo.withVoxelSize(request.voxelSize());
            }
            return new Target(region, outInfo, map);
        }
    }

    /** Maps the input's (sampled) value range onto the target type's range, or 0..1 for float targets. */
    private static IntensityMap rescaleMap(VolumeReader reader, DataType target, Progress progress) {
        VolumeStatistics s = VolumeStatistics.of(reader, progress);
        double lo = target.isFloating() ? 0 : target.minValue();
        double hi = target.isFloating() ? 1 : target.maxValue();
        return new IntensityMap(s.min(), s.max(), lo, hi);
    }
}
