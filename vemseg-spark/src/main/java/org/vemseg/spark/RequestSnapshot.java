package org.vemseg.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.vemseg.core.io.VolumeLocation;
import org.vemseg.core.predict.OutputType;
import org.vemseg.nn.model.ComputeDevice;
import org.vemseg.nn.predict.PredictionRequest;

/**
 * The settings of a {@link PredictionRequest} that an executor needs to run units of its plan, in a serialisable
 * form (paths as strings): where the models, the input and the outputs are, and how the models predict. The
 * chunking, memory and mirror-border settings are not here: they are fixed in the plan the driver made (its tile
 * geometry carries the border, and the units' tiles are placed by it).
 *
 * @param uncertaintyOrEmpty the uncertainty output, or an empty string without one (an {@link Optional} does not
 *                           serialise)
 * @param halo               the halo asked for, or -1 for the models' own
 */
record RequestSnapshot(List<String> models, String input, String output, String uncertaintyOrEmpty, int tta,
        int tile, int overlap, int halo, OutputType outputType, double threshold, int outputClass, int batch,
        ComputeDevice device) implements Serializable {

    private static final long serialVersionUID = 1L;

    RequestSnapshot {
        models = List.copyOf(models);
    }

    static RequestSnapshot of(PredictionRequest r) {
        return new RequestSnapshot(r.models().stream().map(p -> p.toAbsolutePath().normalize().toString()).toList(),
                absolute(r.input()), absolute(r.output()), r.uncertainty().map(RequestSnapshot::absolute).orElse(""),
                r.tta(), r.tile(), r.overlap(), r.halo().orElse(-1), r.outputType(), r.threshold(),
                r.outputClass().isPresent() ? r.outputClass().getAsInt() : -1, r.batch(), r.device());
    }

    private static String absolute(VolumeLocation l) {
        return new VolumeLocation(l.path().toAbsolutePath().normalize(), l.dataset()).toString();
    }

    /** The request again, as far as running units needs it. */
    PredictionRequest request() {
        PredictionRequest.Builder b = PredictionRequest.builder(modelPaths(), VolumeLocation.parse(input),
                VolumeLocation.parse(output)).optTta(tta).optTile(tile).optOverlap(overlap)
                .optOutputType(outputType).optThreshold(threshold).optBatch(batch).optDevice(device);
        uncertainty().ifPresent(u -> b.optUncertainty(VolumeLocation.parse(u)));
        haloSetting().ifPresent(b::optHalo);
        if (outputClass >= 0) {
            b.optOutputClass(outputClass);
        }
        return b.build();
    }

    /** The halo asked for, empty for the models' own. */
    OptionalInt haloSetting() {
        return halo >= 0 ? OptionalInt.of(halo) : OptionalInt.empty();
    }

    Optional<String> uncertainty() {
        return uncertaintyOrEmpty.isEmpty() ? Optional.empty() : Optional.of(uncertaintyOrEmpty);
    }

    List<Path> modelPaths() {
        return models.stream().map(Path::of).toList();
    }
}
