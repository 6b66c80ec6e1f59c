package org.vemseg.nn.pretrain;

import java.nio.file.Path;
import java.util.List;
import org.vemseg.nn.train.OptimizerKind;

/**
 * A transfer benchmark: every dataset is fine-tuned from random initialisation and from the pre-trained encoder
 * with identical settings (network, iterations, patches, batch, optimiser, seed), so the initialisation is the
 * only difference.
 *
 * @param data folder holding the datasets ({@code ../shared/data})
 * @param out Markdown table to write; a CSV of the same results is written beside it ({@code .csv})
 * @param work folder for split volumes, models and training logs
 */
public record BenchmarkConfig(List<BenchmarkDataset> datasets, Path data, Path encoderWeights, long iterations,
        Path out, Path work, int patch, int batch, OptimizerKind optimizer, double learningRate, long seed,
        boolean overwrite) {

    public BenchmarkConfig {
        datasets = List.copyOf(datasets);
        if (datasets.isEmpty()) {
            throw new IllegalArgumentException("at least one dataset is needed");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be ≥ 1 but was " + iterations);
        }
    }

    public Path csv() {
        String name = out.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return out.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".csv");
    }
}
