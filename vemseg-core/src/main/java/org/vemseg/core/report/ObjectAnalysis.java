package org.vemseg.core.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.vemseg.core.Settings;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.AtomicOutput;
import org.vemseg.core.io.BlockGrid;
import org.vemseg.core.io.VolumeWriter;
import org.vemseg.core.io.Format;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.mesh.MarchingCubes;
import org.vemseg.core.mesh.MeshFormat;
import org.vemseg.core.mesh.MeshSmoothing;
import org.vemseg.core.mesh.TriangleMesh;
import org.vemseg.core.objects.ConnectedComponents;
import org.vemseg.core.objects.LabelSource;
import org.vemseg.core.objects.LabelVolume;
import org.vemseg.core.objects.RunLabels;
import org.vemseg.core.objects.Mask;
import org.vemseg.core.objects.ObjectMeasurements;
import org.vemseg.core.objects.ObjectTable;
import org.vemseg.core.objects.Thresholding;
import org.vemseg.core.objects.TouchingObjectSplitter;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.VolumeInfo;
import org.vemseg.core.volume.VoxelSize;

/**
 * From a probability map or mask to numbers and files: threshold, optional hole filling, 3D connected components,
 * optional splitting of touching objects, size filter, object table, count, density and volume fraction, density
 * profiles along z, y and x, a size histogram, an instance-label volume and surface meshes.
 *
 * <p>Output folder: {@code objects.csv}, {@code summary.json}, {@code density-profile.csv},
 * {@code density-profile.png}, {@code size-histogram.png}, the label volume ({@code labels.tif} by default),
 * and {@code mesh.<ext>} or {@code meshes/object-NNNNN.<ext>}.
 *
 * <p>Memory: without splitting, the input is read slab by slab and objects are kept as labelled runs
 * ({@link RunLabels}), so memory grows with the objects' outlines, not with the volume; measuring, meshing and
 * writing the labels read them back slice by slice or box by box. Splitting touching objects needs the mask,
 * its labels and its distance map in memory (9 bytes per voxel).
 */
public final class ObjectAnalysis {

    private ObjectAnalysis() {
    }

    public static AnalysisResult run(VolumeReader input, String inputName, Path outDir, AnalysisOptions o) {
        VolumeInfo info = input.info();
        check(info, inputName, outDir, o);
        Optional<VoxelSize> voxelSize = o.voxelSize().or(info::voxelSize);
        double[] spacing = ObjectMeasurements.spacingUm(voxelSize);
        LabelSource labels;
        boolean anyForeground;
        if (o.splitTouching()) {
            Mask mask = o.postProcessing().fillHoles(Thresholding.apply(input.readAll(), o.threshold(), inputName),
                    o.connectivity());
            anyForeground = mask.count() > 0;
            LabelVolume cc = ConnectedComponents.label(mask, o.connectivity());
            double h = o.seedHeight() > 0 ? o.seedHeight() : Math.min(spacing[0], Math.min(spacing[1], spacing[2]));
            labels = TouchingObjectSplitter.split(mask, cc, spacing, h, o.seedDistance()).withMinSize(o.minSize());
        } else {
            // Streamed slab by slab: memory is one slab plus the runs, whatever the volume's size.
            // Holes are filled and small objects removed on the runs, by the same step as evaluate's.
            RunLabels runs = ConnectedComponents.label(input, o.threshold(), inputName, o.connectivity(),
                    o.perSlice(), o.postProcessing()).labels();
            anyForeground = runs.runs() > 0;
            labels = runs;
        }
        ObjectTable table = ObjectMeasurements.measure(labels, voxelSize);
        AnalysisResult reports = writeReports(inputName, info, outDir, o, table, anyForeground);
        List<Path> written = new ArrayList<>(reports.written());
        if (o.mesh().isPresent()) {
            written.addAll(writeMeshes(labels, table, spacing, o, outDir));
        }
        if (o.labelsFile().isPresent()) {
            Path p = outDir.resolve(o.labelsFile().get());
            writeLabels(labels, VolumeLocation.of(p), voxelSize, labelWriteOptions(o));
            written.add(p);
        }
        return new AnalysisResult(table, reports.profiles(), reports.warnings(), written);
    }

