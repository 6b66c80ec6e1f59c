package org.vemseg.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vemseg.core.Progress;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.io.WriteOptions;
import org.vemseg.core.synth.SyntheticEm;
import org.vemseg.core.volume.Box;
import org.vemseg.core.volume.VoxelSize;
import org.vemseg.nn.train.Trainer;
import org.vemseg.nn.train.TrainingResult;
import picocli.CommandLine;

/**
 * What {@code train} does with the files of an earlier run beside {@code --out}: an interrupted run's checkpoint
 * and log, an earlier model's log, and the data a resumed run is given.
 */
class TrainResumeCommandTest {

    @TempDir
    Path dir;

    /** A tiny run: 3 iterations of a small network; fixed class weights, so only the data decide a resume. */
    private List<String> args(Path[] data, Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--images", data[0].toString(), "--labels",
                data[1].toString(), "--out", out.toString(), "--foreground", "1", "--ignore", "2", "--iterations",
                "3", "--width", "0.125", "--patch", "64", "--batch", "1", "--class-weights", "1,1", "-q"));
        a.addAll(List.of(more));
        return a;
    }

    private static CliRun run(List<String> args) {
        return CliRun.of(args.toArray(String[]::new));
    }

    /** Runs the training {@code args} describe (as the command line parses them) and stops it after one iteration. */
    private static void interruptedRun(List<String> args) {
        CommandLine cl = new CommandLine(new TrainCommand());
        cl.parseArgs(args.subList(1, args.size()).toArray(String[]::new));
        TrainCommand command = cl.getCommand();
        Trainer trainer = new Trainer();
        TrainingResult r = trainer.run(command.config(), new Progress() {
            @Override
            public void start(String task, long total, String unit) {
            }

            @Override
            public void advance(long amount) {
                if (amount > 0) {
                    trainer.requestStop(); // as Ctrl-C does
                }
            }

            @Override
            public void finish() {
            }
        });
        assertTrue(r.interrupted());
    }

    @Test
    void aNewRunOverAnInterruptedOneIsRefusedUnlessOverwriting() throws IOException {
        Path[] d = SyntheticFiles.labelled(dir, 4);
        Path out = dir.resolve("m.vsm");
        interruptedRun(args(d, out));
        Path checkpoint = dir.resolve("m.vsm.f1.ckpt");
        byte[] saved = Files.readAllBytes(checkpoint);

        CliRun again = run(args(d, out));
        assertEquals(2, again.exitCode());
        assertEquals("vemseg: error: " + out + ": an interrupted run left a checkpoint (m.vsm.f1.ckpt); use --resume "
                + "to continue it or --overwrite to start again", again.err().strip());
        assertArrayEquals(saved, Files.readAllBytes(checkpoint), "checkpoint untouched");
        assertFalse(Files.exists(out));

        CliRun over = run(args(d, out, "--overwrite"));
        assertEquals(0, over.exitCode(), over.err());
        assertTrue(over.out().contains("1-frame resunet: 3 iterations"), over.out());
        assertEquals(List.of(1L, 2L, 3L), iterations(dir.resolve("m.vsm.log.csv")), "the new run's log only");
        assertFalse(Files.exists(checkpoint));
    }

    @Test
    void resumeRefusesOtherDataAndAcceptsTheSameDataMoved() throws IOException {
        Path[] d = SyntheticFiles.labelled(dir, 4);
        Path[] moved = {dir.resolve("moved-img"), dir.resolve("moved-lab")};
        copyFolder(d[0], moved[0]);
        copyFolder(d[1], moved[1]);
        Path out = dir.resolve("m.vsm");
        interruptedRun(args(d, out));
        byte[] saved = Files.readAllBytes(dir.resolve("m.vsm.f1.ckpt"));

        // same shape and label values, other content
        SyntheticEm.Sample other = new SyntheticEm(Box.ofShape(4, 64, 64), new VoxelSize(30, 8, 8), 6).generate();
        Volumes.write(VolumeLocation.of(d[0]), other.image(), Optional.empty(), WriteOptions.defaults()
                .withOverwrite(true));
        CliRun images = run(args(d, out, "--resume"));
        assertEquals(2, images.exitCode(), images.out());
        assertTrue(images.err().strip().matches("vemseg: error: \\S+m\\.vsm\\.f1\\.ckpt: checkpoint was written with "
                + "other settings or data \\(training images: was 4×64×64, content [0-9a-f]{16}, now 4×64×64, "
                + "content [0-9a-f]{16}\\); resume with the same options and data, or use --overwrite to start "
                + "again"), images.err());

        copyFolder(moved[0], d[0]);
        Volumes.write(VolumeLocation.of(d[1]), other.labels(), Optional.empty(), WriteOptions.defaults()
                .withOverwrite(true));
        CliRun labels = run(args(d, out, "--resume"));
        assertEquals(2, labels.exitCode(), labels.out());
        assertTrue(labels.err().contains("(training labels: was 4×64×64, content "), labels.err());
        assertArrayEquals(saved, Files.readAllBytes(dir.resolve("m.vsm.f1.ckpt")), "checkpoint untouched");
        assertFalse(Files.exists(out));

        CliRun same = run(args(moved, out, "--resume"));
        assertEquals(0, same.exitCode(), same.err());
        assertTrue(same.out().contains("1-frame resunet: 3 iterations"), same.out());
        assertEquals(List.of(1L, 2L, 3L), iterations(dir.resolve("m.vsm.log.csv")),
                "the interrupted run's log, continued");
    }

    @Test
    void anEarlierModelsLogIsReplacedOnlyWithItsModel() throws IOException {
        Path[] d = SyntheticFiles.labelled(dir, 4);
        Path out = dir.resolve("m.vsm");
        Path log = dir.resolve("m.vsm.log.csv");
        Files.writeString(log, "an unrelated file\n");
        CliRun unrelated = run(args(d, out));
        assertEquals(2, unrelated.exitCode());
        assertEquals("vemseg: error: " + log + ": output exists; use --overwrite to replace it",
                unrelated.err().strip());
        assertEquals("an unrelated file\n", Files.readString(log));

        assertEquals(0, run(args(d, out, "--overwrite")).exitCode());
        byte[] model = Files.readAllBytes(out);
        byte[] modelLog = Files.readAllBytes(log);
        interruptedRun(args(d, out, "--overwrite", "--seed", "2"));
        assertArrayEquals(model, Files.readAllBytes(out), "the earlier model stays until the new one is written");
        assertArrayEquals(modelLog, Files.readAllBytes(log), "and so does its log");
        assertEquals(List.of(1L), iterations(dir.resolve("m.vsm.partial.log.csv")));

        CliRun resumed = run(args(d, out, "--overwrite", "--seed", "2", "--resume"));
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertEquals(List.of(1L, 2L, 3L), iterations(log));
        assertFalse(Arrays.equals(modelLog, Files.readAllBytes(log)), "the new model's log");
        assertFalse(Files.exists(dir.resolve("m.vsm.partial.log.csv")));
    }

    /** The iteration column of a training log. */
    private static List<Long> iterations(Path log) throws IOException {
        return Files.readAllLines(log).stream().skip(1).map(l -> Long.parseLong(l.split(",")[1])).toList();
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
