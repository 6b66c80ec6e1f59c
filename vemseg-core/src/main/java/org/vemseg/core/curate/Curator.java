package org.vemseg.core.curate;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.io.AtomicOutput;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.volume.VolumeInfo;
import org.vemseg.core.volume.VoxelSize;

/**
 * Curates unlabeled EM into a non-redundant set of informative patches (the data step of CEM500K).
 * For every source volume and plane orientation, patches are cut on a grid, scored for information
 * ({@link InformativeScore}), and those that pass are compared with every patch kept so far by dHash
 * ({@link DHash}, {@link HammingIndex}); a patch within the Hamming threshold of a kept one is a duplicate.
 *
 * <p>The filter runs before deduplication, so a tissue patch is never dropped as the "duplicate" of a
 * blank patch that is itself dropped later; a low-score patch is reported as low-score whether or not it
 * has a twin. The first patch of a group of near-copies is the one kept (sources in sorted path order,
 * xy before xz before yz, planes in order).
 *
 * <p>Output folder, written under a temporary name and moved into place at the end ({@link AtomicOutput}):
 * {@code patches/NNNN/IIIIIIII.png} (kept patches, 8-bit, id I, 10,000 per subfolder),
 * {@code manifest.csv} (every cut patch; see {@link ManifestWriter}), {@code summary.json},
 * {@code contact_kept.png} and {@code contact_dropped.png}.
 *
 * <p>Memory: one read slab ({@link CurationOptions#memoryBytes()}), 28 bytes per kept patch in the index,
 * and the contact-sheet samples. There is no resume: an interrupted run leaves no output and starts over.
 */
public final class Curator {

    /** Voxel sizes within this ratio (largest / smallest) count as near-isotropic for xz and yz patches. */
    public static final double ISOTROPY_RATIO = 1.5;

    private static final int SHEET_KEPT = 48;
    private static final int SHEET_LOW = 30;
    private static final int SHEET_DUPLICATES = 12;
    private static final int SHEET_BORDER = 16;

    private final CurationOptions options;
    private final Progress progress;