    /**
     * Refuses, before any work, settings that do not go together, inputs too large for them, and outputs that exist
     * (without overwrite) or cannot be written.
     */
    public static void check(VolumeInfo info, String inputName, Path outDir, AnalysisOptions o) {
        if (o.splitTouching() && info.voxels() > Block.MAX_VOXELS) {
            throw new VemsegException.InvalidInput(inputName + ": " + info.voxels() + " voxels; {splitTouching} "
                    + "holds the volume and its distance map in memory and supports at most " + Block.MAX_VOXELS
                    + " voxels; crop it with 'vemseg convert {crop}' or analyze without splitting");
        }
        if (o.splitTouching() && o.perSlice()) {
            throw new VemsegException.InvalidInput("{splitTouching} works on 3D objects; it cannot be combined "
                    + "with {perSlice}");
        }
        checkOutputs(outDir, o);
    }

    /** How the instance-label volume is written (its pyramid takes the most frequent label, not the mean). */
    public static WriteOptions labelWriteOptions(AnalysisOptions o) {
        return WriteOptions.defaults().withOverwrite(o.overwrite()).withLabels(true);
    }

    /** The type of an instance-label volume of {@code objects} objects: uint16, or uint32 past 65,535. */
    public static DataType labelType(int objects) {
        return objects <= 0xFFFF ? DataType.UINT16 : DataType.UINT32;
    }

    /**
     * Writes the reports on a measured table into {@code outDir}: {@code objects.csv}, {@code summary.json}, the
     * density profiles (CSV and chart) and the size histogram; the result lists them and the warnings.
     *
     * @param anyForeground whether the mask had any voxel (before the size filter), for the warning on no objects
     */
    public static AnalysisResult writeReports(String inputName, VolumeInfo info, Path outDir, AnalysisOptions o,
            ObjectTable table, boolean anyForeground) {
        List<String> warnings = new ArrayList<>();
        Optional<VoxelSize> voxelSize = o.voxelSize().or(info::voxelSize);
        if (voxelSize.isEmpty()) {
            warnings.add(inputName + " records no voxel size: volumes, lengths and the density window are in voxels"
                    + " (give {voxelSize} z,y,x in nm for physical units)");
        }
        if (table.count() == 0) {
            warnings.add("no objects found" + (!anyForeground ? " (the mask is empty at threshold "
                    + o.threshold() + ")" : " of at least " + o.minSize() + " voxels"));
        }
        List<DensityProfile> profiles = new ArrayList<>();
        double longest = 0;
        for (int axis = 0; axis < 3; axis++) {
            DensityProfile p = DensityProfile.of(table, axis, o.window());
            profiles.add(p);
            if (p.position().length > 0) {
                longest = Math.max(longest, p.position()[p.position().length - 1]);
            }
        }
        if (longest > 0 && o.window() >= longest) {
            // A window as long as the volume averages everything: the profile is flat and says nothing.
            warnings.add(String.format(Locale.ROOT, "the density window (%.4g %s) is as long as the "
                    + "volume (%.4g %s at most), so the density profiles are flat; give a shorter {window}",
                    o.window(), table.lengthUnit(), longest, table.lengthUnit()));
        }
        List<Path> written = new ArrayList<>();
        boolean ow = o.overwrite();
        Path csv = outDir.resolve("objects.csv");
        table.writeCsv(csv, ow);
        written.add(csv);
        Path summary = outDir.resolve("summary.json");
        writeSummary(summary, inputName, info, voxelSize, o, table, warnings, ow);
        written.add(summary);
        Path profileCsv = outDir.resolve("density-profile.csv");
        DensityProfile.writeCsv(profiles, profileCsv, ow);
        written.add(profileCsv);
        Path profilePng = outDir.resolve("density-profile.png");
        Charts.densityProfiles(profiles, "Object density", profilePng, ow);
        written.add(profilePng);
        Path histogram = outDir.resolve("size-histogram.png");
        Charts.sizeHistogram(table, "Object sizes", histogram, ow);
        written.add(histogram);
        return new AnalysisResult(table, profiles, warnings, written);
    }

    /**
     * Writes labels block by block in the writer's own grid (uint16, or uint32 past 65,535 objects), so a
     * label volume larger than memory can be written from run-length labels.
     */
    static void writeLabels(LabelSource labels, VolumeLocation location, Optional<VoxelSize> voxelSize,
            WriteOptions options) {
        DataType type = labelType(labels.count());
        VolumeInfo info = VolumeInfo.ofSlices(labels.depth(), labels.height(), labels.width(), type, voxelSize);
        try (VolumeWriter writer = Volumes.create(location, info, options)) {
            int[] buf = new int[0];
            for (Box b : BlockGrid.of(writer.info())) {
                int n = (int) b.voxels();
                if (buf.length < n) {
                    buf = new int[n];
                }
                labels.read((int) b.z(), (int) b.y(), (int) b.x(), (int) b.depth(), (int) b.height(), (int) b.width(),
                        buf);
                Block block = Block.allocate(b, type);
                if (type == DataType.UINT16) {
                    short[] s = block.shorts();
                    for (int i = 0; i < n; i++) {
                        s[i] = (short) buf[i];
                    }
                } else {
                    System.arraycopy(buf, 0, block.ints(), 0, n);
                }
                writer.write(block);
            }
            writer.commit();
        }
    }

