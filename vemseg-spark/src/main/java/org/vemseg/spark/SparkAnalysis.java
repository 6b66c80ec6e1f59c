package org.vemseg.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.Format;
import org.vemseg.core.io.ResumableWriter;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.io.zarr.ZarrFormat;
import org.vemseg.core.objects.Connectivity;
import org.vemseg.core.objects.HoleFilling;
import org.vemseg.core.objects.ObjectMeasurement;
import org.vemseg.core.objects.ObjectMeasurements;
import org.vemseg.core.objects.ObjectTable;
import org.vemseg.core.objects.Thresholding;
import org.vemseg.core.report.AnalysisOptions;
import org.vemseg.core.report.AnalysisResult;
import org.vemseg.core.report.ObjectAnalysis;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;
import org.vemseg.core.volume.VoxelSize;
import scala.Tuple2;

/**
 * {@code vemseg analyze} on a Spark cluster: the same objects, numbered the same, and the same reports as
 * {@link ObjectAnalysis#run} on one machine, for volumes too large for one.
 *
 * <p>The volume is cut into blocks of whole chunks of the label output. Pass 1 (one task per block) thresholds and
 * labels each block on its own and returns only numbers: each component's voxel count, coordinate sums, bounding box
 * and first voxel, and, through a shuffle between executors, which components of neighbouring blocks touch (from the
 * one-voxel layers along shared faces, edges and corners). The driver merges touching components with a union-find,
 * drops small objects and numbers the rest in the volume's scan order, as one machine does. Pass 2 labels each block
 * again and writes its chunks of the OME-Zarr label volume, renumbered; pass 3 measures each object's surface from a
 * crop of the written labels. No voxel passes through the driver. Chunks are written atomically, so a retried task
 * is harmless.
 *
 * <p>The input and the output folder must be on storage that the driver and every executor see; the label volume
 * must be OME-Zarr. Splitting touching objects and meshes are single-machine only.
 */
public final class SparkAnalysis {

    /** Voxels per block, about: 16 M (64 MB of labels in a task), in whole chunks. */
    static final long BLOCK_VOXELS = 1L << 24;

    private static final String WHAT = "labelling";

    private final JavaSparkContext spark;
    private Optional<int[]> chunk = Optional.empty();
    private long blockVoxels = BLOCK_VOXELS;
    private int failingBlock = -1;
    private int failingAttempts;

    /** Runs on {@code spark}'s cluster; the caller owns (and stops) the context. */
    public SparkAnalysis(JavaSparkContext spark) {
        this.spark = spark;
    }

    /** Writes the labels in chunks of {@code c} (z, y, x) and labels blocks of about {@code voxels} voxels. */
    SparkAnalysis withBlocks(int[] c, long voxels) {
        this.chunk = Optional.of(c.clone());
        this.blockVoxels = voxels;
        return this;
    }

    /** Test hook: the first {@code attempts} attempts of block {@code block}'s second pass fail after one chunk. */
    SparkAnalysis failing(int block, int attempts) {
        this.failingBlock = block;
        this.failingAttempts = attempts;
        return this;
    }

    /**
     * Refuses, before Spark starts, the options that run on one machine only.
     *
     * @throws VemsegException.InvalidInput naming the option
     */
    static void checkOptions(AnalysisOptions o) {
        if (o.splitTouching()) {
            throw new VemsegException.InvalidInput("{splitTouching} cannot run with {spark}: its watershed needs the "
                    + "whole volume in one memory; analyze on one machine");
        }
        if (o.fillHoles() != HoleFilling.NONE) {
            throw new VemsegException.InvalidInput("{fillHoles} cannot run with {spark} yet; analyze without it, or "
                    + "on one machine");
        }
        if (o.mesh().isPresent()) {
            throw new VemsegException.InvalidInput("{mesh} cannot run with {spark} yet; analyze without {mesh}, or "
                    + "on one machine");
        }
        if (o.labelsFile().isEmpty()) {
            throw new VemsegException.InvalidInput("{spark} measures the objects from the label volume it writes; "
                    + "give {labels} a .zarr name instead of none");
        }
        VolumeLocation labels = VolumeLocation.of(Path.of(o.labelsFile().get()));
        if (!Format.forWriting(labels).format().isResumable()) {
            throw new VemsegException.InvalidInput("{labels} " + o.labelsFile().get() + ": with {spark} executors "
                    + "write the label volume chunk by chunk, so it must be OME-Zarr; give a .zarr name, e.g. "
                    + "labels.ome.zarr");
        }
    }