    public Curator(CurationOptions options, Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    /** Runs the curation and writes the output folder; returns the counts. */
    public CurationSummary run() {
        CurationInputs.Scan scan = CurationInputs.scan(options.inputs(), options.excludeGlobs(), options.skipLabels(),
                options.out());
        CurationSummary summary = new CurationSummary(options);
        scan.skipped().forEach(summary::skip);
        List<Plan> plans = plan(scan.sources(), summary);
        if (plans.isEmpty()) {
            throw new VemsegException.InvalidInput("no volume to curate under " + options.inputs()
                    + (scan.skipped().isEmpty() ? "" : " (" + scan.skipped().size() + " files skipped: "
                    + scan.skipped().get(0).path() + ": " + scan.skipped().get(0).reason() + ", ...)"));
        }
        long total = plans.stream().mapToLong(Plan::patches).sum();
        try (AtomicOutput output = AtomicOutput.begin(options.out(), options.overwrite(), true)) {
            Path dir = output.temp();
            Run run = new Run(dir, summary);
            progress.start("curate", total, "patches");
            try (ManifestWriter manifest = new ManifestWriter(dir.resolve("manifest.csv"))) {
                run.manifest = manifest;
                for (Plan plan : plans) {
                    if (!run.curate(plan)) {
                        summary.stopEarly();
                        break;
                    }
                }
            } finally {
                progress.finish();
            }
            run.writeSheets();
            summary.writeJson(dir.resolve("summary.json"));
            output.commit();
        }
        return summary;
    }

    /** A source with the orientations to cut and the expected patch count. */
    private record Plan(CurationInputs.Source source, List<Plane> planes, String note, long patches, VolumeInfo info) {
    }

    /** Opens every source once to decide its planes and count its patches; unreadable ones are skipped. */
    private List<Plan> plan(List<CurationInputs.Source> sources, CurationSummary summary) {
        List<Plan> plans = new ArrayList<>();
        for (CurationInputs.Source s : sources) {
            try (VolumeReader reader = Volumes.open(s.location())) {
                VolumeInfo info = reader.info();
                List<Plane> planes = new ArrayList<>(List.of(Plane.XY));
                String note = "";
                if (options.allPlanes() && info.depth() > 1) {
                    if (info.voxelSize().isEmpty()) {
                        note = "voxel size unknown: xy only";
                    } else if (anisotropy(info.voxelSize().get()) > ISOTROPY_RATIO) {
                        note = String.format(Locale.ROOT, "voxel size %s anisotropic (ratio %.1f > %.1f): xy only",
                                info.voxelSize().get(), anisotropy(info.voxelSize().get()), ISOTROPY_RATIO);
                    } else {
                        planes.add(Plane.XZ);
                        planes.add(Plane.YZ);
                    }
                }
                PatchCropper cropper = new PatchCropper(reader, IntensityWindow.unchanged(), options.size(),
                        options.stride(), options.margin(), options.memoryBytes());
                long n = 0;
                List<Plane> usable = new ArrayList<>();
                for (Plane p : planes) {
                    long c = cropper.count(p);
                    if (c > 0) {
                        usable.add(p);
                        n += c;
                    } else if (p != Plane.XY) {
                        note = (note.isEmpty() ? "" : note + "; ") + p + " planes smaller than a patch";
                    }
                }
                if (n == 0) {
                    summary.skip(new CurationInputs.Skipped(s.name(), "smaller than one " + options.size()
                            + " px patch (" + info.depth() + " x " + info.height() + " x " + info.width() + ")"));
                    continue;
                }
                plans.add(new Plan(s, usable, note, n, info));
            } catch (VemsegException e) {
                summary.skip(new CurationInputs.Skipped(s.name(), "unreadable: " + e.getMessage()));
            }
        }
        return plans;
    }

    private static double anisotropy(VoxelSize v) {
        double max = Math.max(v.z(), Math.max(v.y(), v.x()));
        double min = Math.min(v.z(), Math.min(v.y(), v.x()));
        return max / min;
    }

    /** The state of one run: ids, the index of kept hashes, the samples for the contact sheets. */
    private final class Run {
        private final Path dir;
        private final CurationSummary summary;
        private final HammingIndex index = new HammingIndex();
        private final ContactSheet keptSheet = new ContactSheet(SHEET_KEPT, 1);
        private final ContactSheet lowSheet = new ContactSheet(SHEET_LOW, 2);
        private final ContactSheet duplicateSheet = new ContactSheet(SHEET_DUPLICATES, 3);
        private final ContactSheet lowestPassing = new ContactSheet(SHEET_BORDER, ContactSheet.Pick.LOWEST, 4);
        private final ContactSheet highestFailing = new ContactSheet(SHEET_BORDER, ContactSheet.Pick.HIGHEST, 5);
        private ManifestWriter manifest;
        private int nextId;

        Run(Path dir, CurationSummary summary) {
            this.dir = dir;
            this.summary = summary;
        }

        /** Curates one source; false when --max-patches is reached. */
        boolean curate(Plan plan) {
            long[] counts = new long[2];
            boolean[] going = {true};
            String name = plan.source().name();
            String shortName = Path.of(name).getFileName().toString();
            try (VolumeReader reader = Volumes.open(plan.source().location())) {
                IntensityWindow window = IntensityWindow.of(reader);
                PatchCropper cropper = new PatchCropper(reader, window, options.size(), options.stride(),
                        options.margin(), options.memoryBytes());
                for (Plane plane : plan.planes()) {
                    cropper.crop(plane, patch -> {
                        if (!going[0]) {
                            return;
                        }
                        counts[0]++;
                        if (decide(name, shortName, patch)) {
                            counts[1]++;
                            if (options.maxPatches() > 0 && summary.kept() >= options.maxPatches()) {
                                going[0] = false;
                            }
                        }
                        progress.advance(1);
                    });
                    if (!going[0]) {
                        break;
                    }
                }
            }
            VolumeInfo i = plan.info();
            summary.source(new CurationSummary.SourceCount(name,
                    i.depth() + " x " + i.height() + " x " + i.width() + " " + i.dataType(),
                    plan.planes().toString(), plan.note(), counts[0], counts[1]));
            return going[0];
        }

        /** Scores, hashes and files one patch; true if kept. */
        private boolean decide(String source, String shortName, Patch patch) {
            int id = nextId++;
            int size = patch.size();
            double score = InformativeScore.of(patch.pixels(), size).score();
            long hash = DHash.of(patch.pixels(), size, size);
            String reason = "";
            String file = "";
            String where = String.format(Locale.ROOT, "%s %s z%d y%d x%d", shortName, patch.plane(), patch.z(),
                    patch.y(), patch.x());
            if (score < options.minScore()) {
                reason = "low-score";
                ContactSheet.Entry e = new ContactSheet.Entry(id, patch.pixels(), size, score,
                        String.format(Locale.ROOT, "#%d LOW score %.1f%n%s", id, score, where), -1);
                lowSheet.offer(e);
                highestFailing.offer(e);
            } else {
                lowestPassing.offer(new ContactSheet.Entry(id, patch.pixels(), size, score,
                        String.format(Locale.ROOT, "#%d score %.1f%n%s", id, score, where), -1));
                var twin = index.nearest(hash, options.hamming());
                if (twin.isPresent()) {
                    reason = "duplicate-of " + twin.get().id() + ":" + twin.get().distance();
                    duplicateSheet.offer(new ContactSheet.Entry(id, patch.pixels(), size, score,
                            String.format(Locale.ROOT, "#%d DUP d=%d s=%.0f%n%s", id, twin.get().distance(), score,
                                    where), twin.get().id()));
                } else {
                    index.add(hash, id);
                    file = patchFile(id);
                    PatchImages.writePng(PatchImages.image(patch.pixels(), size), dir.resolve(file));
                    keptSheet.offer(new ContactSheet.Entry(id, patch.pixels(), size, score,
                            String.format(Locale.ROOT, "#%d score %.1f%n%s", id, score, where), -1));
                }
            }
            manifest.row(id, source, patch, hash, score, reason, file);
            summary.count(patch.plane(), score, reason);
            return reason.isEmpty();
        }

        void writeSheets() {
            BufferedImage kept = ContactSheet.render(String.format(Locale.ROOT,
                    "kept: random %d of %d, lowest score first (threshold %.1f)", keptSheet.entries().size(),
                    summary.kept(), options.minScore()), keptSheet.entries(), true, 8, id -> null);
            ContactSheet.write(kept, dir.resolve("contact_kept.png"));
            List<ContactSheet.Entry> dropped = new ArrayList<>(lowSheet.entries());
            BufferedImage low = ContactSheet.render(String.format(Locale.ROOT,
                    "dropped: random %d of %d low-score (highest first) and %d of %d duplicates "
                            + "beside their kept original",
                    lowSheet.entries().size(), summary.lowScore(), duplicateSheet.entries().size(),
                    summary.duplicates()), concat(dropped, duplicateSheet.entries()), false, 8, this::keptImage);
            ContactSheet.write(low, dir.resolve("contact_dropped.png"));
            BufferedImage border = ContactSheet.render(String.format(Locale.ROOT,
                    "threshold %.1f: the %d lowest-scoring patches that passed, "
                            + "then the %d highest-scoring that did not",
                    options.minScore(), lowestPassing.entries().size(), highestFailing.entries().size()),
                    concat(lowestPassing.entries(), highestFailing.entries()), false, 8, id -> null);
            ContactSheet.write(border, dir.resolve("contact_threshold.png"));
        }

        private BufferedImage keptImage(int id) {
            Path f = dir.resolve(patchFile(id));
            return Files.exists(f) ? PatchImages.readPng(f) : null;
        }
    }

    private static List<ContactSheet.Entry> concat(List<ContactSheet.Entry> a, List<ContactSheet.Entry> b) {
        List<ContactSheet.Entry> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Where a kept patch goes, relative to the output: 10,000 files per folder. */
    static String patchFile(int id) {
        return String.format(Locale.ROOT, "patches/%04d/%08d.png", id / 10_000, id);
    }
}
