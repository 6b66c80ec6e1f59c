package org.vemseg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.synth.SyntheticEm;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.VoxelSize;
import org.vemseg.nn.bundle.ModelBundle;

/** {@code train --planes} and {@code --boundary-weight}: short real trainings that write a model recording them. */
class TrainPlanesCommandTest {

    @TempDir
    Path dir;

    /** 24 slices of 64 × 64 synthetic EM, TIFFs with voxels of {@code voxel} (labels 0, 1 and 2 = boundary). */
    private Path[] data(VoxelSize voxel) {
        SyntheticEm.Sample s = new SyntheticEm(Box.ofShape(24, 64, 64), voxel, 5).generate();
        Path img = dir.resolve("img.tif");
        Path lab = dir.resolve("lab.tif");
        Volumes.write(VolumeLocation.of(img), s.image(), Optional.of(voxel), WriteOptions.defaults());
        Volumes.write(VolumeLocation.of(lab), s.labels(), Optional.of(voxel), WriteOptions.defaults());
        return new Path[] {img, lab};
    }

    /** Two iterations of a small network on 32-px patches; the automatic hold-out keeps 3 slices, 21 train. */
    private CliRun train(Path[] d, Path out, String... more) {
        return train(d, out, 32, more);
    }

    private CliRun train(Path[] d, Path out, int patch, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--images", d[0].toString(), "--labels", d[1].toString(),
                "--out", out.toString(), "--iterations", "2", "--width", "0.125", "--patch", String.valueOf(patch),
                "--batch", "2", "--validate-every", "2", "-q"));
        a.addAll(List.of(more));
        return CliRun.of(a.toArray(String[]::new));
    }

    private static Map<String, String> hyperParameters(Path model) {
        return ModelBundle.readManifest(model).members().get(0).provenance().hyperParameters();
    }

    @Test
    void autoTrainsOnThreePlanesOfIsotropicVoxelsWithBoundaryWeightsAndDice() {
        Path[] d = data(new VoxelSize(8, 8, 8));
        Path out = dir.resolve("iso.vsm");
        CliRun r = train(d, out, "--foreground", "1", "--ignore", "2", "--planes", "auto", "--boundary-weight", "3",
                "--dice");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("vemseg: --planes auto: the training voxels (8 x 8 x 8 nm (z, y, x)) are "
                + "near-isotropic, so patches come from the xy, xz and yz planes (validation stays xy)"), r.err());
        assertTrue(r.out().contains("wrote " + out), r.out());
        Map<String, String> hp = hyperParameters(out);
        assertEquals("xy,xz,yz (auto)", hp.get("planes"));
        assertEquals("3.0", hp.get("boundaryWeight"));
        assertEquals("true", hp.get("dice"));
    }

    @Test
    void chosenPlanesOfAnisotropicVoxelsTrainWithANoticeAlsoWithFramesAndSeveralClasses() {
        Path[] d = data(new VoxelSize(30, 8, 8));
        Path out = dir.resolve("aniso.vsm");
        CliRun r = train(d, out, "--classes", "3", "--planes", "xy,xz,yz", "--frames", "3", "--boundary-weight",
                "1");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("vemseg: --planes xy,xz,yz: the training voxels (30 x 8 x 8 nm (z, y, x)) are "
                + "not near-isotropic"), r.err());
        assertEquals("xy,xz,yz", hyperParameters(out).get("planes"));
        assertEquals("1.0", hyperParameters(out).get("boundaryWeight"));

        Path auto = dir.resolve("auto.vsm");
        CliRun a = train(d, auto, "--classes", "3", "--planes", "auto");
        assertEquals(0, a.exitCode(), a.err());
        assertTrue(a.err().contains("are anisotropic, so patches come from xy slices only"), a.err());
        assertEquals("xy (auto)", hyperParameters(auto).get("planes"));

        Path plain = dir.resolve("plain.vsm");
        CliRun p = train(d, plain, "--classes", "3");
        assertEquals(0, p.exitCode(), p.err());
        assertFalse(p.err().contains("--planes"), "no notice for the default: " + p.err());
        assertEquals("xy", hyperParameters(plain).get("planes"));
        assertEquals("0.0", hyperParameters(plain).get("boundaryWeight"));
    }

    @Test
    void badValuesAreRefusedInOneLineBeforeTraining() {
        Path[] d = data(new VoxelSize(8, 8, 8));
        Path out = dir.resolve("bad.vsm");
        CliRun planes = train(d, out, "--classes", "3", "--planes", "xy,zz");
        assertEquals(2, planes.exitCode());
        assertEquals("vemseg: error: --planes: unknown plane 'zz' in 'xy,zz'; valid: xy,xz,yz", planes.err().strip());
        CliRun weight = train(d, out, "--classes", "3", "--boundary-weight", "-1");
        assertEquals(2, weight.exitCode());
        assertEquals("vemseg: error: --boundary-weight must be a number ≥ 0, was -1.0", weight.err().strip());
        CliRun shallow = train(d, out, 64, "--classes", "3", "--planes", "xz");
        assertEquals(2, shallow.exitCode());
        assertTrue(shallow.err().strip().endsWith("--planes xz needs xz and yz slices at least half a patch tall, "
                + "but the stack trains on 21 slices for --patch 64; use a smaller --patch or --planes xy"),
                shallow.err());
        assertFalse(Files.exists(out));
    }
}