    /**
     * Analyses {@code input} into {@code outDir} as {@link ObjectAnalysis#run} does, reporting blocks and objects to
     * {@code progress}.
     *
     * @throws VemsegException with one line: an option that cannot run here, a check, or a task failed (the task's
     *     own error when it is one of vemseg's)
     */
    public AnalysisResult run(VolumeLocation input, Path outDir, AnalysisOptions o, Progress progress) {
        checkOptions(o);
        String inputName = input.toString();
        VolumeLocation in = absolute(input);
        VolumeInfo info;
        try (VolumeReader r = Volumes.open(in)) {
            info = r.info();
        }
        ObjectAnalysis.check(info, inputName, outDir, o);
        Optional<VoxelSize> voxelSize = o.voxelSize().or(info::voxelSize);
        VolumeLocation labelsAt = absolute(VolumeLocation.of(outDir.resolve(o.labelsFile().get())));
        WriteOptions writeOptions = ObjectAnalysis.labelWriteOptions(o);
        if (chunk.isPresent()) {
            writeOptions = writeOptions.withChunk(chunk.get());
        }
        LabellingGrid grid = LabellingGrid.of(info.bounds(), ZarrFormat.chunk(info.shape(), writeOptions),
                blockVoxels);
        Thresholding.Scale guess = Thresholding.Scale.of(info.dataType(), 255);
        LabellingJob job = new LabellingJob(in.toString(), labelsAt.toString(), o.threshold(), guess,
                o.connectivity(), o.perSlice(), grid);
        FirstPass first = firstPass(job, progress);
        // A uint8 volume is a probability map unless it holds only 0 and 1: known only once every block was read.
        Thresholding.Scale scale = Thresholding.Scale.of(info.dataType(), first.maxUint8());
        if (scale != guess) {
            job = job.withScale(scale);
            first = firstPass(job, progress);
        }
        ObjectMerge merged = ObjectMerge.of(first.blocks(), first.pairs(), o.minSize());
        DataType type = ObjectAnalysis.labelType(merged.count());
        VolumeInfo labelInfo = VolumeInfo.ofSlices(info.depth(), info.height(), info.width(), type, voxelSize);
        // A partial folder left by a killed run is rewritten chunk by chunk (overwrite starts it afresh).
        try (ResumableWriter writer = Volumes.createResumable(labelsAt, labelInfo, writeOptions, !o.overwrite())) {
            secondPass(job, merged, type, progress);
            double[] spacing = ObjectMeasurements.spacingUm(voxelSize);
            double[] area = surfaces(labelsAt, merged, spacing, progress);
            List<ObjectMeasurement> rows = new ArrayList<>(merged.count());
            for (int id = 1; id <= merged.count(); id++) {
                rows.add(merged.stats().measurement(id, id, spacing, area[id]));
            }
            ObjectTable table = ObjectMeasurements.table(rows, voxelSize, info.shape());
            AnalysisResult reports = ObjectAnalysis.writeReports(inputName, info, outDir, o, table,
                    first.anyForeground());
            writer.commit();
            List<Path> written = new ArrayList<>(reports.written());
            written.add(outDir.resolve(o.labelsFile().get()));
            return new AnalysisResult(table, reports.profiles(), reports.warnings(), written);
        }
    }

    /**
     * What pass 1 found.
     *
     * @param blocks every block's components, in block order
     * @param pairs touching components of neighbouring blocks, as {@link Contact#node nodes}
     */
    private record FirstPass(List<BlockComponents> blocks, List<long[]> pairs) {

