package org.vemseg.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vemseg.core.Progress;
import org.vemseg.nn.model.ResNetDepth;
import org.vemseg.nn.pretrain.PretrainConfig;
import org.vemseg.nn.pretrain.PretrainResult;
import org.vemseg.nn.pretrain.Pretrainer;
import org.vemseg.nn.train.OptimizerKind;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vemseg pretrain}: parses options into a {@link PretrainConfig} and runs the {@link Pretrainer}. */
@Command(name = "pretrain", mixinStandardHelpOptions = true,
        description = {"Self-supervised MoCo v2 pre-training of a ResUNet's ResNet encoder on unlabeled EM "
                + "patches (e.g. the patches/ folder of vemseg curate).",
            "Writes the encoder weights (for vemseg train --arch resunet|resunet50 --encoder-weights), a CSV log "
                    + "(OUT.log.csv), a loss chart (OUT.loss.png) and, while running, a checkpoint (OUT.ckpt) and "
                    + "the log so far (OUT.partial.log.csv)."})
final class PretrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--patches", required = true, paramLabel = "DIR", description = "Folder of PNG patches.")
    Path patches;

    @Option(names = "--out", required = true, paramLabel = "FILE.weights", description = "Encoder weights to write.")
    Path out;

    @Mixin
    Overwrite overwrite;

    @ArgGroup(exclusive = true)
    RunControl.Length length;

    @Mixin
    RunControl run;

    @Option(names = "--arch", paramLabel = "resnet18|resnet50", defaultValue = "resnet18",
            converter = Converters.Encoder.class,
            description = "Encoder: resnet18 (for train --arch resunet) or resnet50 (for train --arch resunet50). "
                    + "Default: ${DEFAULT-VALUE}.")
    ResNetDepth arch;

    @Option(names = "--width", paramLabel = "W",
            description = "Channel multiplier; must match vemseg train --width (default: that of train's default, "
                    + "0.25 for both encoders).")
    Double width;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "32", description = "Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--queue", paramLabel = "N", defaultValue = "65536",
            description = "Negative keys kept. Default: ${DEFAULT-VALUE}.")
    int queue;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "0.2", description = "Default: ${DEFAULT-VALUE}.")
    double temperature;

    @Option(names = "--momentum", paramLabel = "M", defaultValue = "0.999",
            description = "Key encoder momentum. Default: ${DEFAULT-VALUE}.")
    double momentum;

    @Option(names = "--optimizer", paramLabel = "sgd|adamw", defaultValue = "sgd",
            converter = Converters.Optimizer.class,
            description = "Default: ${DEFAULT-VALUE} (cosine-decayed learning rate).")
    OptimizerKind optimizer;

    @Option(names = "--lr", paramLabel = "RATE", description = "Peak learning rate (default 0.03 sgd, 1e-3 adamw).")
    Double lr;

    @Option(names = "--size", paramLabel = "PX", defaultValue = "96",
            description = "Side of the augmented views, a multiple of 32 (MoCo: 224). Default: ${DEFAULT-VALUE}.")
    int size;

    @Option(names = "--bn-groups", paramLabel = "G",
            description = "Batch-norm groups for MoCo's shuffled BN (default 4, or 2 or 1 if the batch does not "
                    + "divide).")
    Integer bnGroups;

    @Mixin
    TrainingSession session;

    @Override
    public Integer call() {
        Progress progress = session.start();
        PretrainConfig c = config();
        Pretrainer pretrainer = new Pretrainer();
        PretrainResult r = CheckpointOnShutdown.run(pretrainer::requestStop, () -> pretrainer.run(c, progress));
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%d iterations in %.1f min on %d patches; loss %.3f (first 50 of this session) -> "
                + "%.3f (last 50)%n", r.iterations(), r.seconds() / 60, r.patches(), r.meanLoss(50), r.meanLoss(-50));
        if (r.interrupted()) {
            o.println("interrupted: checkpoint written; rerun with --resume to continue");
        } else {
            o.println("wrote " + c.out() + " (log: " + c.log() + ", chart: " + c.chart() + ")");
        }
        o.flush();
        return r.interrupted() ? VemsegCli.INTERRUPTED : 0;
    }

    PretrainConfig config() {
        try {
            PretrainConfig.Builder b = PretrainConfig.builder(patches, out).optOverwrite(overwrite.requested())
                    .optArch(arch).optBatch(batch).optQueue(queue).optTemperature(temperature).optMomentum(momentum)
                    .optOptimizer(optimizer).optSize(size).optSeed(run.seed).optResume(run.resume)
                    .optCheckpointEvery(run.checkpointEvery);
            if (lr != null) {
                b.optLr(lr);
            }
            if (width != null) {
                b.optWidth(width);
            }
            if (bnGroups != null) {
                b.optBnGroups(bnGroups);
            }
            RunControl.Length.apply(length, b::optMaxMinutes, b::optIterations);
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
