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
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.AtomicOutput;
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
import org.vemseg.core.objects.LabelVolume;
import org.vemseg.core.objects.Mask;
import org.vemseg.core.objects.ObjectMeasurements;
import org.vemseg.core.objects.ObjectTable;
import org.vemseg.core.objects.Thresholding;
import org.vemseg.core.objects.TouchingObjectSplitter;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.VolumeInfo;
import org.vemseg.core.volume.VoxelSize;

/**
 * From a probability map or mask to numbers and files: threshold, 3D connected components, optional splitting
 * of touching objects, size filter, object table, count, density and volume fraction, density profiles along
 * z, y and x, a size histogram, an instance-label volume and surface meshes.
 *
 * <p>Output folder: {@code objects.csv}, {@code summary.json}, {@code density-profile.csv},
 * {@code density-profile.png}, {@code size-histogram.png}, the label volume ({@code labels.tif} by default),
 * and {@code mesh.<ext>} or {@code meshes/object-NNNNN.<ext>}. The volume is processed in memory (one byte
 * per voxel for the mask, four for the labels, four for the distance map when splitting).
 */
public final class ObjectAnalysis {

    private ObjectAnalysis() {
    }

    public static AnalysisResult run(VolumeReader input, String inputName, Path outDir, AnalysisOptions o) {
        VolumeInfo info = input.info();
        if (info.voxels() > Block.MAX_VOXELS) {
            throw new VemsegException.InvalidInput(inputName + ": " + info.voxels() + " voxels; analyze holds the "
                    + "volume in memory and supports at most " + Block.MAX_VOXELS + " voxels; crop it with "
                    + "'vemseg convert --crop'");
        }
        checkOutputs(outDir, o);
        List<String> warnings = new ArrayList<>();
        Optional<VoxelSize> voxelSize = o.voxelSize().or(info::voxelSize);
        if (voxelSize.isEmpty()) {
            warnings.add(inputName + " records no voxel size: volumes, lengths and the density window are in voxels"
                    + " (give --voxel-size z,y,x in nm for physical units)");
        }
        Mask mask = Thresholding.apply(input.readAll(), o.threshold(), inputName);
        double[] spacing = ObjectMeasurements.spacingUm(voxelSize);
        LabelVolume labels = ConnectedComponents.label(mask, o.connectivity());
        if (o.splitTouching()) {
            labels = TouchingObjectSplitter.split(mask, labels, spacing, o.seedDistance());
        }
        labels = labels.withMinSize(o.minSize());
        if (labels.count() == 0) {
            warnings.add("no objects found" + (mask.count() == 0 ? " (the mask is empty at threshold "
                    + o.threshold() + ")" : " larger than " + o.minSize() + " voxels"));
        }
        ObjectTable table = ObjectMeasurements.measure(labels, voxelSize);
        List<DensityProfile> profiles = new ArrayList<>();
        for (int axis = 0; axis < 3; axis++) {
            profiles.add(DensityProfile.of(table, axis, o.window()));
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
        if (o.mesh().isPresent()) {
            written.addAll(writeMeshes(mask, labels, table, spacing, o, outDir));
        }
        if (o.labelsFile().isPresent()) {
            Path p = outDir.resolve(o.labelsFile().get());
            Volumes.write(VolumeLocation.of(p), labels.toBlock(), voxelSize, WriteOptions.defaults().withOverwrite(ow));
            written.add(p);
        }
        return new AnalysisResult(table, profiles, warnings, written);
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
                throw new VemsegException.InvalidInput(outDir.resolve(n) + ": output exists; use --overwrite to "
                        + "replace it");
            }
        }
    }

    private static List<Path> writeMeshes(Mask mask, LabelVolume labels, ObjectTable table, double[] spacing,
            AnalysisOptions o, Path outDir) {
        MeshFormat f = o.mesh().get();
        List<Path> out = new ArrayList<>();
        if (!o.meshPerObject()) {
            // The whole mask after filtering (small objects removed), one surface.
            Mask kept = labels.foreground();
            TriangleMesh m = MarchingCubes.ofMask(kept.voxels(), kept.depth(), kept.height(), kept.width(), spacing);
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
        j.addProperty("connectivity", o.connectivity().neighbours());
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
        warnings.forEach(w::add);
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