        int maxUint8() {
            return blocks.stream().mapToInt(BlockComponents::maxUint8).max().orElse(-1);
        }

        boolean anyForeground() {
            return blocks.stream().anyMatch(b -> b.stats().count() > 0);
        }
    }

    private FirstPass firstPass(LabellingJob job, Progress progress) {
        int n = job.grid().size();
        LongAccumulator done = spark.sc().longAccumulator("vemseg labelled blocks");
        JavaRDD<Tuple2<BlockComponents, List<Tuple2<Long, Contact>>>> labelled = spark
                .parallelize(IntStream.range(0, n).boxed().toList(), n).map(i -> {
                    Tuple2<BlockComponents, List<Tuple2<Long, Contact>>> r = BlockComponents.of(job, i);
                    done.add(1);
                    return r;
                }).persist(StorageLevel.MEMORY_AND_DISK_SER());
        try {
            List<BlockComponents> blocks;
            progress.start("labelling", n, "blocks");
            try {
                blocks = SparkJobs.await(spark, WHAT, () -> labelled.map(Tuple2::_1).collectAsync(), done, n,
                        progress);
            } finally {
                progress.finish();
            }
            boolean perSlice = job.perSlice();
            Connectivity connectivity = job.connectivity();
            List<long[]> pairs = SparkJobs.await(spark, WHAT, () -> labelled.flatMapToPair(b -> b._2().iterator())
                    .groupByKey().flatMap(pair -> touching(pair._2(), connectivity, perSlice).iterator())
                    .collectAsync(), spark.sc().longAccumulator(), 0, Progress.NONE);
            return new FirstPass(blocks, pairs);
        } finally {
            labelled.unpersist(false);
        }
    }

    /** The touching components of the two contacts of a pair of blocks (none if one side had no component). */
    private static List<long[]> touching(Iterable<Contact> contacts, Connectivity c,
            boolean perSlice) {
        List<Contact> both = new ArrayList<>(2);
        contacts.forEach(both::add);
        return both.size() == 2 ? both.get(0).touching(both.get(1), c, perSlice) : List.of();
    }

    private void secondPass(LabellingJob job, ObjectMerge merged, DataType type, Progress progress) {
        int n = job.grid().size();
        List<Tuple2<Integer, int[]>> maps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            maps.add(new Tuple2<>(i, merged.maps()[i]));
        }
        LongAccumulator done = spark.sc().longAccumulator("vemseg written blocks");
        RelabelTask task = new RelabelTask(job, type, done, failingBlock, failingAttempts);
        progress.start("writing labels", n, "blocks");
        try {
            SparkJobs.await(spark, WHAT, () -> spark.parallelize(maps, n).foreachAsync(task), done, n, progress);
        } finally {
            progress.finish();
        }
    }

    /** Surface area of every object, by number (index 0 unused). */
    private double[] surfaces(VolumeLocation labels, ObjectMerge merged, double[] spacing, Progress progress) {
        int count = merged.count();
        double[] area = new double[count + 1];
        if (count == 0) {
            return area;
        }
        List<Tuple2<Integer, Box>> objects = new ArrayList<>(count);
        for (int id = 1; id <= count; id++) {
            objects.add(new Tuple2<>(id, merged.stats().box(id)));
        }
        int slices = Math.max(1, Math.min(count, spark.defaultParallelism() * 4));
        LongAccumulator done = spark.sc().longAccumulator("vemseg measured objects");
        SurfaceTask task = new SurfaceTask(labels.toString(), count, spacing, done);
        progress.start("measuring surfaces", count, "objects");
        try {
            List<Tuple2<Integer, Double>> measured = SparkJobs.await(spark, WHAT,
                    () -> spark.parallelize(objects, slices).mapPartitions(task).collectAsync(), done, count,
                    progress);
            for (Tuple2<Integer, Double> m : measured) {
                area[m._1()] = m._2();
            }
        } finally {
            progress.finish();
        }
        return area;
    }

    private static VolumeLocation absolute(VolumeLocation l) {
        return new VolumeLocation(l.path().toAbsolutePath().normalize(), l.dataset());
    }
}