    /** Fails before any work if an output exists (without overwrite) or the label format is not writable. */
    private static void checkOutputs(Path outDir, AnalysisOptions o) {
        if (o.labelsFile().isPresent()) {
            Format.forWriting(VolumeLocation.of(outDir.resolve(o.labelsFile().get())));
        }
        if (o.overwrite()) {
            return;
        }
        List<String> names = new ArrayList<>(List.of("objects.csv", "summary.json", "density-profile.csv",
                "density-profile.png", "size-histogram.png"));
        o.labelsFile().ifPresent(names::add);
        o.mesh().ifPresent(f -> names.add(o.meshPerObject() ? "meshes" : "mesh." + f.extension()));
        for (String n : names) {
            if (Files.exists(outDir.resolve(n))) {
                throw new VemsegException.InvalidInput(outDir.resolve(n) + ": output exists; use {overwrite} to "
                        + "replace it");
            }
        }
    }

    private static List<Path> writeMeshes(LabelSource labels, ObjectTable table, double[] spacing,
            AnalysisOptions o, Path outDir) {
        MeshFormat f = o.mesh().get();
        List<Path> out = new ArrayList<>();
        if (!o.meshPerObject()) {
            // The whole mask after filtering (small objects removed), one surface, read slice by slice.
            int h = labels.height();
            int w = labels.width();
            int[] plane = new int[h * w];
            TriangleMesh m = MarchingCubes.of(labels.depth(), h, w, (z, values) -> {
                labels.read(z, 0, 0, 1, h, w, plane);
                for (int i = 0; i < plane.length; i++) {
                    values[i] = plane[i] != 0 ? 1f : 0f;
                }
            }, spacing, 0.5f);
            if (o.smoothing() > 0) {
                m = MeshSmoothing.taubin(m, o.smoothing());
            }
            Path p = outDir.resolve("mesh." + f.extension());
            f.write(m, p, o.overwrite());
            out.add(p);
            return out;
        }
        int[] boxes = ObjectMeasurements.boxes(table);
        for (int l = 1; l <= labels.count(); l++) {
            TriangleMesh m = ObjectMeasurements.mesh(labels, l, boxes, spacing, o.smoothing());
            Path p = outDir.resolve("meshes").resolve(String.format(Locale.ROOT, "object-%05d.%s", l, f.extension()));
            f.write(m, p, o.overwrite());
            out.add(p);
        }
        return out;
    }

    private static void writeSummary(Path path, String inputName, VolumeInfo info, Optional<VoxelSize> voxelSize,
            AnalysisOptions o, ObjectTable table, List<String> warnings, boolean overwrite) {
        JsonObject j = new JsonObject();
        j.addProperty("input", inputName);
        j.addProperty("shape_zyx", info.depth() + "," + info.height() + "," + info.width());
        j.addProperty("voxel_size_nm_zyx", voxelSize.map(v -> v.z() + "," + v.y() + "," + v.x()).orElse(null));
        j.addProperty("length_unit", table.lengthUnit());
        j.addProperty("threshold", o.threshold());
        j.addProperty("min_size_voxels", o.minSize());
        j.addProperty("fill_holes", o.fillHoles().toString());
        j.addProperty("connectivity", o.connectivity().neighbours());
        j.addProperty("per_slice", o.perSlice());
        j.addProperty("split_touching", o.splitTouching());
        j.addProperty("count", table.count());
        double density = table.densityPerMm3();
        if (!Double.isNaN(density)) {
            j.addProperty("density_per_mm3", density);
        }
        j.addProperty("volume_fraction", table.volumeFraction());
        j.addProperty("image_volume", table.imageVolume());
        j.addProperty("total_object_volume", table.objects().stream().mapToDouble(m -> m.volume()).sum());
        j.addProperty("density_window", o.window());
        com.google.gson.JsonArray w = new com.google.gson.JsonArray();
        warnings.forEach(text -> w.add(Settings.render(text, Settings.QUOTED)));
        j.add("warnings", w);
        try (AtomicOutput out = AtomicOutput.begin(path, overwrite, false)) {
            try {
                Files.writeString(out.temp(), new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(j)
                        + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw VemsegException.IO.of(path, "write summary", e);
            }
            out.commit();
        }
    }
}
