package org.vemseg.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.Notices;
import org.vemseg.core.Progress;
import org.vemseg.core.VemsegException;
import org.vemseg.core.volume.Block;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.DataType;
import org.vemseg.core.volume.Plane;
import org.vemseg.core.volume.VoxelSize;
import org.vemseg.nn.data.Patch;
import org.vemseg.nn.data.PatchSampler;
import org.vemseg.nn.data.SeededRandom;

class TrainingPlanesTest {

    private static final List<Plane> ALL = List.of(Plane.XY, Plane.XZ, Plane.YZ);
    private static final Path IMAGES = Path.of("img.tif");

    @TempDir
    Path dir;

    /** {@code planes} resolved, with the notices it gave. */
    private static List<Plane> resolve(TrainingPlanes planes, Optional<VoxelSize> voxel, int depth,
            List<String> notices) {
        Consumer<String> previous = Notices.redirect(notices::add);
        try {
            return planes.resolve(voxel, depth, 160, IMAGES);
        } finally {
            Notices.redirect(previous);
        }
    }

    @Test
    void autoTrainsOnThreePlanesOnlyForNearIsotropicVoxelsAndSaysWhy() {
        List<String> notes = new ArrayList<>();
        assertEquals(ALL, resolve(TrainingPlanes.auto(), Optional.of(new VoxelSize(5, 5, 5)), 140, notes));
        assertEquals(ALL, resolve(TrainingPlanes.auto(), Optional.of(new VoxelSize(7.4, 5, 5)), 140, notes));
        assertEquals(List.of(Plane.XY), resolve(TrainingPlanes.auto(), Optional.of(new VoxelSize(7.6, 5, 5)), 140,
                notes));
        assertEquals(List.of(Plane.XY), resolve(TrainingPlanes.auto(), Optional.empty(), 140, notes));
        assertEquals(List.of(Plane.XY), resolve(TrainingPlanes.auto(), Optional.of(new VoxelSize(5, 5, 5)), 79,
                notes));
        assertEquals(5, notes.size(), notes.toString());
        assertTrue(notes.get(0).startsWith("{planes} auto: the training voxels (5 x 5 x 5 nm (z, y, x)) are "
                + "near-isotropic, so patches come from the xy, xz and yz planes"), notes.get(0));
        assertTrue(notes.get(2).contains("anisotropic, so patches come from xy slices only"), notes.get(2));
        assertTrue(notes.get(3).startsWith("{planes} auto: the training images have no voxel size"), notes.get(3));
        assertTrue(notes.get(4).contains("the 79 training slices are fewer than half of {patch} 160"), notes.get(4));
    }

    @Test
    void chosenPlanesAreKeptWithANoticeForAnisotropicVoxelsAndRefusedForAShallowStack() {
        List<String> notes = new ArrayList<>();
        TrainingPlanes three = TrainingPlanes.parse("xy,xz,yz");
        assertEquals(ALL, resolve(three, Optional.of(new VoxelSize(5, 5, 5)), 80, notes));
        assertEquals(ALL, resolve(three, Optional.empty(), 80, notes));
        assertEquals(List.of(), notes, "no notice for isotropic or unknown voxels");
        assertEquals(ALL, resolve(three, Optional.of(new VoxelSize(50, 5, 5)), 80, notes));
        assertEquals(List.of("{planes} xy,xz,yz: the training voxels (50 x 5 x 5 nm (z, y, x)) are not "
                + "near-isotropic (z within 1.5x of y and x), so xz and yz slices look unlike xy slices; training on "
                + "them as asked"), notes);
        assertEquals(List.of(Plane.XY), resolve(TrainingPlanes.xy(), Optional.of(new VoxelSize(50, 5, 5)), 3, notes));
        assertEquals(1, notes.size(), "xy needs no notice");
        VemsegException e = assertThrows(VemsegException.InvalidInput.class,
                () -> resolve(three, Optional.empty(), 79, notes));
        assertEquals("img.tif: {planes} xy,xz,yz needs xz and yz slices at least half a patch tall, but the stack "
                + "trains on 79 slices for {patch} 160; use a smaller {patch} or {planes} xy",
                e.message(k -> "{" + k + "}"));
        assertEquals("auto", TrainingPlanes.parse(" AUTO ").toString());
        assertEquals("xz,xy", TrainingPlanes.parse("xz,xy").toString());
        assertThrows(VemsegException.InvalidInput.class, () -> TrainingPlanes.parse("xy,zz"));
    }

