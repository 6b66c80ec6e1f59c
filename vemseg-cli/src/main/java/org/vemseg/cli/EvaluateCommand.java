package org.vemseg.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.io.VolumeReader;
import org.vemseg.core.io.Volumes;
import org.vemseg.core.metrics.Evaluation;
import org.vemseg.core.metrics.EvaluationOptions;
import org.vemseg.core.metrics.EvaluationReport;
import org.vemseg.core.objects.Connectivity;
import org.vemseg.nn.predict.MaskThreshold;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code vemseg evaluate}: scores a prediction against labels. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Score a prediction against labels: TP/FP/FN/TN, precision, recall, F1 (Dice), Jaccard (IoU) "
                + "and accuracy per class, per slice and for the volume.",
            "Probabilities: float in [0,1] or uint8 0-255 (CDeep3M); integer masks: non-zero = foreground.",
            "With --fill-holes or --min-size the thresholded prediction is post-processed as analyze does before it "
                    + "is scored, so their effect on the scores can be measured."})
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--prediction", required = true, paramLabel = "VOLUME", converter = Converters.Location.class,
            description = "Probability map or mask.")
    VolumeLocation prediction;

    @Option(names = "--labels", required = true, paramLabel = "VOLUME", converter = Converters.Location.class,
            description = "Ground truth of the same shape.")
    VolumeLocation labels;

    @Mixin
    ThresholdChoice threshold;

    @Option(names = "--exclusion-zone", paramLabel = "N", defaultValue = "0",
            description = "Do not score voxels within N voxels (in-plane) of a label boundary (default 0).")
    int exclusionZone;

    @Option(names = "--label-value", paramLabel = "V",
            description = "Label value that marks the foreground (e.g. 0 for ISBI 2012 membranes); default: non-zero.")
    Integer labelValue;

    @Option(names = "--objects", description = "Also match 3D objects one-to-one by IoU >= 0.5: object precision, "
            + "recall, F1, count error.")
    boolean objects;

    @Option(names = "--boundary", description = "The prediction is a boundary (membrane) map: also Rand error and "
            + "variation of information of the cells it encloses (ISBI 2012).")
    boolean boundary;

    @Option(names = "--classes", description = "Prediction and labels are class maps (integer classes 0-255, "
            + "e.g. 0 background, 1 mitochondria, 2 membranes): scores per class, no threshold.")
    boolean classes;

    @Option(names = "--per-slice", description = "Also print one row per slice (always in --json and --csv).")
    boolean perSlice;

    @Option(names = "--connectivity", paramLabel = "6|18|26", defaultValue = "26",
            converter = Converters.Neighbours.class,
            description = "Connectivity of 3D objects, for --objects and --min-size (default ${DEFAULT-VALUE}).")
    Connectivity connectivity;

    @Mixin
    PostProcessingChoice postProcessing;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the report as JSON.")
    Path json;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write per-class and per-slice rows as CSV.")
    Path csv;

    @Mixin
    Overwrite overwrite;

    @Override
    public Integer call() {
        if (exclusionZone < 0) {
            throw new ParameterException(spec.commandLine(), "--exclusion-zone must be >= 0, was " + exclusionZone);
        }
        MaskThreshold t = threshold.resolve();
        if (!classes) {
            spec.commandLine().getOut().println("threshold " + t);
        }
        EvaluationOptions options = new EvaluationOptions(t.value(), exclusionZone,
                labelValue == null ? OptionalInt.empty() : OptionalInt.of(labelValue), objects, boundary,
                connectivity, 0.5, classes, postProcessing.resolve());
        EvaluationReport report;
        try (VolumeReader p = Volumes.open(prediction); VolumeReader l = Volumes.open(labels)) {
            report = Evaluation.run(p, prediction.toString(), l, labels.toString(), options);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(perSlice ? report.tableWithSlices() : report.table());
        if (json != null) {
            report.writeJson(json, overwrite.requested());
            out.println("wrote " + json);
        }
        if (csv != null) {
            report.writeCsv(csv, overwrite.requested());
            out.println("wrote " + csv);
        }
        out.flush();
        return 0;
    }
}