    /**
     * The held-out slices (the last ones) are cut off the training volume before any plane is sampled: no xz or yz
     * patch, nor its frames, reaches into them.
     */
    @Test
    void heldOutSlicesNeverReachXzOrYzTrainingPatches() {
        // 30 slices of 64 × 64: intensities below 256, except 1000 in the slices the automatic hold-out keeps (5,
        // the frames)
        int d = 30;
        int s = 64;
        short[] img = new short[d * s * s];
        byte[] lab = new byte[img.length];
        Random r = new Random(2);
        for (int i = 0; i < img.length; i++) {
            boolean heldOut = i / (s * s) >= d - 5;
            img[i] = (short) (heldOut ? 1000 : r.nextInt(256));
            lab[i] = (byte) (heldOut || i % s < 20 ? 1 : 0);
        }
        Path images = TrainingData.write(dir.resolve("img"), Block.wrap(Box.ofShape(d, s, s), DataType.UINT16, img));
        Path labels = TrainingData.write(dir.resolve("lab"), Block.wrap(Box.ofShape(d, s, s), DataType.UINT8, lab));
        TrainingConfig c = TrainingConfig.builder(images, labels, dir.resolve("m.vsm")).optPatch(32).optBatch(2)
                .optWidth(0.125).optForeground(OptionalInt.of(1)).optPlanes(TrainingPlanes.parse("xy,xz,yz"))
                .optFrames(List.of(5)).build();
        TrainingInputs in = TrainingInputs.prepare(c);
        assertEquals(5, in.heldOut());
        assertEquals(25, in.train().depth());
        assertEquals(ALL, in.planes());
        // 1000 normalised; every training intensity, interpolated or not, normalises to less
        float marker = in.normalisation().apply(1000);
        float highest = in.normalisation().apply(255);
        PatchSampler sampler = new PatchSampler(in.train(), in.planes(), in.normalisation(), 5, 32);
        SeededRandom rng = new SeededRandom(1);
        float seen = Float.NEGATIVE_INFINITY;
        for (int k = 0; k < 300; k++) {
            Patch p = k % 2 == 0 ? sampler.next(rng) : sampler.nextAffine(rng);
            for (float v : p.image()) {
                seen = Math.max(seen, v);
            }
        }
        assertTrue(seen <= highest + 1e-4 && seen < marker, "highest patch value " + seen);
        assertEquals(1000, in.valid().get().images()[0], "the held-out slices validate");
    }

    @Test
    void resumeIsRefusedWhenPlanesOrBoundaryWeightChange() {
        Path[] data = TrainingData.synthetic(dir, 24, 64, 3);
        Path out = dir.resolve("r.vsm");
        TrainingConfig.Builder three = resumable(data, out).optPlanes(TrainingPlanes.parse("xy,xz,yz"));
        Trainer stopping = new Trainer();
        assertTrue(stopping.run(three.build(), new StopAfter(1, stopping::requestStop)).interrupted());

        assertEquals("planes: was xy,xz,yz, now not set", refusal(resumable(data, out).optResume(true)));
        assertEquals("planes: was xy,xz,yz, now xy,yz",
                refusal(resumable(data, out).optResume(true).optPlanes(TrainingPlanes.parse("xy,yz"))));
        assertEquals("boundary weight: was not recorded, now 2.0",
                refusal(three.optResume(true).optBoundaryWeight(2)));

        TrainingResult done = new Trainer().run(three.optBoundaryWeight(0).build(), Progress.NONE);
        assertEquals(2, done.members().get(0).iterations());
        java.util.Map<String, String> hp = org.vemseg.nn.bundle.ModelBundle.readManifest(out).members().get(0)
                .provenance().hyperParameters();
        assertEquals("xy,xz,yz", hp.get("planes"));
        assertEquals("0.0", hp.get("boundaryWeight"));
    }

    private static TrainingConfig.Builder resumable(Path[] data, Path out) {
        return TrainingConfig.builder(data[0], data[1], out).optPatch(32).optBatch(2).optWidth(0.125)
                .optForeground(OptionalInt.of(1)).optIgnore(OptionalInt.of(2)).optIterations(2)
                .optCheckpointEvery(1).optHoldoutSlices(0).optClassWeights(ClassWeights.none());
    }

    /** What a resume of {@code b} is refused for: the setting that differs, as the message names it. */
    private static String refusal(TrainingConfig.Builder b) {
        VemsegException e = assertThrows(VemsegException.InvalidInput.class,
                () -> new Trainer().run(b.build(), Progress.NONE));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("other settings or data \\((.*)\\); resume")
                .matcher(e.getMessage());
        assertTrue(m.find(), e.getMessage());
        return m.group(1);
    }
}
